package dev.bucketwarden.engine.chain;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.bucketwarden.engine.spi.EngineException;
import dev.bucketwarden.engine.spi.ErrorKind;
import dev.bucketwarden.engine.spi.ObjectRef;
import dev.bucketwarden.engine.spi.ScanContext;
import dev.bucketwarden.engine.spi.ScanLimits;
import dev.bucketwarden.engine.spi.ScanResult;
import dev.bucketwarden.engine.spi.UnscannableReason;
import dev.bucketwarden.engine.spi.Verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EngineChainTests {

	private static final Verdict CLEAN = new Verdict.Clean();

	private static final Verdict INFECTED_A = Verdict.Infected.of("Sig.A");

	private static final Verdict UNSCANNABLE = new Verdict.Unscannable(UnscannableReason.ENCRYPTED,
			"Heuristics.Encrypted.Zip");

	private static final EngineException DOWN = EngineException.unavailable("engine down", null);

	@TempDir
	Path spool;

	private final byte[] content = randomBytes(300_000);

	/**
	 * Every pair of outcomes for two required engines, run with RUN_ALL so that the
	 * aggregation (not the stop policy) decides: any infected wins; else any error; else
	 * any unscannable; clean only when both are clean.
	 */
	static Stream<Arguments> twoRequiredEngines() {
		return Stream.of(Arguments.of("clean", "clean", ScanResult.CLEAN),
				Arguments.of("clean", "infected", ScanResult.INFECTED),
				Arguments.of("clean", "unscannable", ScanResult.UNSCANNABLE),
				Arguments.of("clean", "error", ScanResult.ERROR),
				Arguments.of("infected", "clean", ScanResult.INFECTED),
				Arguments.of("infected", "infected", ScanResult.INFECTED),
				Arguments.of("infected", "unscannable", ScanResult.INFECTED),
				Arguments.of("infected", "error", ScanResult.INFECTED),
				Arguments.of("unscannable", "clean", ScanResult.UNSCANNABLE),
				Arguments.of("unscannable", "infected", ScanResult.INFECTED),
				Arguments.of("unscannable", "unscannable", ScanResult.UNSCANNABLE),
				Arguments.of("unscannable", "error", ScanResult.ERROR),
				Arguments.of("error", "clean", ScanResult.ERROR),
				Arguments.of("error", "infected", ScanResult.INFECTED),
				Arguments.of("error", "unscannable", ScanResult.ERROR),
				Arguments.of("error", "error", ScanResult.ERROR));
	}

	@ParameterizedTest(name = "{0} + {1} -> {2}")
	@MethodSource("twoRequiredEngines")
	void shouldAggregateEveryCombinationOfTwoRequiredEngines(String first, String second, ScanResult expected) {
		EngineChain chain = EngineChain.builder()
			.engine(engine("one", first))
			.engine(engine("two", second))
			.policy(ChainPolicy.RUN_ALL)
			.spoolDirectory(this.spool)
			.build();

		ScanReport report = scan(chain);

		assertThat(report.verdict().result()).isEqualTo(expected);
		assertThat(report.engines()).extracting(EngineResult::engineId).containsExactly("one", "two");
	}

	@ParameterizedTest(name = "single {0}")
	@MethodSource("singleOutcomes")
	void shouldReportASingleEngineVerdictAsIs(String outcome, ScanResult expected) {
		EngineChain chain = EngineChain.builder().engine(engine("one", outcome)).build();

		ScanReport report = scan(chain);

		assertThat(report.verdict().result()).isEqualTo(expected);
		assertThat(report.engines()).singleElement().satisfies((result) -> {
			assertThat(result.info().signatureVersion()).isEqualTo("7");
			assertThat(result.duration()).isNotNull();
		});
	}

	static Stream<Arguments> singleOutcomes() {
		return Stream.of(Arguments.of("clean", ScanResult.CLEAN), Arguments.of("infected", ScanResult.INFECTED),
				Arguments.of("unscannable", ScanResult.UNSCANNABLE), Arguments.of("error", ScanResult.ERROR));
	}

	@Test
	void shouldKeepWhichEngineFoundWhatWhenRunningAll() {
		EngineChain chain = EngineChain.builder()
			.engine(ScriptedEngine.answering("one", INFECTED_A))
			.engine(ScriptedEngine.answering("two", Verdict.Infected.of("Sig.B", "Sig.A")))
			.policy(ChainPolicy.RUN_ALL)
			.spoolDirectory(this.spool)
			.build();

		ScanReport report = scan(chain);

		assertThat(report.verdict()).isEqualTo(new Verdict.Infected(List.of("Sig.A", "Sig.B")));
		assertThat(report.signaturesByEngine()).containsEntry("one", List.of("Sig.A"))
			.containsEntry("two", List.of("Sig.B", "Sig.A"));
	}

	@Test
	void shouldKeepThePolicyWhenBuiltWithOtherMembers() {
		ScriptedEngine one = ScriptedEngine.answering("one", INFECTED_A);
		ScriptedEngine two = ScriptedEngine.answering("two", Verdict.Infected.of("Sig.B"));
		EngineChain chain = EngineChain.builder()
			.engine(one)
			.engine(two)
			.policy(ChainPolicy.RUN_ALL)
			.spoolDirectory(this.spool)
			.build();

		EngineChain reversed = chain.withMembers(List.of(chain.members().get(1), chain.members().get(0)));
		ScanReport report = scan(reversed);

		assertThat(reversed.policy()).isEqualTo(ChainPolicy.RUN_ALL);
		assertThat(reversed.members().getFirst().engine()).isSameAs(two);
		assertThat(report.engines()).extracting(EngineResult::engineId).containsExactly("two", "one");
	}

	@Test
	void shouldStopAtFirstInfectedByDefault() {
		ScriptedEngine second = ScriptedEngine.answering("two", CLEAN);
		EngineChain chain = EngineChain.builder()
			.engine(ScriptedEngine.answering("one", INFECTED_A))
			.engine(second)
			.spoolDirectory(this.spool)
			.build();

		ScanReport report = scan(chain);

		assertThat(report.verdict()).isEqualTo(INFECTED_A);
		assertThat(second.scans()).isZero();
		assertThat(report.engines()).extracting(EngineResult::engineId).containsExactly("one");
	}

	/**
	 * In memory (300 KB under the 1 MiB default), moved to a file mid-stream (64 KiB
	 * limit), and in a file from the first byte (0).
	 */
	@ParameterizedTest(name = "memory spool limit {0}: spool files while scanning {1}")
	@org.junit.jupiter.params.provider.CsvSource({ "1048576, 0", "65536, 1", "0, 1" })
	void shouldGiveEveryEngineTheSameBytesFetchedOnceAndDeleteTheSpool(int memoryLimit, long filesWhileScanning)
			throws IOException {
		ScriptedEngine first = ScriptedEngine.readingOnly("one", 1000, UNSCANNABLE);
		ScriptedEngine second = ScriptedEngine.answering("two", CLEAN);
		java.util.concurrent.atomic.AtomicLong spoolFiles = new java.util.concurrent.atomic.AtomicLong(-1);
		ScriptedEngine third = ScriptedEngine.answering("three", CLEAN).onScan(() -> {
			try (Stream<Path> files = Files.list(this.spool)) {
				spoolFiles.set(files.count());
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		});
		EngineChain chain = EngineChain.builder()
			.optionalEngine(first)
			.engine(second)
			.engine(third)
			.spoolDirectory(this.spool)
			.memorySpoolLimit(memoryLimit)
			.build();
		CountingSource source = new CountingSource(this.content);

		ScanReport report = chain.scan(source, ScanContext.of(new ObjectRef.Upload("x"), this.content.length));

		assertThat(report.verdict()).isEqualTo(CLEAN);
		assertThat(source.reads).as("bytes read from the source").isEqualTo(this.content.length);
		assertThat(second.lastSha256()).isEqualTo(sha256(this.content));
		assertThat(third.lastSha256()).isEqualTo(sha256(this.content));
		assertThat(report.bytesScanned()).isEqualTo(this.content.length);
		assertThat(spoolFiles.get()).as("spool files while the third engine scanned").isEqualTo(filesWhileScanning);
		try (Stream<Path> left = Files.list(this.spool)) {
			assertThat(left).as("spool files left behind").isEmpty();
		}
	}

	@Test
	void shouldNotLetAnOptionalEnginesErrorDecideTheVerdict() {
		EngineChain chain = EngineChain.builder()
			.optionalEngine(ScriptedEngine.failing("optional", DOWN))
			.engine(ScriptedEngine.answering("required", CLEAN))
			.spoolDirectory(this.spool)
			.build();

		ScanReport report = scan(chain);

		assertThat(report.verdict()).isEqualTo(CLEAN);
		assertThat(report.engines().getFirst().verdict()).isInstanceOf(Verdict.Error.class);
	}

	@Test
	void shouldLetAnOptionalEnginesFindingDecideTheVerdict() {
		EngineChain chain = EngineChain.builder()
			.engine(ScriptedEngine.answering("required", CLEAN))
			.optionalEngine(ScriptedEngine.answering("optional", INFECTED_A))
			.spoolDirectory(this.spool)
			.build();

		assertThat(scan(chain).verdict()).isEqualTo(INFECTED_A);
	}

	@Test
	void shouldRefuseAChainWithoutARequiredEngine() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EngineChain.builder().optionalEngine(ScriptedEngine.answering("o", CLEAN)).build());
		assertThatIllegalArgumentException().isThrownBy(() -> EngineChain.builder().build());
	}

	@Test
	void shouldTurnAnEngineThatReportsCleanWithoutReadingEverythingIntoAnError() {
		EngineChain chain = EngineChain.builder().engine(ScriptedEngine.readingOnly("lazy", 1000, CLEAN)).build();

		ScanReport report = scan(chain);

		assertThat(report.verdict()).isInstanceOfSatisfying(Verdict.Error.class,
				(error) -> assertThat(error.message()).contains("without reading the whole content"));
	}

	@Test
	void shouldTurnAnEngineBugIntoAnError() {
		EngineChain chain = EngineChain.builder().engine(ScriptedEngine.crashing("buggy")).build();

		assertThat(scan(chain).verdict()).isInstanceOfSatisfying(Verdict.Error.class,
				(error) -> assertThat(error.kind()).isEqualTo(ErrorKind.ENGINE_FAILURE));
	}

	@Test
	void shouldNotCallTruncatedContentClean() {
		EngineChain chain = EngineChain.builder().engine(ScriptedEngine.answering("one", CLEAN)).build();

		ScanReport report = chain.scan(new ByteArrayInputStream(this.content),
				ScanContext.of(new ObjectRef.Upload("x"), this.content.length + 10));

		assertThat(report.verdict()).isInstanceOfSatisfying(Verdict.Error.class,
				(error) -> assertThat(error.kind()).isEqualTo(ErrorKind.CONTENT_READ));
	}

	@Test
	void shouldReportASourceFailureAsAnErrorInEveryChainShape() {
		for (EngineChain chain : List.of(EngineChain.builder().engine(ScriptedEngine.answering("one", CLEAN)).build(),
				EngineChain.builder()
					.engine(ScriptedEngine.answering("one", CLEAN))
					.engine(ScriptedEngine.answering("two", CLEAN))
					.spoolDirectory(this.spool)
					.build())) {
			ScanReport report = chain.scan(new FailingSource(this.content, 5000),
					ScanContext.of(new ObjectRef.Upload("x"), ScanContext.UNKNOWN_SIZE));

			assertThat(report.verdict()).isInstanceOfSatisfying(Verdict.Error.class,
					(error) -> assertThat(error.kind()).isEqualTo(ErrorKind.CONTENT_READ));
		}
	}

	@Test
	void shouldNotReadContentThatIsDeclaredLargerThanTheLimit() {
		ScriptedEngine engine = ScriptedEngine.answering("one", CLEAN);
		EngineChain chain = EngineChain.builder().engine(engine).build();
		CountingSource source = new CountingSource(this.content);

		ScanReport report = chain.scan(source, new ScanContext(new ObjectRef.Upload("x"), this.content.length, null,
				new ScanLimits(1000, ScanLimits.DEFAULT.timeout())));

		assertThat(report.verdict()).isInstanceOfSatisfying(Verdict.Unscannable.class,
				(unscannable) -> assertThat(unscannable.reason()).isEqualTo(UnscannableReason.TOO_LARGE));
		assertThat(source.reads).isZero();
		assertThat(engine.scans()).isZero();
	}

	@Test
	void shouldStopContentOfUnknownSizeAtTheLimitInEveryChainShape() {
		ScanLimits limits = new ScanLimits(100_000, ScanLimits.DEFAULT.timeout());
		for (EngineChain chain : List.of(EngineChain.builder().engine(ScriptedEngine.answering("one", CLEAN)).build(),
				EngineChain.builder()
					.engine(ScriptedEngine.readingOnly("one", 10, UNSCANNABLE))
					.engine(ScriptedEngine.answering("two", CLEAN))
					.policy(ChainPolicy.RUN_ALL)
					.spoolDirectory(this.spool)
					.build())) {
			ScanReport report = chain.scan(new ByteArrayInputStream(this.content),
					new ScanContext(new ObjectRef.Upload("x"), ScanContext.UNKNOWN_SIZE, null, limits));

			assertThat(report.verdict().result()).isNotEqualTo(ScanResult.CLEAN);
			assertThat(report.engines())
				.anySatisfy((result) -> assertThat(result.verdict()).isInstanceOfSatisfying(Verdict.Unscannable.class,
						(unscannable) -> assertThat(unscannable.reason()).isEqualTo(UnscannableReason.TOO_LARGE)));
		}
	}

	private ScanReport scan(EngineChain chain) {
		return chain.scan(new ByteArrayInputStream(this.content),
				ScanContext.of(new ObjectRef.Upload("sample.bin"), this.content.length));
	}

	private static ScriptedEngine engine(String id, String outcome) {
		return switch (outcome) {
			case "clean" -> ScriptedEngine.answering(id, CLEAN);
			case "infected" -> ScriptedEngine.answering(id, Verdict.Infected.of("Sig." + id));
			case "unscannable" -> ScriptedEngine.answering(id, UNSCANNABLE);
			case "error" -> ScriptedEngine.failing(id, DOWN);
			default -> throw new IllegalArgumentException(outcome);
		};
	}

	private static byte[] randomBytes(int size) {
		byte[] bytes = new byte[size];
		new Random(7).nextBytes(bytes);
		return bytes;
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Counts what is read from it, as an S3 GET would be metered. */
	private static final class CountingSource extends ByteArrayInputStream {

		long reads;

		CountingSource(byte[] content) {
			super(content);
		}

		@Override
		public synchronized int read(byte[] buffer, int offset, int length) {
			int n = super.read(buffer, offset, length);
			if (n > 0) {
				this.reads += n;
			}
			return n;
		}

	}

	/** Fails after some bytes, as a dropped connection to S3 would. */
	private static final class FailingSource extends InputStream {

		private final ByteArrayInputStream delegate;

		private int left;

		FailingSource(byte[] content, int failAfter) {
			this.delegate = new ByteArrayInputStream(content);
			this.left = failAfter;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return (read(one, 0, 1) == -1) ? -1 : one[0] & 0xFF;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (this.left <= 0) {
				throw new IOException("Connection reset by peer");
			}
			int n = this.delegate.read(buffer, offset, Math.min(length, this.left));
			this.left -= n;
			return n;
		}

	}

}
