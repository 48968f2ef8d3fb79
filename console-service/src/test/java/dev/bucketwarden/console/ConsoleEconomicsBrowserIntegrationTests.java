package dev.bucketwarden.console;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bucketwarden.agent.findings.CompositeFindingPublisher;
import dev.bucketwarden.agent.pipeline.Attempt;
import dev.bucketwarden.agent.pipeline.ScanPipeline;
import dev.bucketwarden.agent.request.ScanTarget;
import dev.bucketwarden.agent.storage.ObjectStore;
import dev.bucketwarden.agent.usage.UsageCounter;
import dev.bucketwarden.agent.usage.UsageRollupWriter;
import dev.bucketwarden.console.economics.EconomicsReport;
import dev.bucketwarden.console.economics.Money;
import dev.bucketwarden.console.economics.Period;
import dev.bucketwarden.console.economics.Prices;
import dev.bucketwarden.engine.chain.ChainMember;
import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.engine.spi.EngineSettings;
import dev.bucketwarden.engine.spi.ScanEngineRegistry;
import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.samples.Samples;
import dev.bucketwarden.store.results.DynamoDbResultStore;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.results.ScanSource;
import dev.bucketwarden.store.settings.BucketSettings;
import dev.bucketwarden.store.settings.Remediation;
import dev.bucketwarden.store.settings.StaticBucketSettingsProvider;
import dev.bucketwarden.store.usage.DynamoDbUsageTable;
import dev.bucketwarden.store.usage.UsageRollup;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The economics panel in headless Chromium against a known workload: agent-core's
 * pipeline, with a real clamd and its AWS clients counted by the usage counter, scans
 * five objects of known sizes and EICAR out of S3Mock, records them in DynamoDB Local and
 * writes its usage roll-up; the page's figures must be those records and roll-ups, at the
 * default prices, then at a price an admin changed. Keeps a screenshot of the panel.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleEconomicsBrowserIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final String BUCKET = "economics";

	private static final long GB = 1L << 30;

	private final ConsoleTestStack stack = ConsoleTestStack.get();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void stack(DynamicPropertyRegistry registry) {
		ConsoleTestStack.get().register(registry);
	}

	@Test
	void shouldShowWhatTheAgentsRecordedForAKnownWorkload() {
		assertThat(Browser.installed()).as("Debian's chromium and chromium-driver (bin/setup installs them)").isTrue();
		Workload workload = scanKnownWorkload();
		LocalDate today = LocalDate.ofInstant(workload.scannedFrom(), ZoneOffset.UTC);

		// What the agents recorded, read straight from the results table.
		List<ScanRecord> records = this.stack.results.scan(100_000);
		List<ScanRecord> ours = records.stream().filter((r) -> r.bucket().equals(BUCKET)).toList();
		assertThat(ours).hasSize(6);
		assertThat(ours).filteredOn((r) -> r.status() == ResultStatus.INFECTED).hasSize(1);
		assertThat(ours).allSatisfy((r) -> assertThat(r.eventTime()).isNotNull());
		Period period = new Period(today, today);
		List<UsageRollup> rollups = new DynamoDbUsageTable(this.stack.dynamo, ConsoleTestStack.RESULTS_TABLE)
			.read(period.start(), period.end());
		UsageRollup agent = rollups.stream()
			.filter((r) -> r.agent().equals(workload.agent()))
			.findFirst()
			.orElseThrow();
		long bucketRequests = agent.requests().get(BUCKET).values().stream().mapToLong(Long::longValue).sum();
		// every object: at least a GET to read it and a tagging write
		assertThat(bucketRequests).isGreaterThanOrEqualTo(12);
		assertThat(agent.requests().get(BUCKET)).doesNotContainKey("S3:PutObject");
		assertThat(agent.requests().get(BUCKET)).isEqualTo(workload.counted().get(BUCKET));
		long bytes = ours.stream().mapToLong(ScanRecord::size).sum();
		assertThat(bytes).isEqualTo(workload.bytes());

		try (Browser browser = Browser.start()) {
			signIn(browser, "admin");
			browser.driver.get(url("/?from=" + today + "&to=" + today + "&bucket=" + BUCKET));
			assertThat(text(browser, By.id("econ-objects"))).isEqualTo("6");
			assertThat(text(browser, By.id("econ-bytes"))).isEqualTo(bytes + " bytes");
			assertThat(text(browser, By.id("econ-gb"))).isEqualTo(Money
				.gigabytes(BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(GB), java.math.MathContext.DECIMAL64)));
			assertThat(text(browser, By.id("econ-p95"))).isEqualTo(Money.millis(nearestRankP95(ours)));
			assertThat(text(browser, By.id("econ-requests"))).isEqualTo(Long.toString(bucketRequests));
			// GuardDuty at its default prices: 0.215 per 1,000 objects, 0.09 per GB
			BigDecimal guardDuty = new BigDecimal("0.215").multiply(BigDecimal.valueOf(6))
				.divide(BigDecimal.valueOf(1000))
				.add(new BigDecimal("0.09").multiply(BigDecimal.valueOf(bytes))
					.divide(BigDecimal.valueOf(GB), java.math.MathContext.DECIMAL64));
			assertThat(text(browser, By.id("econ-guardduty"))).isEqualTo(Money.usd(guardDuty));
			EconomicsReport expected = EconomicsReport.of(this.stack.results.scan(100_000), rollups, Prices.DEFAULTS,
					period, BUCKET);
			assertThat(text(browser, By.id("econ-cost"))).isEqualTo(Money.usd(expected.shown().cost()));
			assertThat(text(browser, By.id("econ-cost-per-gb"))).isEqualTo(Money.usd(expected.shown().costPerGb()));
			assertThat(text(browser, By.id("econ-cost-per-million")))
				.isEqualTo(Money.usd(expected.shown().costPerMillionObjects()));
			assertThat(text(browser, By.id("econ-kind-S3_GET"))).isNotEmpty();
			browser.screenshot("economics");

			// All buckets: the totals of every record and roll-up of the day.
			browser.driver.get(url("/?from=" + today + "&to=" + today));
			List<ScanRecord> all = this.stack.results.scan(100_000);
			long objects = all.stream()
				.filter((r) -> r.status() != ResultStatus.SKIPPED && period.contains(r.scannedAt()))
				.count();
			List<UsageRollup> allRollups = new DynamoDbUsageTable(this.stack.dynamo, ConsoleTestStack.RESULTS_TABLE)
				.read(period.start(), period.end());
			long requests = allRollups.stream().mapToLong(UsageRollup::totalRequests).sum();
			BigDecimal compute = BigDecimal.ZERO;
			for (UsageRollup rollup : allRollups) {
				BigDecimal hours = BigDecimal.valueOf(rollup.running().toMillis())
					.divide(BigDecimal.valueOf(3_600_000), java.math.MathContext.DECIMAL64);
				compute = compute.add(hours.multiply(BigDecimal.valueOf(rollup.vcpu()))
					.multiply(new BigDecimal("0.04048"))
					.add(hours.multiply(BigDecimal.valueOf(rollup.memoryGb())).multiply(new BigDecimal("0.004445"))));
			}
			assertThat(text(browser, By.id("econ-objects"))).isEqualTo(Long.toString(objects));
			assertThat(text(browser, By.id("econ-requests"))).isEqualTo(Long.toString(requests));
			assertThat(text(browser, By.id("econ-compute-cost"))).isEqualTo(Money.usd(compute));
			assertThat(text(browser, By.id("econ-bucket-" + BUCKET))).contains(BUCKET, "6", Long.toString(bytes));

			// An admin doubles the S3 GET price: the bucket's cost follows.
			browser.driver.get(url("/prices"));
			type(browser, "s3GetPerThousand", "a lot");
			browser.driver.findElement(By.id("save-prices")).click();
			assertThat(text(browser, By.id("error"))).isEqualTo("s3GetPerThousand is not a number: a lot");
			type(browser, "s3GetPerThousand", "0.0008");
			browser.driver.findElement(By.id("save-prices")).click();
			assertThat(text(browser, By.id("message"))).isEqualTo("Prices saved.");
			try {
				browser.driver.get(url("/?from=" + today + "&to=" + today + "&bucket=" + BUCKET));
				Prices doubled = Prices.fromMap(Map.of("s3GetPerThousand", "0.0008"));
				EconomicsReport repriced = EconomicsReport.of(this.stack.results.scan(100_000),
						new DynamoDbUsageTable(this.stack.dynamo, ConsoleTestStack.RESULTS_TABLE).read(period.start(),
								period.end()),
						doubled, period, BUCKET);
				assertThat(text(browser, By.id("econ-cost"))).isEqualTo(Money.usd(repriced.shown().cost()));
			}
			finally {
				browser.driver.get(url("/prices"));
				type(browser, "s3GetPerThousand", Prices.DEFAULTS.s3GetPerThousand().toPlainString());
				browser.driver.findElement(By.id("save-prices")).click();
				assertThat(text(browser, By.id("message"))).isEqualTo("Prices saved.");
			}
			browser.driver.get(url("/audit"));
			assertThat(text(browser, By.id("audit"))).contains("prices.update").contains("s3GetPerThousand");
		}
	}

	/**
	 * Five objects of 1 to 5 kB and EICAR, each scanned by the pipeline as an event would
	 * ask (the event time is the upload's), through AWS clients the usage counter counts;
	 * the roll-up is written once all are recorded.
	 */
	private Workload scanKnownWorkload() {
		this.stack.s3.createBucket((r) -> r.bucket(BUCKET));
		UsageCounter counter = new UsageCounter(Clock.systemUTC());
		S3ClientBuilder s3Builder = AwsClients.s3Builder(this.stack.s3mock.endpoint());
		counter.addTo(s3Builder);
		DynamoDbClientBuilder dynamoBuilder = AwsClients.dynamoDbBuilder(this.stack.dynamodb);
		counter.addTo(dynamoBuilder);
		UsageRollupWriter writer = new UsageRollupWriter(counter,
				new DynamoDbUsageTable(this.stack.dynamo, ConsoleTestStack.RESULTS_TABLE), Clock.systemUTC(),
				"event-agent", 1, 2, Duration.ofMinutes(1));
		Instant from = Instant.now();
		long bytes = 0;
		try (S3Client s3 = s3Builder.build(); DynamoDbClient dynamo = dynamoBuilder.build()) {
			EngineChain chain = EngineChain.builder()
				.member(new ChainMember(ScanEngineRegistry.load()
					.create("clamav",
							EngineSettings.of(Map.of("host", this.stack.clamd.host(), "port",
									Integer.toString(this.stack.clamd.port())))),
						true))
				.build();
			ScanPipeline pipeline = new ScanPipeline(new ObjectStore(s3, 5L << 30, 512L << 20), chain,
					new DynamoDbResultStore(dynamo, ConsoleTestStack.RESULTS_TABLE),
					new CompositeFindingPublisher(List.of()),
					new StaticBucketSettingsProvider(
							BucketSettings.quarantineTo(ConsoleTestStack.QUARANTINE).withRemediation(Remediation.KEEP),
							Map.of()),
					Duration.ofSeconds(60), Clock.systemUTC());
			List<ScanTarget> targets = new ArrayList<>();
			for (int i = 1; i <= 5; i++) {
				byte[] content = new byte[i * 1000];
				java.util.Arrays.fill(content, (byte) ('a' + i));
				targets.add(upload("reports/report-" + i + ".txt", content));
				bytes += content.length;
			}
			targets.add(upload("incoming/eicar.com", Samples.eicar()));
			bytes += Samples.eicar().length;
			for (ScanTarget target : targets) {
				pipeline.process(target, Attempt.only());
			}
		}
		assertThat(writer.flush()).isTrue();
		Instant hour = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
		return new Workload(writer.agent(), from, bytes, counter.counts(hour));
	}

	/** Uploaded as a user would: through a client the agent's counter does not see. */
	private ScanTarget upload(String key, byte[] content) {
		PutObjectResponse put = this.stack.s3.putObject((r) -> r.bucket(BUCKET).key(key),
				RequestBody.fromBytes(content));
		return new ScanTarget(BUCKET, key, put.versionId(), put.eTag(), ScanSource.EVENT, Instant.now());
	}

	private static Duration nearestRankP95(List<ScanRecord> records) {
		List<Duration> times = records.stream()
			.map((r) -> Duration.between(r.eventTime(), r.scannedAt()))
			.sorted()
			.toList();
		return times.get((int) Math.ceil(0.95 * times.size()) - 1);
	}

	private void signIn(Browser browser, String user) {
		browser.driver.get(url("/"));
		new WebDriverWait(browser.driver, WAIT).until((d) -> !d.findElements(By.id("sign-in-" + user)).isEmpty());
		browser.driver.findElement(By.id("sign-in-" + user)).click();
		new WebDriverWait(browser.driver, WAIT).until((d) -> !d.findElements(By.id("user")).isEmpty());
	}

	private static void type(Browser browser, String id, String value) {
		WebElement field = new WebDriverWait(browser.driver, WAIT)
			.until((d) -> d.findElements(By.id(id)).isEmpty() ? null : d.findElement(By.id(id)));
		field.clear();
		field.sendKeys(value);
	}

	private static String text(Browser browser, By by) {
		return new WebDriverWait(browser.driver, WAIT).until((d) -> d.findElements(by).isEmpty() ? null : d)
			.findElement(by)
			.getText()
			.strip();
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	/**
	 * @param agent the roll-up writer's instance id
	 * @param scannedFrom when the workload started
	 * @param bytes the bytes uploaded
	 * @param counted what the agent's counter counted in the hour, by bucket
	 */
	private record Workload(String agent, Instant scannedFrom, long bytes, Map<String, Map<String, Long>> counted) {
	}

}
