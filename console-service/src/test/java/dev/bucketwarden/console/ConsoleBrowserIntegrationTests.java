package dev.bucketwarden.console;

import java.nio.file.Files;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.samples.Samples;
import dev.bucketwarden.store.settings.StoredIntegrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console in headless Chromium, end to end: an admin signs in through the local OIDC
 * server, protects a bucket, EICAR is put into it through S3, an agent (agent-core's
 * pipeline with a real clamd, reading the console's settings table) scans and quarantines
 * it, and the finding appears on the Findings page; the admin signs out (ending the IdP
 * session), a viewer signs in and sees the settings read-only. An admin creates a retro
 * scan schedule (a refused one first), a viewer sees it read-only. Keeps screenshots of
 * the main pages in target/screenshots.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleBrowserIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static InProcessAgent agent;

	private final ConsoleTestStack stack = ConsoleTestStack.get();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void stack(DynamicPropertyRegistry registry) {
		ConsoleTestStack.get().register(registry);
	}

	@BeforeAll
	static void startAgent() {
		assertThat(Browser.installed()).as("Debian's chromium and chromium-driver (bin/setup installs them)").isTrue();
		agent = new InProcessAgent(ConsoleTestStack.get());
	}

	@AfterAll
	static void stopAgent() {
		if (agent != null) {
			agent.close();
		}
	}

	@Test
	void shouldProtectABucketSeeAFindingAndShowSettingsReadOnlyToViewers() {
		try (Browser browser = Browser.start()) {
			signIn(browser, "admin");
			assertThat(text(browser, By.id("user"))).isEqualTo("admin (admin)");

			browser.driver.get(url("/buckets"));
			assertThat(text(browser, By.id("bucket-uploads"))).contains("Not protected");
			browser.driver.findElement(By.linkText("uploads")).click();
			new Select(browser.driver.findElement(By.id("remediation"))).selectByValue("QUARANTINE");
			type(browser, "quarantineBucket", ConsoleTestStack.QUARANTINE);
			type(browser, "maxSize", "100MB");
			type(browser, "skipSuffixes", ".part");
			browser.driver.findElement(By.id("save")).click();
			assertThat(text(browser, By.id("message"))).isEqualTo("Settings of uploads saved.");
			assertThat(text(browser, By.id("protection-state"))).startsWith("Protected");
			browser.screenshot("bucket-settings");
			await().atMost(WAIT).until(() -> agent.settings.protectedBuckets().contains(ConsoleTestStack.UPLOADS));

			S3Client s3 = AwsClients.s3(this.stack.relay.endpoint());
			s3.putObject((r) -> r.bucket(ConsoleTestStack.UPLOADS).key("reports/q4.txt"),
					RequestBody.fromString("quarterly figures"));
			s3.putObject((r) -> r.bucket(ConsoleTestStack.UPLOADS).key("incoming/eicar.com"),
					RequestBody.fromBytes(Samples.eicar()));

			await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
				browser.driver.get(url("/findings?bucket=uploads&result=Infected"));
				return text(browser, By.id("findings")).contains("incoming/eicar.com");
			});
			browser.screenshot("findings");
			browser.driver.findElement(By.cssSelector("#findings tbody a")).click();
			assertThat(text(browser, By.id("result"))).isEqualTo("Infected");
			assertThat(text(browser, By.id("signatures"))).startsWith("BucketWarden.Test.Eicar");
			assertThat(text(browser, By.id("engine-results"))).contains("clamav").contains("Infected");
			// Listed once recorded, which is before the quarantine copy is done (seconds
			// on
			// a loaded machine): the page says so once it is.
			await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
				browser.driver.navigate().refresh();
				return browser.driver.getPageSource()
					.contains("QUARANTINED to s3://quarantine/uploads/incoming/eicar.com");
			});
			browser.screenshot("finding");

			await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
				browser.driver.get(url("/"));
				return !"0".equals(text(browser, By.id("total-infected")));
			});
			assertThat(text(browser, By.id("latest-infections"))).contains("uploads/incoming/eicar.com");
			assertThat(text(browser, By.id("engines"))).contains("clamav").contains("ClamAV");
			browser.screenshot("dashboard");
			browser.driver.get(url("/buckets"));
			assertThat(text(browser, By.id("bucket-uploads"))).contains("Protected")
				.contains("QUARANTINE to quarantine");
			browser.screenshot("buckets");
			browser.driver.get(url("/integrations"));
			browser.screenshot("integrations");
			browser.driver.get(url("/audit"));
			assertThat(text(browser, By.id("audit"))).contains("admin").contains("bucket.protect").contains("uploads");
			browser.screenshot("audit");

			browser.driver.findElement(By.id("sign-out")).click();
			new WebDriverWait(browser.driver, WAIT).until((d) -> d.getCurrentUrl().endsWith("/signed-out"));
			browser.driver.get(url("/buckets"));
			assertThat(browser.driver.getCurrentUrl()).as("signed out: back to the IdP's sign-in")
				.doesNotStartWith(url("/"));

			signIn(browser, "viewer");
			browser.driver.get(url("/buckets/uploads"));
			assertThat(text(browser, By.id("user"))).isEqualTo("viewer (viewer)");
			assertThat(text(browser, By.id("read-only"))).contains("read-only");
			assertThat(browser.driver.findElement(By.id("remediation")).isEnabled()).isFalse();
			assertThat(browser.driver.findElements(By.id("save"))).isEmpty();
			assertThat(browser.driver.findElements(By.id("unprotect"))).isEmpty();
			browser.screenshot("bucket-settings-viewer");
		}
	}

	@Test
	void shouldTurnOnSecurityHubFindingsAsAdminAndShowTheToggleReadOnlyToViewers() {
		try (Browser browser = Browser.start()) {
			signIn(browser, "admin");
			browser.driver.get(url("/integrations"));
			assertThat(browser.driver.findElement(By.id("securityHub")).isSelected()).isFalse();
			browser.driver.findElement(By.id("securityHub")).click();
			browser.driver.findElement(By.id("securityHubUnscannable")).click();
			browser.driver.findElement(By.id("save-integrations")).click();

			assertThat(text(browser, By.id("message"))).isEqualTo("Integrations saved.");
			assertThat(this.stack.settings.integrations().securityHub()).as("what agents read")
				.isEqualTo(new StoredIntegrations.SecurityHub(true, true, false));
			assertThat(browser.driver.findElement(By.id("securityHub")).isSelected()).isTrue();
			assertThat(browser.driver.findElement(By.id("securityHubUnscannable")).isSelected()).isTrue();
			assertThat(browser.driver.findElement(By.id("securityHubErrors")).isSelected()).isFalse();
			browser.screenshot("integrations-security-hub");

			browser.driver.findElement(By.id("securityHubUnscannable")).click();
			browser.driver.findElement(By.id("save-integrations")).click();
			assertThat(text(browser, By.id("message"))).isEqualTo("Integrations saved.");
			assertThat(this.stack.settings.integrations().securityHub())
				.isEqualTo(new StoredIntegrations.SecurityHub(true, false, false));
			browser.driver.get(url("/audit"));
			assertThat(text(browser, By.id("audit"))).contains("integrations.update");
		}
		try (Browser browser = Browser.start()) {
			signIn(browser, "viewer");
			browser.driver.get(url("/integrations"));
			assertThat(browser.driver.findElement(By.id("securityHub")).isSelected()).isTrue();
			assertThat(browser.driver.findElement(By.id("securityHub")).isEnabled()).isFalse();
			assertThat(browser.driver.findElement(By.id("save-integrations")).isEnabled()).isFalse();
		}
		finally {
			this.stack.settings.putIntegrations(StoredIntegrations.NONE);
		}
	}

	@Test
	void shouldStartARetroScanAndWatchItsProgressReachOneHundredPercent() {
		assumeTrue(Files.isRegularFile(ConsoleTestStack.RETRO_JAR),
				"retro-agent's jar is not built: " + ConsoleTestStack.RETRO_JAR);
		String bucket = "retro-browser";
		this.stack.s3.createBucket((r) -> r.bucket(bucket));
		// Written straight to S3, as before BucketWarden: no events, no results.
		for (int i = 0; i < 3; i++) {
			int n = i;
			this.stack.s3.putObject((r) -> r.bucket(bucket).key("2019/report-" + n + ".txt"),
					RequestBody.fromString("report " + n));
		}
		this.stack.s3.putObject((r) -> r.bucket(bucket).key("2019/eicar.com"), RequestBody.fromBytes(Samples.eicar()));
		try (Browser browser = Browser.start()) {
			signIn(browser, "admin");
			browser.driver.get(url("/buckets/" + bucket));
			new Select(browser.driver.findElement(By.id("remediation"))).selectByValue("KEEP");
			browser.driver.findElement(By.id("save")).click();
			assertThat(text(browser, By.id("message"))).isEqualTo("Settings of " + bucket + " saved.");

			browser.driver.get(url("/retro"));
			browser.driver.findElement(By.id("bucket-" + bucket)).click();
			type(browser, "prefix", "2019/");
			browser.driver.findElement(By.id("start-scan")).click();
			// Starting runs the retro agent's jar: wait for the job's page.
			new WebDriverWait(browser.driver, WAIT).until((d) -> d.getCurrentUrl().contains("/retro/retro-"));
			assertThat(text(browser, By.id("message"))).startsWith("Retro scan retro-").endsWith("started.");
			String job = browser.driver.getCurrentUrl();
			String jobRow = "job-" + job.substring(job.lastIndexOf('/') + 1);

			// While the job runs, the list page swaps in the fresh jobs table and leaves
			// a
			// half-filled form alone (a reload would wipe it). The job usually still runs
			// here (its worker is a JVM that takes seconds to start); if it is already
			// done
			// there is nothing to refresh.
			browser.driver.get(url("/retro"));
			if (!text(browser, By.id(jobRow)).contains("DONE")) {
				WebElement jobs = browser.driver.findElement(By.id("jobs"));
				type(browser, "prefix", "half/typed/");
				new WebDriverWait(browser.driver, WAIT).until(ExpectedConditions.stalenessOf(jobs));
				assertThat(browser.driver.findElement(By.id("prefix")).getDomProperty("value"))
					.isEqualTo("half/typed/");
			}
			browser.driver.get(job);
			// No reloads here: the page's script keeps the status current while the job
			// runs.
			await().atMost(Duration.ofSeconds(150))
				.pollInterval(Duration.ofSeconds(1))
				.ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
				.until(() -> "100%".equals(text(browser, By.id("percent"))));
			awaitText(browser, By.id("state"), "DONE");
			awaitText(browser, By.id("progress"), "4 of 4 scanned, done");
			awaitText(browser, By.id("counter-clean"), "3");
			awaitText(browser, By.id("counter-infected"), "1");
			assertThat(browser.driver.findElements(By.id("cancel"))).as("a finished job has no Cancel").isEmpty();
			browser.screenshot("retro-job");
			browser.driver.get(url("/retro"));
			assertThat(text(browser, By.id("jobs"))).contains("DONE", "100%", bucket + "/2019/");
			browser.screenshot("retro");
		}
	}

	@Test
	void shouldCreateAScheduleAsAdminAndShowItReadOnlyToViewers() {
		String bucket = "scheduled-browser";
		this.stack.s3.createBucket((r) -> r.bucket(bucket));
		try (Browser browser = Browser.start()) {
			signIn(browser, "admin");
			browser.driver.get(url("/buckets/" + bucket));
			new Select(browser.driver.findElement(By.id("remediation"))).selectByValue("KEEP");
			browser.driver.findElement(By.id("save")).click();
			assertThat(text(browser, By.id("message"))).isEqualTo("Settings of " + bucket + " saved.");

			browser.driver.get(url("/retro"));
			type(browser, "schedule-name", "nightly-archive");
			type(browser, "schedule-cron", "every night");
			browser.driver.findElement(By.id("schedule-bucket-" + bucket)).click();
			type(browser, "schedule-prefix", "2019/");
			type(browser, "schedule-lookback", "30d");
			new Select(browser.driver.findElement(By.id("schedule-rescan"))).selectByValue("SIGNATURES_BEFORE");
			type(browser, "schedule-signaturesOlderThan", "7d");
			browser.driver.findElement(By.id("save-schedule")).click();
			assertThat(text(browser, By.id("schedule-error"))).as("refused, next to the form")
				.startsWith("Not a cron expression");
			assertThat(browser.driver.findElement(By.id("schedule-name")).getAttribute("value"))
				.as("the form keeps what was typed")
				.isEqualTo("nightly-archive");
			assertThat(browser.driver.findElement(By.id("schedule-bucket-" + bucket)).isSelected()).isTrue();

			type(browser, "schedule-cron", "0 0 2 * * *");
			browser.driver.findElement(By.id("save-schedule")).click();
			assertThat(text(browser, By.id("message"))).isEqualTo("Schedule nightly-archive saved.");
			assertThat(text(browser, By.id("schedule-nightly-archive"))).contains("0 0 2 * * *")
				.contains(bucket + ", keys under 2019/, modified in the last 30d")
				.contains("signatures older than 7d")
				.contains("yes")
				.contains("never")
				.contains("by admin");
			browser.driver.get(url("/retro"));
			browser.screenshot("retro-schedules");

			browser.driver.findElement(By.linkText("nightly-archive")).click();
			browser.driver.findElement(By.id("disable-schedule")).click();
			awaitText(browser, By.id("message"), "Schedule nightly-archive disabled.");
			assertThat(text(browser, By.id("schedule-state"))).isEqualTo("no (disabled)");
			browser.driver.findElement(By.id("enable-schedule")).click();
			awaitText(browser, By.id("message"), "Schedule nightly-archive enabled.");
			type(browser, "schedule-cron", "0 30 2 * * *");
			browser.driver.findElement(By.id("save-schedule")).click();
			awaitText(browser, By.id("schedule-cron-shown"), "0 30 2 * * *");
			assertThat(text(browser, By.id("message"))).isEqualTo("Schedule nightly-archive saved.");
			assertThat(text(browser, By.id("schedule"))).contains("0 30 2 * * *").contains("yes");
			browser.screenshot("retro-schedule");
			browser.driver.get(url("/audit"));
			assertThat(text(browser, By.id("audit"))).contains("schedule.save").contains("nightly-archive");

			browser.driver.findElement(By.id("sign-out")).click();
			new WebDriverWait(browser.driver, WAIT).until((d) -> d.getCurrentUrl().endsWith("/signed-out"));
			signIn(browser, "viewer");
			browser.driver.get(url("/retro"));
			assertThat(text(browser, By.id("schedule-nightly-archive"))).contains("0 30 2 * * *");
			assertThat(text(browser, By.id("schedules-read-only"))).contains("Only admins");
			assertThat(browser.driver.findElements(By.id("schedule-form"))).isEmpty();
			browser.driver.findElement(By.linkText("nightly-archive")).click();
			assertThat(text(browser, By.id("read-only"))).contains("read-only");
			assertThat(text(browser, By.id("schedule-scans"))).contains(bucket);
			assertThat(browser.driver.findElements(By.id("schedule-form"))).isEmpty();
			assertThat(browser.driver.findElements(By.id("disable-schedule"))).isEmpty();
			assertThat(browser.driver.findElements(By.id("delete-schedule"))).isEmpty();
		}
	}

	private void signIn(Browser browser, String user) {
		browser.driver.get(url("/"));
		new WebDriverWait(browser.driver, WAIT).until((d) -> !d.findElements(By.id("sign-in-" + user)).isEmpty());
		browser.driver.findElement(By.id("sign-in-" + user)).click();
		new WebDriverWait(browser.driver, WAIT).until((d) -> !d.findElements(By.id("user")).isEmpty());
	}

	private static void type(Browser browser, String id, String value) {
		WebElement field = browser.driver.findElement(By.id(id));
		field.clear();
		field.sendKeys(value);
	}

	/**
	 * The element's text, once the page has it: after a click that submits a form the old
	 * page may still be shown for a moment.
	 */
	private static String text(Browser browser, By by) {
		return new WebDriverWait(browser.driver, WAIT).until((d) -> d.findElements(by).isEmpty() ? null : d)
			.findElement(by)
			.getText()
			.strip();
	}

	/**
	 * Waits until the element says this: a form's redirect may land after the old page
	 * (with the same element) was read.
	 */
	private static void awaitText(Browser browser, By by, String expected) {
		new WebDriverWait(browser.driver, WAIT).ignoring(StaleElementReferenceException.class)
			.until((d) -> d.findElements(by).stream().anyMatch((e) -> expected.equals(e.getText().strip())));
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

}
