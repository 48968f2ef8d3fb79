package dev.bucketwarden.console;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bucketwarden.store.results.Coverage;
import dev.bucketwarden.store.results.RemediationState;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.results.ScanSource;
import dev.bucketwarden.store.settings.LargeObjects;
import dev.bucketwarden.store.settings.StoredBucket;
import dev.bucketwarden.store.tags.TaggingStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Large objects in headless Chromium: the progress of a job the agents keep in the
 * results table (items in the layout of docs/large-objects.md) with its parts done of the
 * total, kept current while it runs; the coverage of a windowed record in the findings
 * list and detail, with what windows cannot see; and the bucket setting
 * {@code largeObjects} saved through the form. Keeps a screenshot of the progress page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleLargeObjectsBrowserIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final String BUCKET = "large-media";

	private static final long MIB = 1024 * 1024;

	private final ConsoleTestStack stack = ConsoleTestStack.get();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void stack(DynamicPropertyRegistry registry) {
		ConsoleTestStack.get().register(registry);
	}

	@Test
	void shouldShowLargeObjectProgressCoverageAndTheSetting() {
		assertThat(Browser.installed()).as("Debian's chromium and chromium-driver (bin/setup installs them)").isTrue();
		this.stack.s3.createBucket((r) -> r.bucket(BUCKET));
		Instant created = Instant.now().minusSeconds(125);
		putJob("backups/disk-2026-12.img", "v1", 20 * 1024 * MIB, "RUNNING", 82, List.of("0", "1", "2", "5"), created,
				2);
		putJob("video/master.mov", "v3", 7 * 1024 * MIB, "FINISHED", 28, range(28), created.minusSeconds(3600), 1);
		ScanRecord windowed = new ScanRecord("large-rec-1", BUCKET, "video/master.mov", "v3", "etag-master",
				7 * 1024 * MIB, ResultStatus.CLEAN, null, null, List.of(), List.of(), created.plusSeconds(900),
				Duration.ofMinutes(15), TaggingStatus.TAGGED, RemediationState.KEPT, null, true, ScanSource.EVENT)
			.withCoverage(Coverage.windows(256 * MIB, MIB, 28));
		this.stack.results.put(windowed);

		try (Browser browser = Browser.start()) {
			signIn(browser, "viewer");
			browser.driver.get(url("/large-objects"));
			String running = rowOf(browser, "s3://" + BUCKET + "/backups/disk-2026-12.img");
			assertThat(text(browser, By.cssSelector("#" + running + " .parts-done"))).isEqualTo("4 of 82");
			assertThat(text(browser, By.cssSelector("#" + running + " .state"))).isEqualTo("RUNNING");
			assertThat(text(browser, By.id(running))).contains("1.0 GiB of 20.0 GiB")
				.contains("82 windows of 256.0 MiB, overlapping 1.0 MiB")
				.contains("version v1");
			assertThat(text(browser, By.cssSelector("#" + running + " .age"))).matches("\\d+m \\d+s");
			String max = wait(browser)
				.until((d) -> d.findElement(By.cssSelector("#" + running + " progress")).getDomAttribute("max"));
			assertThat(max).isEqualTo("82");
			String finished = rowOf(browser, "s3://" + BUCKET + "/video/master.mov");
			assertThat(text(browser, By.cssSelector("#" + finished + " .parts-done"))).isEqualTo("28 of 28");
			browser.screenshot("large-objects");

			// Two more parts are done: the page follows without a reload.
			putJob("backups/disk-2026-12.img", "v1", 20 * 1024 * MIB, "RUNNING", 82,
					List.of("0", "1", "2", "3", "4", "5"), created, 2);
			wait(browser).until((d) -> d.findElements(By.cssSelector(".parts-done"))
				.stream()
				.anyMatch((e) -> e.getText().strip().equals("6 of 82")));

			// The record of the finished job: windows, and what they cannot see.
			browser.driver.findElement(By.cssSelector("#" + finished + " a")).click();
			assertThat(text(browser, By.id("coverage"))).contains("WINDOWS")
				.contains("28 windows of 256.0 MiB, overlapping 1.0 MiB");
			assertThat(text(browser, By.id("blind-spots"))).contains("whole-file hash signatures")
				.contains("patterns longer than the overlap or with unbounded gaps");
			browser.driver.get(url("/findings?bucket=" + BUCKET));
			assertThat(text(browser, By.id("findings"))).contains("video/master.mov").contains("WINDOWS");
			assertThat(browser.driver.findElement(By.cssSelector("#findings .c-WINDOWS")).getDomAttribute("title"))
				.isEqualTo("28 windows of 256.0 MiB, overlapping 1.0 MiB");
		}

		try (Browser browser = Browser.start()) {
			signIn(browser, "admin");
			browser.driver.get(url("/buckets/" + BUCKET));
			Select largeObjects = new Select(browser.driver.findElement(By.id("largeObjects")));
			assertThat(largeObjects.getFirstSelectedOption().getText()).isEqualTo("WINDOWS");
			new Select(browser.driver.findElement(By.id("remediation"))).selectByValue("KEEP");
			largeObjects.selectByValue("UNSCANNABLE");
			browser.driver.findElement(By.id("save")).click();
			assertThat(text(browser, By.id("message"))).isEqualTo("Settings of " + BUCKET + " saved.");
			assertThat(this.stack.settings.bucket(BUCKET).map(StoredBucket::settings).orElseThrow().largeObjects())
				.isEqualTo(LargeObjects.UNSCANNABLE);
			assertThat(new Select(browser.driver.findElement(By.id("largeObjects"))).getFirstSelectedOption().getText())
				.isEqualTo("UNSCANNABLE");
			browser.driver.get(url("/buckets"));
			assertThat(text(browser, By.id("bucket-" + BUCKET))).contains("UNSCANNABLE");
		}
	}

	private static List<String> range(int parts) {
		return IntStream.range(0, parts).mapToObj(Integer::toString).toList();
	}

	/** A job item as the agents write it (docs/large-objects.md), 256 MiB windows. */
	private void putJob(String key, String versionId, long size, String state, int parts, List<String> done,
			Instant createdAt, int lastPartSecondsAgo) {
		Map<String, AttributeValue> item = new HashMap<>();
		item.put("pk", AttributeValue.fromS("large#" + BUCKET + "/" + key));
		String eTag = "%032x-%d".formatted(Math.abs((long) key.hashCode()), size >> 26);
		item.put("sk", AttributeValue.fromS(versionId + "#" + eTag));
		item.put("bucket", AttributeValue.fromS(BUCKET));
		item.put("key", AttributeValue.fromS(key));
		item.put("versionId", AttributeValue.fromS(versionId));
		item.put("eTag", AttributeValue.fromS(eTag));
		item.put("size", AttributeValue.fromN(Long.toString(size)));
		item.put("recordId", AttributeValue.fromS("FINISHED".equals(state) ? "large-rec-1" : "large-rec-2"));
		item.put("coverage", AttributeValue.fromM(Map.of("kind", AttributeValue.fromS("WINDOWS"), "window",
				AttributeValue.fromN(Long.toString(256 * MIB)), "overlap", AttributeValue.fromN(Long.toString(MIB)),
				"parts", AttributeValue.fromN(Integer.toString(parts)))));
		item.put("parts", AttributeValue.fromN(Integer.toString(parts)));
		item.put("done", AttributeValue.fromNs(done));
		item.put("state", AttributeValue.fromS(state));
		item.put("createdAt", AttributeValue.fromS(createdAt.toString()));
		item.put("updatedAt", AttributeValue.fromS(Instant.now().minusSeconds(lastPartSecondsAgo).toString()));
		item.put("scannedBytes", AttributeValue.fromN(Long.toString(done.size() * 256 * MIB)));
		this.stack.dynamo.putItem((r) -> r.tableName(ConsoleTestStack.RESULTS_TABLE).item(item));
	}

	/** The id of the progress row of an object. */
	private static String rowOf(Browser browser, String object) {
		return wait(browser).until((d) -> d.findElements(By.cssSelector("#large-jobs tbody tr"))
			.stream()
			.filter((row) -> !row.findElements(By.cssSelector(".object")).isEmpty()
					&& row.findElement(By.cssSelector(".object")).getText().strip().equals(object))
			.findFirst()
			.map((row) -> row.getDomAttribute("id"))
			.orElse(null));
	}

	private void signIn(Browser browser, String user) {
		browser.driver.get(url("/"));
		new WebDriverWait(browser.driver, WAIT).until((d) -> !d.findElements(By.id("sign-in-" + user)).isEmpty());
		browser.driver.findElement(By.id("sign-in-" + user)).click();
		new WebDriverWait(browser.driver, WAIT).until((d) -> !d.findElements(By.id("user")).isEmpty());
	}

	/**
	 * An element's text. The page replaces its rows while a job runs (live refresh): an
	 * element that went stale between finding and reading it is found again.
	 */
	private static String text(Browser browser, By by) {
		return wait(browser).until((d) -> d.findElements(by).isEmpty() ? null : d.findElement(by).getText().strip());
	}

	private static WebDriverWait wait(Browser browser) {
		WebDriverWait wait = new WebDriverWait(browser.driver, WAIT);
		wait.ignoring(StaleElementReferenceException.class);
		return wait;
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

}
