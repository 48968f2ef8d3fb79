package dev.bucketwarden.engine.premium;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.engine.chain.ScanReport;
import dev.bucketwarden.engine.spi.EngineException;
import dev.bucketwarden.engine.spi.ErrorKind;
import dev.bucketwarden.engine.spi.ObjectRef;
import dev.bucketwarden.engine.spi.ScanContext;
import dev.bucketwarden.engine.spi.ScanEngine;
import dev.bucketwarden.engine.spi.UnscannableReason;
import dev.bucketwarden.engine.spi.Verdict;
import dev.bucketwarden.local.samples.Samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The premium engine's policies on real formats, with default and configured policies.
 */
class PremiumEngineTests {

	private final ScanEngine defaults = Fixtures.engine(Map.of());

	private final ScanEngine strict = Fixtures.engine(Map.of("blocked-executable", "INFECTED", "blocked-script",
			"INFECTED", "blocked-macro", "INFECTED", "type-mismatch", "UNSCANNABLE"));

	@Test
	void shouldPassCleanFilesOfSeveralTypes() {
		Map<String, byte[]> files = new LinkedHashMap<>();
		files.put("report.txt", Fixtures.text());
		files.put("notes.csv", "a,b,c\n1,2,3\n".getBytes());
		files.put("invoice.pdf", Fixtures.pdf());
		files.put("photo.png", Fixtures.png());
		files.put("letter.docx", Fixtures.ooxmlDocument(false));
		files.put("letter.doc", Fixtures.ole2Document(false));
		files.put("bundle.zip", Samples.zip(Map.of("a.txt", Fixtures.text(), "b.pdf", Fixtures.pdf())));
		files.put("random.bin", Samples.random(3 << 20, 5));
		files.put("no-extension", Samples.random(1000, 6));
		files.forEach((name, content) -> {
			assertThat(Fixtures.scan(this.defaults, name, content)).as(name).isEqualTo(new Verdict.Clean());
			assertThat(Fixtures.scan(this.strict, name, content)).as(name + " (strict)").isEqualTo(new Verdict.Clean());
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "invoice.pdf", "photo.jpg", "report.txt", "letter.docx" })
	void shouldReportAnExecutableUnderAnotherTypesNameAsDisguised(String name) {
		assertThat(Fixtures.scan(this.defaults, name, Fixtures.exe()))
			.isEqualTo(Verdict.Infected.of("BucketWarden.Policy.DisguisedExecutable"));
		assertThat(Fixtures.scan(this.defaults, name, Fixtures.elf()))
			.isEqualTo(Verdict.Infected.of("BucketWarden.Policy.DisguisedExecutable"));
	}

	@Test
	void shouldFindADisguisedExecutableInsideAZip() {
		byte[] zip = Samples.zip(Map.of("readme.txt", Fixtures.text(), "invoice.pdf", Fixtures.exe()));
		assertThat(Fixtures.scan(this.defaults, "documents.zip", zip))
			.isEqualTo(Verdict.Infected.of("BucketWarden.Policy.DisguisedExecutable"));
	}

	@Test
	void shouldLetExecutablesUnderTheirOwnNameThroughUnlessBlocked() {
		assertThat(Fixtures.scan(this.defaults, "setup.exe", Fixtures.exe())).isEqualTo(new Verdict.Clean());
		assertThat(Fixtures.scan(this.defaults, "tool", Fixtures.elf())).isEqualTo(new Verdict.Clean());
		assertThat(Fixtures.scan(this.defaults, "libtrue.so.3", Fixtures.elf())).isEqualTo(new Verdict.Clean());
		assertThat(Fixtures.scan(this.strict, "setup.exe", Fixtures.exe()))
			.isEqualTo(Verdict.Infected.of("BucketWarden.Policy.BlockedType.Executable"));
		assertThat(Fixtures.scan(this.strict, "tools.zip", Samples.zip("tool", Fixtures.elf())))
			.isEqualTo(Verdict.Infected.of("BucketWarden.Policy.BlockedType.Executable"));
	}

	@Test
	void shouldBlockScriptsByContentAndByName() {
		assertThat(Fixtures.scan(this.strict, "install", "#!/bin/sh\nrm -rf /tmp/x\n".getBytes()))
			.isEqualTo(Verdict.Infected.of("BucketWarden.Policy.BlockedType.Script"));
		assertThat(Fixtures.scan(this.strict, "update.ps1", "Write-Host 'hi'\n".getBytes()))
			.isEqualTo(Verdict.Infected.of("BucketWarden.Policy.BlockedType.Script"));
		assertThat(Fixtures.scan(this.defaults, "update.ps1", "Write-Host 'hi'\n".getBytes()))
			.isEqualTo(new Verdict.Clean());
	}

	@Test
	void shouldFindMacrosInOle2AndOoxmlDocuments() {
		Verdict.Infected macro = Verdict.Infected.of("BucketWarden.Policy.BlockedType.Macro");
		assertThat(Fixtures.scan(this.strict, "budget.doc", Fixtures.ole2Document(true))).isEqualTo(macro);
		assertThat(Fixtures.scan(this.strict, "budget.docm", Fixtures.ooxmlDocument(true))).isEqualTo(macro);
		assertThat(Fixtures.scan(this.strict, "budget.zip", Samples.zip("budget.doc", Fixtures.ole2Document(true))))
			.isEqualTo(macro);
		// Off by default: macros are an organisation's choice.
		assertThat(Fixtures.scan(this.defaults, "budget.docm", Fixtures.ooxmlDocument(true)))
			.isEqualTo(new Verdict.Clean());
	}

	@Test
	void shouldReportEncryptedArchivesAsUnscannableOrInfectedAsConfigured() {
		byte[] zip = Samples.encryptedZip(Map.of("invoice.pdf", Fixtures.pdf()), "secret");
		assertThat(Fixtures.scan(this.defaults, "invoice.zip", zip)).isInstanceOfSatisfying(Verdict.Unscannable.class,
				(unscannable) -> {
					assertThat(unscannable.reason()).isEqualTo(UnscannableReason.ENCRYPTED);
					assertThat(unscannable.detail()).contains("BucketWarden.Policy.EncryptedArchive", "invoice.pdf");
				});
		assertThat(Fixtures.scan(Fixtures.engine(Map.of("encrypted-archive", "INFECTED")), "invoice.zip", zip))
			.isEqualTo(Verdict.Infected.of("BucketWarden.Policy.EncryptedArchive"));
	}

	@Test
	void shouldStopAtAZipBombAfterLittleWork() {
		byte[] bomb = Fixtures.zipBomb(64 << 20);
		assertThat(bomb.length).isLessThan(200_000);
		assertThat(Fixtures.scan(this.defaults, "bomb.zip", bomb))
			.isEqualTo(Verdict.Infected.of("BucketWarden.Policy.ZipBomb"));
		assertThat(Fixtures.scan(this.defaults, "bomb.zip", Samples.zip("inner.zip", bomb)))
			.isEqualTo(Verdict.Infected.of("BucketWarden.Policy.ZipBomb"));
		// Under the ratio it is only a well-compressed file.
		assertThat(Fixtures.scan(Fixtures.engine(Map.of("max-compression-ratio", "2000")), "bomb.zip", bomb))
			.isEqualTo(new Verdict.Clean());
	}

	@Test
	void shouldLimitNestingEntriesAndExpandedSize() {
		assertThat(Fixtures.scan(this.defaults, "deep.zip", Samples.nestedZip(Fixtures.text(), 6)))
			.isInstanceOfSatisfying(Verdict.Unscannable.class, (unscannable) -> {
				assertThat(unscannable.reason()).isEqualTo(UnscannableReason.LIMITS_EXCEEDED);
				assertThat(unscannable.detail()).contains("BucketWarden.Policy.ArchiveNesting");
			});
		assertThat(Fixtures.scan(this.defaults, "deep.zip", Samples.nestedZip(Fixtures.text(), 5)))
			.isEqualTo(new Verdict.Clean());
		Map<String, byte[]> many = new LinkedHashMap<>();
		for (int i = 0; i < 12; i++) {
			many.put("file-" + i + ".txt", Fixtures.text());
		}
		assertThat(Fixtures.scan(Fixtures.engine(Map.of("max-entries", "10")), "many.zip", Samples.zip(many)))
			.isInstanceOfSatisfying(Verdict.Unscannable.class,
					(unscannable) -> assertThat(unscannable.detail()).contains("BucketWarden.Policy.ArchiveEntries"));
		assertThat(Fixtures.scan(Fixtures.engine(Map.of("max-expanded-size", "1MB")), "big.zip",
				Samples.zip("random.bin", Samples.random(2 << 20, 3))))
			.isInstanceOfSatisfying(Verdict.Unscannable.class, (unscannable) -> assertThat(unscannable.detail())
				.contains("BucketWarden.Policy.ArchiveExpandedSize"));
	}

	@Test
	void shouldReportACorruptArchiveAsUnscannable() {
		byte[] zip = Samples.zip("a.txt", Samples.random(100_000, 9));
		byte[] truncated = java.util.Arrays.copyOf(zip, 5000);
		assertThat(Fixtures.scan(this.defaults, "broken.zip", truncated)).isInstanceOf(Verdict.Unscannable.class);
	}

	@Test
	void shouldReportTypeMismatchesOnlyWhenConfigured() {
		assertThat(Fixtures.scan(this.defaults, "photo.pdf", Fixtures.png())).isEqualTo(new Verdict.Clean());
		assertThat(Fixtures.scan(this.strict, "photo.pdf", Fixtures.png()))
			.isInstanceOfSatisfying(Verdict.Unscannable.class, (unscannable) -> assertThat(unscannable.detail())
				.contains("BucketWarden.Policy.TypeMismatch", "image/png", "application/pdf"));
	}

	@Test
	void shouldBlockListedMediaTypes() {
		ScanEngine engine = Fixtures.engine(Map.of("blocked-types", "image/png, application/x-tika-msoffice"));
		assertThat(Fixtures.scan(engine, "photo.png", Fixtures.png()))
			.isEqualTo(Verdict.Infected.of("BucketWarden.Policy.BlockedType.image_png"));
		assertThat(Fixtures.scan(engine, "report.txt", Fixtures.text())).isEqualTo(new Verdict.Clean());
	}

	@Test
	void shouldApplyABucketsOwnPolicyToItsObjects() {
		ScanEngine engine = Fixtures.engine(Map.of("buckets.build.artifacts.blocked-executable", "INFECTED",
				"buckets.build.artifacts.max-entries", "3"));
		assertThat(
				Fixtures.scan(engine, new ObjectRef.S3Object("build.artifacts", "bin/setup.exe", null), Fixtures.exe()))
			.isEqualTo(Verdict.Infected.of("BucketWarden.Policy.BlockedType.Executable"));
		assertThat(Fixtures.scan(engine, new ObjectRef.S3Object("uploads", "bin/setup.exe", null), Fixtures.exe()))
			.isEqualTo(new Verdict.Clean());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Fixtures.engine(Map.of("buckets.uploads.no-such-key", "1")))
			.withMessageContaining("no-such-key");
		assertThatIllegalArgumentException().isThrownBy(() -> Fixtures.engine(Map.of("zip-bomb", "MAYBE")))
			.withMessageContaining("zip-bomb");
	}

	@Test
	void shouldFailWhenTheContentCannotBeRead() {
		InputStream failing = new java.io.SequenceInputStream(new ByteArrayInputStream(Samples.random(100_000, 1)),
				new InputStream() {
					@Override
					public int read() throws IOException {
						throw new IOException("connection reset");
					}
				});
		assertThatExceptionOfType(EngineException.class)
			.isThrownBy(() -> this.defaults.scan(failing, ScanContext.of(new ObjectRef.Upload("x.zip"), 200_000)))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.CONTENT_READ));
	}

	@Test
	void shouldReadEveryByteSoTheChainAcceptsItsCleanVerdict() {
		EngineChain chain = EngineChain.builder().engine(this.defaults).build();
		byte[] content = Samples.zip("a.txt", Samples.random(1 << 20, 2));
		ScanReport report = chain.scan(new ByteArrayInputStream(content),
				ScanContext.of(new ObjectRef.Upload("a.zip"), content.length));
		assertThat(report.verdict()).isEqualTo(new Verdict.Clean());
		assertThat(report.bytesScanned()).isEqualTo(content.length);
		assertThat(report.engines().getFirst().info().product()).startsWith("BucketWarden Premium");
	}

}
