package dev.bucketwarden.agent.pipeline;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.engine.spi.EngineInfo;
import dev.bucketwarden.engine.spi.ScanContext;
import dev.bucketwarden.engine.spi.ScanEngine;
import dev.bucketwarden.engine.spi.Verdict;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ResultStore;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.results.ScanSource;
import dev.bucketwarden.store.settings.BucketSettings;
import dev.bucketwarden.store.settings.StaticBucketSettingsProvider;
import dev.bucketwarden.store.tags.TagKeys;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Content that is not an S3 object yet goes through the pipeline's chain, digest and
 * tags; a refused upload is recorded and published under an ETag no stored version has, a
 * clean one is not recorded.
 */
class ContentScanTests {

	private static final byte[] CONTENT = "some upload content".getBytes(StandardCharsets.UTF_8);

	private final List<ScanRecord> created = new ArrayList<>();

	private final List<ScanRecord> published = new ArrayList<>();

	private final ResultStore results = new ResultStore() {

		@Override
		public Optional<ScanRecord> find(String bucket, String key, String versionId, String eTag) {
			return Optional.empty();
		}

		@Override
		public Optional<ScanRecord> create(ScanRecord record, String replacing) {
			ContentScanTests.this.created.add(record);
			return Optional.empty();
		}

		@Override
		public boolean update(ScanRecord record) {
			return true;
		}

	};

	@Test
	void shouldDigestAndTagACleanUploadWithoutRecordingIt() {
		ContentScan.Scanned scanned = scanner(new ReadingEngine(new Verdict.Clean(), Integer.MAX_VALUE))
			.scanUpload(content(-1), "uploads", "docs/a.txt");

		assertThat(scanned.status()).isEqualTo(ResultStatus.CLEAN);
		assertThat(scanned.sha256()).isEqualTo(sha256(CONTENT));
		assertThat(scanned.tags()).containsEntry(TagKeys.RESULT, "Clean");
		assertThat(scanned.recordId()).isNull();
		assertThat(this.created).isEmpty();
		assertThat(this.published).isEmpty();
	}

	@Test
	void shouldRecordAndPublishARefusedUploadUnderAnETagNoStoredVersionHas() {
		ContentScan.Scanned scanned = scanner(new ReadingEngine(new Verdict.Infected(List.of("Eicar")), 1))
			.scanUpload(content(CONTENT.length), "uploads", "docs/eicar.com");

		assertThat(scanned.status()).isEqualTo(ResultStatus.INFECTED);
		assertThat(scanned.sha256()).as("the rest is read for the digest").isEqualTo(sha256(CONTENT));
		assertThat(this.created).singleElement().satisfies((record) -> {
			assertThat(record.id()).isEqualTo(scanned.recordId());
			assertThat(record.bucket()).isEqualTo("uploads");
			assertThat(record.key()).isEqualTo("docs/eicar.com");
			assertThat(record.versionId()).isNull();
			assertThat(record.eTag()).isEqualTo(ContentScan.REFUSED_UPLOAD_ETAG + record.id());
			assertThat(record.source()).isEqualTo(ScanSource.API);
		});
		assertThat(this.published).extracting(ScanRecord::id).containsExactly(scanned.recordId());
	}

	@Test
	void shouldGiveNoDigestForContentOverTheLimit() {
		ContentScan.Scanned scanned = scanner(new ReadingEngine(new Verdict.Clean(), Integer.MAX_VALUE)).scanUpload(
				new ContentScan.Content(new ByteArrayInputStream(CONTENT), "big", null, -1, 5, true), "uploads",
				"big.bin");

		assertThat(scanned.status()).isEqualTo(ResultStatus.UNSCANNABLE);
		assertThat(scanned.sha256()).isNull();
		assertThat(this.created).extracting(ScanRecord::status).containsExactly(ResultStatus.UNSCANNABLE);
	}

	@Test
	void shouldGiveNoDigestWhenNoneWasAskedFor() {
		ReadingEngine engine = new ReadingEngine(new Verdict.Clean(), Integer.MAX_VALUE);
		ContentScan.Scanned scanned = scanner(engine).scan(
				new ContentScan.Content(new ByteArrayInputStream(CONTENT), "a.txt", null, CONTENT.length, 1024, false));

		assertThat(scanned.status()).isEqualTo(ResultStatus.CLEAN);
		assertThat(scanned.report().bytesScanned()).isEqualTo(CONTENT.length);
		assertThat(scanned.sha256()).isNull();
	}

	@Test
	void shouldNotRecordAPlainScan() {
		ContentScan.Scanned scanned = scanner(new ReadingEngine(new Verdict.Infected(List.of("Eicar")), 1))
			.scan(content(CONTENT.length));

		assertThat(scanned.status()).isEqualTo(ResultStatus.INFECTED);
		assertThat(scanned.tags()).isEmpty();
		assertThat(this.created).isEmpty();
		assertThat(this.published).isEmpty();
	}

	private ContentScan scanner(ScanEngine engine) {
		EngineChain chain = EngineChain.builder().engine(engine, true, Duration.ofSeconds(10)).build();
		return new ContentScan(new ChainSelector(chain),
				new StaticBucketSettingsProvider(BucketSettings.quarantineTo("uploads-q"), Map.of()), this.results,
				this.published::add, Duration.ofSeconds(10),
				Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC));
	}

	private static ContentScan.Content content(long length) {
		return new ContentScan.Content(new ByteArrayInputStream(CONTENT), "a.txt", "text/plain", length, 1024, true);
	}

	private static String sha256(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Reads up to a number of bytes, then answers its verdict.
	 *
	 * @param verdict its answer
	 * @param bytes how much it reads
	 */
	private record ReadingEngine(Verdict verdict, int bytes) implements ScanEngine {

		@Override
		public String id() {
			return "test";
		}

		@Override
		public Verdict scan(InputStream content, ScanContext context) {
			try {
				content.readNBytes(this.bytes);
			}
			catch (IOException ex) {
				// The chain judges by what it metered (over the limit: too large).
			}
			return this.verdict;
		}

		@Override
		public EngineInfo info() {
			return new EngineInfo("test", "Test 1.0", "1", null);
		}

		@Override
		public EngineInfo probe() {
			return info();
		}

	}

}
