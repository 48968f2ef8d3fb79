package dev.bucketwarden.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.mockito.ArgumentCaptor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import dev.bucketwarden.console.accounts.AccountLinks;
import dev.bucketwarden.console.audit.AuditLog;
import dev.bucketwarden.console.buckets.BucketCatalog;
import dev.bucketwarden.console.buckets.BucketDrift;
import dev.bucketwarden.console.buckets.BucketView;
import dev.bucketwarden.console.buckets.LinkedBucketCatalog;
import dev.bucketwarden.console.buckets.ProtectableBuckets;
import dev.bucketwarden.console.buckets.policy.BucketPolicies;
import dev.bucketwarden.console.buckets.policy.PolicyView;
import dev.bucketwarden.console.config.ConsoleProperties;
import dev.bucketwarden.console.ebs.EbsJobView;
import dev.bucketwarden.console.ebs.EbsScans;
import dev.bucketwarden.console.ebs.LinkedEbsInventory;
import dev.bucketwarden.console.ebs.SnapshotView;
import dev.bucketwarden.console.ebs.VolumeView;
import dev.bucketwarden.console.economics.EconomicsReport;
import dev.bucketwarden.console.economics.EconomicsService;
import dev.bucketwarden.console.economics.Money;
import dev.bucketwarden.console.economics.Period;
import dev.bucketwarden.console.economics.PriceBook;
import dev.bucketwarden.console.economics.Prices;
import dev.bucketwarden.console.findings.FindingsService;
import dev.bucketwarden.console.findings.Rescans;
import dev.bucketwarden.console.globals.GlobalSettings;
import dev.bucketwarden.console.integrations.IntegrationSettings;
import dev.bucketwarden.console.integrations.Integrations;
import dev.bucketwarden.console.retro.JobView;
import dev.bucketwarden.console.retro.RetroJobs;
import dev.bucketwarden.console.retro.ScheduleRequest;
import dev.bucketwarden.console.retro.ScheduleView;
import dev.bucketwarden.console.retro.Schedules;
import dev.bucketwarden.console.retro.StartRequest;
import dev.bucketwarden.console.security.ConsoleSecurityConfiguration;
import dev.bucketwarden.console.security.Roles;
import dev.bucketwarden.console.web.AwsUnavailableException;
import dev.bucketwarden.console.web.Formats;
import dev.bucketwarden.jobs.Counter;
import dev.bucketwarden.jobs.EbsSource;
import dev.bucketwarden.jobs.FileResult;
import dev.bucketwarden.jobs.Job;
import dev.bucketwarden.jobs.JobCounters;
import dev.bucketwarden.jobs.JobRequest;
import dev.bucketwarden.jobs.JobSpec;
import dev.bucketwarden.jobs.JobState;
import dev.bucketwarden.jobs.Rescan;
import dev.bucketwarden.jobs.schedule.StoredSchedule;
import dev.bucketwarden.local.oidc.OidcServer;
import dev.bucketwarden.local.time.TestClock;
import dev.bucketwarden.store.accounts.AccountQuarantine;
import dev.bucketwarden.store.accounts.LinkedAccount;
import dev.bucketwarden.store.drift.DriftKind;
import dev.bucketwarden.store.drift.TagDrift;
import dev.bucketwarden.store.large.LargeJobProgressReader;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.settings.BucketRules;
import dev.bucketwarden.store.settings.BucketSettings;
import dev.bucketwarden.store.settings.StoredBucket;
import dev.bucketwarden.store.tags.TagSchema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * Who may do what, with real credentials from the local OIDC server (no mocked decoder,
 * no test principals): every endpoint, pages and API, for anonymous callers, users signed
 * in without a console group, viewers, admins, tokens of another app client, expired
 * tokens and sessions, ID tokens and tokens of a foreign issuer, in one table
 * ({@link #shouldAnswerEveryEndpointAsTheMatrixSays}). Pages send anyone not signed in to
 * sign in and take only sessions; the API answers 401 to anything but a current access
 * token of the configured app clients. Viewers read and cannot change (403), admins do
 * both. Page forms need their CSRF token. Sessions re-check the user's groups at the IdP
 * within 5 minutes and end after an hour. Roles come from the groups claim as
 * {@link Roles} maps it; the services behind the controllers are mocks.
 */
@WebMvcTest
@Import({ ConsoleSecurityConfiguration.class, Formats.class, Money.class, ConsoleAuthorizationTests.Beans.class })
class ConsoleAuthorizationTests {

	static final String FINDING = "f-1";

	static final String JOB = "retro-job-1";

	static final String SCHEDULE = "nightly";

	static final Instant NOW = Instant.parse("2026-01-02T12:00:00Z");

	/** A second app client whose access tokens the API takes. */
	static final String AUTOMATION_CLIENT = "bucketwarden-automation";

	/** Access tokens by caller, minted once: they are valid for an hour. */
	private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

	@Autowired
	MockMvc mvc;

	@Autowired
	TestClock clock;

	@MockitoBean
	BucketCatalog catalog;

	@MockitoBean
	AccountLinks accountLinks;

	@MockitoBean
	LinkedBucketCatalog linkedBuckets;

	@MockitoBean
	BucketPolicies policies;

	@MockitoBean
	FindingsService findings;

	@MockitoBean
	Rescans rescans;

	@MockitoBean
	Integrations integrations;

	@MockitoBean
	AuditLog audit;

	@MockitoBean
	GlobalSettings globals;

	@MockitoBean
	RetroJobs retro;

	@MockitoBean
	EbsScans ebs;

	@MockitoBean
	Schedules schedules;

	@MockitoBean
	EconomicsService economics;

	@MockitoBean
	PriceBook prices;

	@MockitoBean
	LargeJobProgressReader largeJobs;

	private final Map<String, MockHttpSession> sessions = new HashMap<>();

	@DynamicPropertySource
	static void oidc(DynamicPropertyRegistry registry) {
		registry.add("bucketwarden.console.issuer-uri", () -> ConsoleTestStack.oidc().issuerUri().toString());
		registry.add("bucketwarden.console.client-id", () -> OidcServer.CONSOLE_CLIENT_ID);
		registry.add("bucketwarden.console.client-secret", () -> OidcServer.CLIENT_SECRET);
		registry.add("bucketwarden.console.api-client-ids[0]", () -> OidcServer.CONSOLE_CLIENT_ID);
		registry.add("bucketwarden.console.api-client-ids[1]", () -> AUTOMATION_CLIENT);
	}

	@BeforeEach
	void data() {
		this.clock.set(NOW);
		StoredBucket stored = new StoredBucket("uploads", BucketSettings.quarantineTo("q"), BucketRules.NONE,
				Instant.parse("2026-01-01T00:00:00Z"), "admin");
		given(this.catalog.list()).willReturn(List.of());
		given(this.largeJobs.read(anyInt(), anyInt())).willReturn(new LargeJobProgressReader.Jobs(List.of(), true));
		given(this.catalog.protectable()).willReturn(ProtectableBuckets.of(null));
		given(this.catalog.protection(anyString())).willReturn(Optional.of(stored));
		given(this.catalog.save(any(), anyString(), any())).willReturn(stored);
		given(this.catalog.unprotect(any(), anyString())).willReturn(true);
		PolicyView policy = new PolicyView("uploads", true, null, TagSchema.DEFAULT, List.of(), null, null,
				PolicyView.Status.MISSING, PolicyView.Status.MISSING, null);
		given(this.policies.view(anyString())).willReturn(policy);
		given(this.policies.apply(any(), anyString(), anyBoolean())).willReturn(policy);
		ScanRecord record = ConsoleFixtures.infected(FINDING, "uploads", "eicar.com");
		given(this.findings.all()).willReturn(List.of(record));
		given(this.findings.search(any(), anyInt())).willReturn(List.of(record));
		given(this.findings.byId(FINDING)).willReturn(Optional.of(record));
		given(this.rescans.available()).willReturn(true);
		given(this.integrations.current()).willReturn(IntegrationSettings.NONE);
		given(this.integrations.shown()).willReturn(IntegrationSettings.NONE);
		given(this.integrations.save(any(), any())).willReturn(IntegrationSettings.NONE);
		given(this.integrations.testWebhook(any())).willReturn(new Integrations.WebhookTest(true, 200, "Delivered"));
		given(this.audit.latest(anyInt())).willReturn(List.of());
		JobView job = JobView.of(
				new Job(JOB, JobRequest.buckets(List.of("uploads"), "console:admin").toSpec(Clock.systemUTC()),
						JobState.SCANNING,
						new JobCounters(Map.of(Counter.MATCHED, 4L, Counter.SCANNED, 1L, Counter.CLEAN, 1L)),
						Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:01Z"), null),
				Instant.parse("2026-01-01T00:00:02Z"), Duration.ofMinutes(5));
		JobView ebsJobView = JobView.of(
				new Job("retro-ebs-1", JobSpec.ebs(EbsSource.volume("vol-1"), "admin"), JobState.CRAWLING,
						new JobCounters(Map.of()), Instant.parse("2026-01-01T00:00:00Z"),
						Instant.parse("2026-01-01T00:00:01Z"), null),
				Instant.parse("2026-01-01T00:00:02Z"), Duration.ofMinutes(5));
		given(this.retro.list()).willReturn(List.of(job, ebsJobView));
		given(this.retro.find(JOB)).willReturn(Optional.of(job));
		given(this.retro.protectedBuckets()).willReturn(List.of("uploads"));
		given(this.retro.launcher()).willReturn("none");
		given(this.retro.start(any(), any())).willReturn(job);
		given(this.retro.cancel(any(), anyString())).willReturn(true);
		given(this.retro.resume(any(), anyString())).willReturn(job);
		EbsJobView ebsJob = new EbsJobView(job, "snap-1", null, null,
				List.of(new FileResult("home/eicar.com", "Infected", "Eicar", List.of("Eicar"), 68, null)));
		given(this.ebs.jobs())
			.willReturn(List.of(ebsJob, new EbsJobView(ebsJobView, null, "vol-1", "111122223333", List.of())));
		given(this.ebs.find(JOB)).willReturn(Optional.of(ebsJob));
		given(this.ebs.start(any(), any())).willReturn(ebsJob);
		given(this.ebs.volumes())
			.willReturn(List.of(new VolumeView("vol-1", "data", 8, "in-use", "us-east-1a", NOW, null)));
		given(this.ebs.snapshots()).willReturn(List
			.of(new SnapshotView("snap-1", "vol-1", 8, "completed", NOW, "nightly", "Infected", NOW.toString(), null)));
		VolumeView linkedVolume = new VolumeView("vol-2", "team", 8, "in-use", "us-east-1a", NOW, "111122223333");
		SnapshotView linkedSnapshot = new SnapshotView("snap-2", "vol-2", 8, "completed", NOW, null, null, null,
				"111122223333");
		given(this.ebs.linkedAccounts()).willReturn(List.of(new LinkedEbsInventory.AccountEbs("111122223333", "Team Q",
				List.of(linkedVolume), List.of(linkedSnapshot), null)));
		given(this.ebs.volumes("111122223333")).willReturn(Optional.of(List.of(linkedVolume)));
		given(this.ebs.snapshots("111122223333")).willReturn(Optional.of(List.of(linkedSnapshot)));
		StoredSchedule saved = new StoredSchedule(SCHEDULE, "0 0 2 * * *", true, List.of("uploads"), null, null, false,
				Rescan.Mode.ALWAYS, null, null, null, null, Instant.parse("2026-01-01T00:00:00Z"), "admin-user");
		ScheduleView schedule = new ScheduleView(SCHEDULE, "0 0 2 * * *", true, List.of("uploads"), null, null, false,
				"ALWAYS", null, null, null, null, "uploads", null, null, Instant.parse("2026-01-03T02:00:00Z"), false,
				saved.updatedAt(), saved.updatedBy(), null, null);
		given(this.schedules.list()).willReturn(List.of(schedule));
		given(this.schedules.list(any())).willReturn(List.of(schedule));
		given(this.schedules.find(SCHEDULE)).willReturn(Optional.of(schedule));
		given(this.schedules.values(SCHEDULE)).willReturn(Optional.of(ScheduleRequest.of(saved)));
		given(this.schedules.save(any(), anyString(), any(), anyBoolean(), anyBoolean())).willReturn(schedule);
		given(this.schedules.enable(any(), anyString(), anyBoolean())).willReturn(Optional.of(schedule));
		given(this.schedules.delete(any(), anyString())).willReturn(true);
		given(this.globals.current()).willReturn(new GlobalSettings.Imported(null, Map.of(), "Not configured", null));
		EconomicsReport economics = EconomicsReport.of(List.of(record), List.of(), Prices.DEFAULTS,
				new Period(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-01-14")), null);
		given(this.economics.report(any(), any(), any())).willReturn(economics);
		given(this.economics.report(anyList(), any(), any(), any())).willReturn(economics);
		given(this.prices.current()).willReturn(Prices.DEFAULTS);
		given(this.prices.save(any(), any())).willReturn(Prices.DEFAULTS);
	}

	static Stream<Arguments> pageReads() {
		return Stream
			.of("/", "/buckets", "/buckets/uploads", "/findings", "/findings/" + FINDING, "/findings.csv",
					"/integrations", "/audit", "/retro", "/retro/" + JOB, "/retro/schedules/" + SCHEDULE, "/prices",
					"/large-objects", "/ebs", "/ebs/jobs/" + JOB, "/accounts", "/accounts/111122223333/buckets")
			.map(Arguments::of);
	}

	static Stream<Arguments> pageWrites() {
		return Stream.of(Arguments.of("/retro/drift-check", "bucket=uploads"),
				Arguments.of("/buckets/uploads", "tagSchema=GUARDDUTY&remediation=KEEP&maxSize=1GB"),
				Arguments.of("/buckets/uploads/unprotect", ""),
				Arguments.of("/buckets/uploads/policy", "readGate=true"),
				Arguments.of("/findings/" + FINDING + "/rescan", ""),
				Arguments.of("/integrations", "webhookUrl=http://127.0.0.1:1/hook"),
				Arguments.of("/integrations/webhook/test", ""), Arguments.of("/retro", "buckets=uploads&prefix=old/"),
				Arguments.of("/retro/" + JOB + "/cancel", ""), Arguments.of("/retro/" + JOB + "/resume", ""),
				Arguments.of("/retro/schedules", "name=weekly&cron=0+0+3+*+*+SUN&buckets=uploads"),
				Arguments.of("/retro/schedules/" + SCHEDULE, "name=nightly&cron=0+0+2+*+*+*&buckets=uploads"),
				Arguments.of("/retro/schedules/" + SCHEDULE + "/disable", ""),
				Arguments.of("/retro/schedules/" + SCHEDULE + "/enable", ""),
				Arguments.of("/retro/schedules/" + SCHEDULE + "/delete", ""),
				Arguments.of("/prices", "sqsPerMillion=0.40"), Arguments.of("/ebs/jobs", "snapshotId=snap-1"),
				Arguments.of("/accounts/111122223333/verify", ""), Arguments.of("/accounts/111122223333/delete", ""),
				Arguments.of("/accounts/111122223333/buckets/uploads", "remediation=KEEP"),
				Arguments.of("/accounts/111122223333/buckets/uploads/unprotect", ""));
	}

	static Stream<Arguments> apiReads() {
		return Stream
			.of("/api/v1/retro/jobs/" + JOB + "/drifts", "/api/v1/dashboard", "/api/v1/buckets",
					"/api/v1/buckets/uploads", "/api/v1/buckets/uploads/policy", "/api/v1/findings",
					"/api/v1/findings/" + FINDING, "/api/v1/findings/export", "/api/v1/integrations", "/api/v1/audit",
					"/api/v1/settings/global", "/api/v1/retro/jobs", "/api/v1/retro/jobs/" + JOB, "/api/v1/schedules",
					"/api/v1/schedules/" + SCHEDULE, "/api/v1/economics", "/api/v1/economics/prices",
					"/api/v1/large-objects", "/api/v1/ebs/volumes", "/api/v1/ebs/snapshots", "/api/v1/ebs/jobs",
					"/api/v1/ebs/jobs/" + JOB, "/api/v1/ebs/accounts/111122223333/volumes",
					"/api/v1/ebs/accounts/111122223333/snapshots", "/api/v1/accounts")
			.map(Arguments::of);
	}

	static Stream<Arguments> apiWrites() {
		return Stream.of(Arguments.of(HttpMethod.PUT, "/api/v1/buckets/uploads", "{\"remediation\":\"KEEP\"}", 200),
				Arguments.of(HttpMethod.DELETE, "/api/v1/buckets/uploads", "", 204),
				Arguments.of(HttpMethod.POST, "/api/v1/buckets/uploads/policy", "{\"readGate\":true}", 200),
				Arguments.of(HttpMethod.POST, "/api/v1/findings/" + FINDING + "/rescan", "", 202),
				Arguments.of(HttpMethod.PUT, "/api/v1/integrations", "{\"webhookUrl\":\"https://example.org/h\"}", 200),
				Arguments.of(HttpMethod.POST, "/api/v1/integrations/webhook/test", "", 200),
				Arguments.of(HttpMethod.POST, "/api/v1/retro/jobs", "{\"buckets\":[\"uploads\"]}", 201),
				Arguments.of(HttpMethod.POST, "/api/v1/retro/jobs/" + JOB + "/cancel", "", 200),
				Arguments.of(HttpMethod.POST, "/api/v1/retro/jobs/" + JOB + "/resume", "", 200),
				Arguments.of(HttpMethod.PUT, "/api/v1/schedules/" + SCHEDULE,
						"{\"cron\":\"0 0 2 * * *\",\"buckets\":[\"uploads\"]}", 200),
				Arguments.of(HttpMethod.DELETE, "/api/v1/schedules/" + SCHEDULE, "", 204),
				Arguments.of(HttpMethod.PUT, "/api/v1/economics/prices", "{\"sqsPerMillion\":\"0.40\"}", 200),
				Arguments.of(HttpMethod.POST, "/api/v1/ebs/jobs", "{\"snapshotId\":\"snap-1\"}", 201),
				Arguments.of(HttpMethod.POST, "/api/v1/ebs/jobs",
						"{\"snapshotId\":\"snap-2\",\"account\":\"111122223333\"}", 201));
	}

	/** Who calls, and with what: the matrix's columns. */
	enum Caller {

		/** No credentials. */
		ANONYMOUS,
		/** Signed in (pages) or an access token (API) of a user in no console group. */
		NO_GROUP,
		/** In the viewers group. */
		VIEWER,
		/** In the admins group. */
		ADMIN,
		/** An admin's access token of another app client of the same user pool. */
		WRONG_CLIENT,
		/** An admin's expired access token (API), a session past its lifetime (pages). */
		EXPIRED,
		/** An admin's ID token of the console's own client. */
		ID_TOKEN,
		/** An admin's access token of another issuer, signed with its own key. */
		FOREIGN_ISSUER

	}

	// @formatter:off
	/**
	 * The expected answer for each caller, in the order of {@link Caller}: a status, or
	 * {@code login} for a redirect to sign in.
	 */
	private static final String PAGE_READ =  "login 403 200 200 login login login login";
	private static final String PAGE_WRITE = "login 403 403 302 login login login login";
	private static final String API_READ =   "401   403 200 200 401   401   401   401";
	private static final String API_WRITE =  "401   403 403 %d 401   401   401   401";
	// @formatter:on

	/**
	 * Every endpoint for every caller, asserted as one table: a line per endpoint, a
	 * status per caller. Pages take no bearer tokens (those callers are anonymous there);
	 * the API takes no sessions.
	 */
	@Test
	void shouldAnswerEveryEndpointAsTheMatrixSays() throws Exception {
		MockHttpSession expired = OidcSignIn.session(this.mvc, "expired", List.of("admins"));
		this.mvc.perform(request(HttpMethod.GET, "/").session(expired)).andExpect(status().isOk());
		this.clock.advance(Duration.ofMinutes(61));
		List<String> expected = new ArrayList<>();
		List<String> actual = new ArrayList<>();
		for (Arguments page : pageReads().toList()) {
			String path = (String) page.get()[0];
			expected.add("GET " + path + ": " + PAGE_READ);
			actual.add("GET " + path + ": "
					+ statuses((caller) -> asPage(request(HttpMethod.GET, path), caller, expired)));
		}
		for (Arguments page : pageWrites().toList()) {
			String path = (String) page.get()[0];
			String form = (String) page.get()[1];
			expected.add("POST " + path + ": " + PAGE_WRITE);
			actual.add("POST " + path + ": "
					+ statuses((caller) -> asPage(post(path, form).with(csrf()), caller, expired)));
		}
		for (Arguments api : apiReads().toList()) {
			String path = (String) api.get()[0];
			expected.add("GET " + path + ": " + API_READ);
			actual.add("GET " + path + ": " + statuses((caller) -> asApi(request(HttpMethod.GET, path), caller)));
		}
		for (Arguments api : apiWrites().toList()) {
			HttpMethod method = (HttpMethod) api.get()[0];
			String path = (String) api.get()[1];
			String body = (String) api.get()[2];
			expected.add(method + " " + path + ": " + API_WRITE.formatted(api.get()[3]));
			actual.add(method + " " + path + ": " + statuses((caller) -> asApi(json(method, path, body), caller)));
		}
		org.assertj.core.api.Assertions.assertThat(String.join("\n", actual))
			.isEqualTo(String.join("\n", expected).replaceAll(" +", " "));
	}

	@Test
	void shouldNeedTheCsrfTokenOfTheSessionForPageChanges() throws Exception {
		for (Arguments page : pageWrites().toList()) {
			this.mvc.perform(post((String) page.get()[0], (String) page.get()[1]).with(user("admins")))
				.andExpect(status().isForbidden());
		}
	}

	@Test
	void shouldTakeAccessTokensOfEveryConfiguredAppClient() throws Exception {
		String automation = OidcSignIn.accessToken(ConsoleTestStack.oidc(), AUTOMATION_CLIENT, "pipeline",
				List.of("viewers"));
		this.mvc.perform(request(HttpMethod.GET, "/api/v1/buckets").with(bearer(automation)))
			.andExpect(status().isOk());
		this.mvc.perform(request(HttpMethod.GET, "/api/v1/buckets").session(session(Caller.ADMIN)))
			.andExpect(status().isUnauthorized());
	}

	/**
	 * An admin removed from the admin group is a viewer from the next check on, at most 5
	 * minutes later. The local OIDC server keeps the groups of a sign-in for its refresh
	 * tokens, while Cognito answers a refresh with the user's current groups; so the test
	 * plays the IdP's change by giving the session the tokens of a new sign-in of the
	 * same user in her new groups, where the console keeps them (the session).
	 */
	@Test
	void shouldTakeAdminRightsFromASessionWithinFiveMinutesOfTheGroupChange() throws Exception {
		MockHttpSession alice = OidcSignIn.session(this.mvc, "alice", List.of("admins"));
		String disable = "/retro/schedules/" + SCHEDULE + "/disable";
		this.mvc.perform(post(disable, "").session(alice).with(csrf())).andExpect(status().isFound());

		MockHttpSession demoted = OidcSignIn.session(this.mvc, "alice", List.of("viewers"));
		for (String name : Collections.list(demoted.getAttributeNames())) {
			if (name.startsWith(HttpSessionOAuth2AuthorizedClientRepository.class.getName())) {
				alice.setAttribute(name, demoted.getAttribute(name));
			}
		}
		this.clock.advance(Duration.ofMinutes(4));
		this.mvc.perform(post(disable, "").session(alice).with(csrf()))
			.andExpect(status().isFound())
			.andExpect(header().string("Location", "/retro/schedules/" + SCHEDULE));

		this.clock.advance(Duration.ofMinutes(1));
		this.mvc.perform(post(disable, "").session(alice).with(csrf())).andExpect(status().isForbidden());
		this.mvc.perform(request(HttpMethod.GET, "/retro/schedules/" + SCHEDULE).session(alice))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("schedules are read-only")));
	}

	@Test
	void shouldKeepAnUnchangedAdminThroughRechecksAndEndTheSessionAfterAnHour() throws Exception {
		MockHttpSession admin = OidcSignIn.session(this.mvc, "bob", List.of("admins"));
		String enable = "/retro/schedules/" + SCHEDULE + "/enable";
		this.mvc.perform(post(enable, "").session(admin).with(csrf())).andExpect(status().isFound());
		for (int minutes = 6; minutes < 60; minutes += 6) {
			this.clock.advance(Duration.ofMinutes(6));
			this.mvc.perform(post(enable, "").session(admin).with(csrf()))
				.andExpect(status().isFound())
				.andExpect(header().string("Location", "/retro/schedules/" + SCHEDULE));
		}
		this.clock.advance(Duration.ofMinutes(6));
		this.mvc.perform(request(HttpMethod.GET, "/retro").session(admin))
			.andExpect(status().isFound())
			.andExpect(header().string("Location", "/oauth2/authorization/console"));
	}

	@Test
	void shouldShowEbsScansToViewersAndTheirButtonsToAdminsOnly() throws Exception {
		MockHttpSession admin = session(Caller.ADMIN);
		MockHttpSession viewer = session(Caller.VIEWER);
		this.mvc.perform(request(HttpMethod.GET, "/ebs").session(admin))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"scan-vol-1\"")))
			.andExpect(content().string(containsString("id=\"scan-snap-1\"")))
			.andExpect(content().string(containsString(">Infected</span>")))
			.andExpect(content().string(containsString("(being taken)")))
			.andExpect(content().string(containsString("Account Team Q (111122223333)")))
			.andExpect(content().string(containsString("id=\"scan-vol-2\"")))
			.andExpect(content().string(containsString("id=\"scan-snap-2\"")))
			.andExpect(content().string(containsString("name=\"account\" value=\"111122223333\"")))
			.andExpect(content().string(containsString("account 111122223333")))
			.andExpect(content().string(containsString("id=\"schedule-vol-1\"")))
			.andExpect(content().string(containsString("name=\"ebsVolume\" value=\"vol-1\"")));
		this.mvc.perform(request(HttpMethod.GET, "/ebs").session(viewer))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Only admins start EBS scans.")))
			.andExpect(content().string(containsString("id=\"volume-vol-2\"")))
			.andExpect(content().string(not(containsString("id=\"scan-vol-2\""))))
			.andExpect(content().string(not(containsString("id=\"scan-vol-1\""))))
			.andExpect(content().string(not(containsString("id=\"schedule-vol-1\""))));
		this.mvc
			.perform(post("/retro/schedules", "name=ebs-vol-1&cron=0+0+3+*+*+*&ebsVolume=vol-1&enabled=true")
				.session(viewer)
				.with(csrf()))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/retro/schedules", "name=ebs-vol-1&cron=0+0+3+*+*+*&ebsVolume=vol-1&enabled=true")
				.session(admin)
				.with(csrf()))
			.andExpect(status().isFound());
		verify(this.schedules).save(any(), eq("ebs-vol-1"),
				argThat((ScheduleRequest form) -> "vol-1".equals(form.ebsVolume())), eq(false), eq(true));
		this.mvc.perform(request(HttpMethod.GET, "/ebs/jobs/" + JOB).session(viewer))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("home/eicar.com")));
		this.mvc.perform(request(HttpMethod.GET, "/retro").session(viewer))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("href=\"/ebs/jobs/retro-ebs-1\"")));
	}

	@Test
	void shouldEndTheSessionWhenTheIdpRefusesTheRefreshToken() throws Exception {
		MockHttpSession admin = OidcSignIn.session(this.mvc, "carol", List.of("admins"));
		this.mvc.perform(request(HttpMethod.GET, "/retro").session(admin)).andExpect(status().isOk());
		String name = HttpSessionOAuth2AuthorizedClientRepository.class.getName() + ".AUTHORIZED_CLIENTS";
		@SuppressWarnings("unchecked")
		Map<String, OAuth2AuthorizedClient> clients = (Map<String, OAuth2AuthorizedClient>) admin.getAttribute(name);
		OAuth2AuthorizedClient client = clients.get("console");
		clients.put("console", new OAuth2AuthorizedClient(client.getClientRegistration(), client.getPrincipalName(),
				client.getAccessToken(), new OAuth2RefreshToken("revoked-by-the-idp", Instant.now())));

		this.clock.advance(Duration.ofMinutes(5));
		this.mvc.perform(request(HttpMethod.GET, "/retro").session(admin))
			.andExpect(status().isFound())
			.andExpect(header().string("Location", "/oauth2/authorization/console"));
	}

	@Test
	void shouldEndTheIdpSessionOnSignOutAndComeBackToTheSignedOutPage() throws Exception {
		String location = this.mvc.perform(post("/logout", "").session(session(Caller.VIEWER)).with(csrf()))
			.andExpect(status().isFound())
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		org.assertj.core.api.Assertions.assertThat(location)
			.startsWith(ConsoleTestStack.oidc().endSessionEndpoint().toString())
			.contains("post_logout_redirect_uri=http://localhost/signed-out");
	}

	@Test
	void shouldLeaveTheApiDescriptionToSignedInUsers() throws Exception {
		this.mvc.perform(request(HttpMethod.GET, "/v3/api-docs"))
			.andExpect(status().isFound())
			.andExpect(header().string("Location", "/oauth2/authorization/console"));
		this.mvc.perform(request(HttpMethod.GET, "/swagger-ui/index.html"))
			.andExpect(status().isFound())
			.andExpect(header().string("Location", "/oauth2/authorization/console"));
	}

	private String statuses(Call call) throws Exception {
		List<String> statuses = new ArrayList<>();
		for (Caller caller : Caller.values()) {
			statuses.add(call.status(caller));
		}
		return String.join(" ", statuses);
	}

	private static String answer(MockHttpServletResponse response) {
		if (response.getStatus() == 302 && "/oauth2/authorization/console".equals(response.getRedirectedUrl())) {
			return "login";
		}
		return Integer.toString(response.getStatus());
	}

	private String asPage(MockHttpServletRequestBuilder request, Caller caller, MockHttpSession expired)
			throws Exception {
		switch (caller) {
			case ANONYMOUS -> {
			}
			case NO_GROUP, VIEWER, ADMIN -> request.session(session(caller));
			case EXPIRED -> request.session(expired);
			case WRONG_CLIENT, ID_TOKEN, FOREIGN_ISSUER -> request.with(bearer(token(caller)));
		}
		return answer(this.mvc.perform(request).andReturn().getResponse());
	}

	private String asApi(MockHttpServletRequestBuilder request, Caller caller) throws Exception {
		if (caller != Caller.ANONYMOUS) {
			request.with(bearer(token(caller)));
		}
		return answer(this.mvc.perform(request).andReturn().getResponse());
	}

	/** A signed-in session of the caller's groups, one per test. */
	private MockHttpSession session(Caller caller) throws Exception {
		MockHttpSession session = this.sessions.get(caller.name());
		if (session == null) {
			session = OidcSignIn.session(this.mvc, caller.name().toLowerCase(Locale.ROOT), groups(caller));
			this.sessions.put(caller.name(), session);
		}
		return session;
	}

	private static String token(Caller caller) {
		return TOKENS.computeIfAbsent(caller.name(), (name) -> {
			OidcServer oidc = ConsoleTestStack.oidc();
			String user = name.toLowerCase(Locale.ROOT);
			return switch (caller) {
				case ANONYMOUS -> throw new IllegalArgumentException("anonymous callers have no token");
				case NO_GROUP, VIEWER, ADMIN ->
					OidcSignIn.accessToken(oidc, OidcServer.CONSOLE_CLIENT_ID, user, groups(caller));
				case WRONG_CLIENT -> OidcSignIn.accessToken(oidc, OidcSignIn.OTHER_CLIENT, user, List.of("admins"));
				case EXPIRED -> OidcSignIn.expiredAccessToken(oidc, user, List.of("admins"));
				case ID_TOKEN -> OidcSignIn.idToken(oidc, user, List.of("admins"));
				case FOREIGN_ISSUER -> OidcSignIn.foreignIssuerAccessToken(oidc, user, List.of("admins"));
			};
		});
	}

	private static List<String> groups(Caller caller) {
		return switch (caller) {
			case VIEWER -> List.of("viewers");
			case ADMIN -> List.of("admins");
			default -> List.of();
		};
	}

	/** One request of the matrix, as a caller: its status. */
	@FunctionalInterface
	private interface Call {

		String status(Caller caller) throws Exception;

	}

	@Test
	void shouldListTheLatestDriftOnTheBucketPageAndOfferTheCheckToAdminsOnly() throws Exception {
		TagDrift forged = new TagDrift("d-1", "retro-drift-1", "uploads", "eicar.com", "v7", "etag",
				"scan-result=Clean", "Infected", DriftKind.FORGED_RESULT, Instant.parse("2026-01-02T00:00:00Z"));
		given(this.retro.latestDrift("uploads")).willReturn(Optional
			.of(new BucketDrift("retro-drift-1", "DONE", Instant.parse("2026-01-02T00:00:00Z"), 12, List.of(forged))));

		String viewerPage = page("/buckets/uploads", "viewers");
		String adminPage = page("/buckets/uploads", "admins");

		org.assertj.core.api.Assertions.assertThat(viewerPage)
			.containsPattern("id=\"drifts\"(?s:.)*eicar.com(?s:.)*FORGED_RESULT(?s:.)*scan-result=Clean(?s:.)*Infected")
			.contains("retro-drift-1", "<span id=\"drift-count\">1</span>")
			.doesNotContain("start-drift-check");
		org.assertj.core.api.Assertions.assertThat(adminPage).contains("id=\"start-drift-check\"");
		this.mvc.perform(post("/retro/drift-check", "bucket=uploads").with(user("viewers")).with(csrf()))
			.andExpect(status().isForbidden());
		verify(this.retro, never()).start(any(), any());
		this.mvc.perform(post("/retro/drift-check", "bucket=uploads").with(user("admins")).with(csrf()))
			.andExpect(status().isFound());
		ArgumentCaptor<StartRequest> started = ArgumentCaptor.forClass(StartRequest.class);
		verify(this.retro).start(any(), started.capture());
		org.assertj.core.api.Assertions.assertThat(started.getValue()).isEqualTo(StartRequest.driftCheck("uploads"));
	}

	@Test
	void shouldLeaveTheSignedOutPageAndStylesOpen() throws Exception {
		this.mvc.perform(request(HttpMethod.GET, "/signed-out")).andExpect(status().isOk());
		this.mvc.perform(request(HttpMethod.GET, "/css/console.css")).andExpect(status().isOk());
	}

	@Test
	void shouldAnswerProblemDetailsToTheApiAndAnErrorPageToPeopleWhenATableIsDown() throws Exception {
		given(this.catalog.list()).willThrow(new AwsUnavailableException("Reading BUCKET items failed", null));
		this.mvc.perform(request(HttpMethod.GET, "/api/v1/buckets").with(token("viewers")))
			.andExpect(status().isServiceUnavailable())
			.andExpect(jsonPath("$.detail").value("Reading BUCKET items failed"));
		this.mvc.perform(request(HttpMethod.GET, "/buckets").with(user("viewers")))
			.andExpect(status().isServiceUnavailable())
			.andExpect(view().name("error"));
	}

	@Test
	void shouldRefuseInvalidSettingsThroughTheApi() throws Exception {
		given(this.catalog.save(any(), anyString(), any()))
			.willThrow(new IllegalArgumentException("Remediation QUARANTINE needs a quarantine-bucket"));
		this.mvc
			.perform(json(HttpMethod.PUT, "/api/v1/buckets/uploads", "{\"remediation\":\"QUARANTINE\"}")
				.with(token("admins")))
			.andExpect(status().isBadRequest());
	}

	@Test
	void shouldShowLinkedAccountsAndTheirBucketsToViewersAndTheirActionsToAdminsOnly() throws Exception {
		LinkedAccount link = new LinkedAccount("111122223333", "Team A",
				"arn:aws:iam::111122223333:role/bucketwarden-linked", "ext-id-shown", AccountQuarantine.IN_ACCOUNT,
				"team-q", NOW, "arn:aws:sts::111122223333:assumed-role/bucketwarden-linked/bucketwarden-console", NOW,
				"admin");
		given(this.accountLinks.list()).willReturn(List.of(link));
		given(this.linkedBuckets.list("111122223333"))
			.willReturn(Optional.of(List.of(new BucketView("team-uploads", true, true, null))));
		String viewerPage = page("/accounts", "viewers");
		org.assertj.core.api.Assertions.assertThat(viewerPage)
			.contains("ext-id-shown", "in the account: team-q", "/accounts/111122223333/buckets")
			.doesNotContain("id=\"link-account\"", "class=\"secondary verify\"");
		org.assertj.core.api.Assertions.assertThat(page("/accounts", "admins"))
			.contains("id=\"link-account\"", "class=\"secondary verify\"", "class=\"secondary remove\"");
		org.assertj.core.api.Assertions.assertThat(page("/accounts/111122223333/buckets", "viewers"))
			.containsPattern("id=\"bucket-team-uploads\">(?s:(?!</tr>).)*>No<")
			.doesNotContain("class=\"secondary protect\"");
		org.assertj.core.api.Assertions.assertThat(page("/accounts/111122223333/buckets", "admins"))
			.contains("class=\"secondary protect\"");
	}

	@Test
	void shouldShowWhichBucketsThisDeploymentCanProtect() throws Exception {
		given(this.catalog.protectable()).willReturn(ProtectableBuckets.of(List.of("acme-uploads", "acme-shared-*")));
		given(this.catalog.list()).willReturn(
				List.of(new BucketView("acme-shared-1", true, true, null), new BucketView("other", true, false, null)));
		String page = this.mvc.perform(request(HttpMethod.GET, "/buckets").with(user("viewers")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		org.assertj.core.api.Assertions.assertThat(page)
			.contains("name or match: acme-uploads, acme-shared-*.")
			.containsPattern("id=\"bucket-acme-shared-1\">(?s:(?!</tr>).)*>Yes<")
			.containsPattern("id=\"bucket-other\">(?s:(?!</tr>).)*>No: outside protectedBuckets, add it and deploy<");
		this.mvc.perform(request(HttpMethod.GET, "/api/v1/buckets").with(token("viewers")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].protectable").value(true))
			.andExpect(jsonPath("$[1].name").value("other"))
			.andExpect(jsonPath("$[1].protectable").value(false));
		String form = this.mvc.perform(request(HttpMethod.GET, "/buckets/other").with(user("admins")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		org.assertj.core.api.Assertions.assertThat(form)
			.contains("id=\"not-protectable\"",
					"bucket other is outside its protectedBuckets (patterns acme-uploads, acme-shared-*): add it and deploy.");
	}

	/**
	 * A refusal (a bucket outside the deployment, or S3 refusing the wiring) is a
	 * conflict with its message: 409 on the API, the message on the page, never a 500.
	 */
	@Test
	void shouldAnswerARefusedProtectionWithItsMessage() throws Exception {
		String refusal = "bucket other is outside this deployment's protectedBuckets (patterns acme-*): add it and deploy";
		given(this.catalog.save(any(), anyString(), any())).willThrow(new IllegalStateException(refusal));
		given(this.catalog.protection(anyString())).willReturn(Optional.empty());
		this.mvc
			.perform(json(HttpMethod.PUT, "/api/v1/buckets/other", "{\"remediation\":\"KEEP\"}").with(token("admins")))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value(refusal));
		this.mvc.perform(post("/buckets/other", "remediation=KEEP&maxSize=1GB").with(user("admins")).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(view().name("bucket"))
			.andExpect(content().string(containsString("protectedBuckets (patterns acme-*): add it and deploy")))
			.andExpect(content().string(containsString("id=\"error\"")));
		given(this.catalog.unprotect(any(), anyString()))
			.willThrow(new IllegalStateException("S3 did not let BucketWarden read the event notifications of bucket"
					+ " uploads (AccessDenied: Access Denied): the console's role needs ..."));
		this.mvc.perform(post("/buckets/uploads/unprotect", "").with(user("admins")).with(csrf()))
			.andExpect(status().isFound())
			.andExpect(header().string("Location", "/buckets/uploads"))
			.andExpect(flash().attribute("error", startsWith("S3 did not let BucketWarden read")));
		this.mvc.perform(json(HttpMethod.DELETE, "/api/v1/buckets/uploads", "").with(token("admins")))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value(containsString("AccessDenied")));
	}

	/** The retro job's page as a user of the group sees it. */
	private String jobPage(String group) throws Exception {
		return this.mvc.perform(request(HttpMethod.GET, "/retro/" + JOB).with(user(group)))
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	@Test
	void shouldOfferToResumeACrawlThatFellSilentToAdminsOnly() throws Exception {
		Instant created = Instant.parse("2026-01-01T00:00:00Z");
		JobView silent = JobView.of(new Job(JOB,
				JobRequest.buckets(List.of("uploads"), "console:admin").toSpec(Clock.systemUTC()), JobState.CRAWLING,
				new JobCounters(Map.of(Counter.LISTED, 7L)), created, created, null, created.plusSeconds(30), null),
				created.plus(Duration.ofMinutes(10)), Duration.ofMinutes(5));
		given(this.retro.find(JOB)).willReturn(Optional.of(silent));

		String admin = jobPage("admins");
		String viewer = jobPage("viewers");

		org.assertj.core.api.Assertions.assertThat(admin)
			.contains("id=\"resume\"", "id=\"crawler-seen\"", "silent for too long", "crawl stopped: 7 listed");
		org.assertj.core.api.Assertions.assertThat(viewer)
			.doesNotContain("id=\"resume\"")
			.contains("silent for too long");
	}

	@Test
	void shouldOfferToStartWorkersForAStalledScanToAdminsOnly() throws Exception {
		Instant crawled = Instant.parse("2026-01-01T00:00:00Z");
		JobView stalled = JobView.of(
				new Job(JOB, JobRequest.buckets(List.of("uploads"), "console:admin").toSpec(Clock.systemUTC()),
						JobState.SCANNING, new JobCounters(Map.of(Counter.MATCHED, 9L, Counter.SCANNED, 3L)), crawled,
						crawled, null, null, crawled.plus(Duration.ofMinutes(2))),
				crawled.plus(Duration.ofMinutes(30)), Duration.ofMinutes(5));
		given(this.retro.find(JOB)).willReturn(Optional.of(stalled));

		String admin = jobPage("admins");
		String viewer = jobPage("viewers");

		org.assertj.core.api.Assertions.assertThat(admin)
			.contains("Start workers", "id=\"progress-at\"", "stalled: no result for too long",
					"3 of 9 scanned, stalled")
			.doesNotContain("Resume crawl");
		org.assertj.core.api.Assertions.assertThat(viewer)
			.doesNotContain("Start workers")
			.contains("3 of 9 scanned, stalled");
	}

	@Test
	void shouldShowTheStartFormAndCancelButtonToAdminsOnly() throws Exception {
		String admin = jobPage("admins");
		String viewer = this.mvc.perform(request(HttpMethod.GET, "/retro").with(user("viewers")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		org.assertj.core.api.Assertions.assertThat(admin).contains("id=\"cancel\"", "25%", "1 of 4 scanned");
		org.assertj.core.api.Assertions.assertThat(viewer)
			.doesNotContain("id=\"start\"")
			.contains("Only admins start retro scans", "http-equiv=\"refresh\"");
	}

	@Test
	void shouldShowScheduleFormsAndButtonsToAdminsOnly() throws Exception {
		String adminList = page("/retro", "admins");
		String adminSchedule = page("/retro/schedules/" + SCHEDULE, "admins");
		String viewerList = page("/retro", "viewers");
		String viewerSchedule = page("/retro/schedules/" + SCHEDULE, "viewers");
		org.assertj.core.api.Assertions.assertThat(adminList)
			.contains("id=\"schedule-nightly\"", "id=\"schedule-form\"", "2026-01-03 02:00:00 UTC");
		org.assertj.core.api.Assertions.assertThat(adminSchedule)
			.contains("id=\"schedule-form\"", "id=\"disable-schedule\"", "id=\"delete-schedule\"", "readonly");
		org.assertj.core.api.Assertions.assertThat(viewerList)
			.contains("id=\"schedule-nightly\"", "Only admins create and change schedules")
			.doesNotContain("id=\"schedule-form\"");
		org.assertj.core.api.Assertions.assertThat(viewerSchedule)
			.contains("schedules are read-only", "0 0 2 * * *")
			.doesNotContain("id=\"schedule-form\"", "id=\"disable-schedule\"", "id=\"delete-schedule\"");
	}

	@Test
	void shouldAnswerBadRequestToAnInvalidScheduleAndNotFoundToAMissingOne() throws Exception {
		given(this.schedules.save(any(), anyString(), any(), anyBoolean(), anyBoolean()))
			.willThrow(new IllegalArgumentException("Not a cron expression"));
		given(this.schedules.delete(any(), anyString())).willReturn(false);
		this.mvc
			.perform(
					json(HttpMethod.PUT, "/api/v1/schedules/" + SCHEDULE, "{\"cron\":\"daily\"}").with(token("admins")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("Not a cron expression"));
		this.mvc.perform(json(HttpMethod.DELETE, "/api/v1/schedules/other", "").with(token("admins")))
			.andExpect(status().isNotFound());
		this.mvc.perform(request(HttpMethod.GET, "/api/v1/schedules/other").with(token("viewers")))
			.andExpect(status().isNotFound());
		this.mvc.perform(post("/retro/schedules", "name=x&cron=daily").with(user("admins")).with(csrf()))
			.andExpect(status().isFound())
			.andExpect(header().string("Location", "/retro#new-schedule"));
	}

	@Test
	void shouldShowThePolicyStatementsToViewersAndTheApplyActionToAdminsOnly() throws Exception {
		String viewer = page("/buckets/uploads", "viewers");
		String admin = page("/buckets/uploads", "admins");

		assertThat(viewer).contains("id=\"policy-statements\"")
			.contains("id=\"policy-read-only\"")
			.doesNotContain("id=\"policy-apply\"");
		assertThat(admin).contains("id=\"policy-statements\"").contains("id=\"policy-apply\"");
	}

	@Test
	void shouldSayOnTheBucketPageWhyNoStatementCanBeBuilt() throws Exception {
		given(this.policies.view(anyString())).willReturn(new PolicyView("uploads", false,
				"No statement can be built: bucketwarden.console.agent-role-arns is not set", null, List.of(), null,
				null, PolicyView.Status.UNKNOWN, PolicyView.Status.UNKNOWN, null));

		assertThat(page("/buckets/uploads", "admins"))
			.contains("No statement can be built: bucketwarden.console.agent-role-arns is not set")
			.doesNotContain("id=\"policy-apply\"");
	}

	@Test
	void shouldAnswerConflictWhenCancellingAJobThatIsNotRunning() throws Exception {
		given(this.retro.cancel(any(), anyString())).willReturn(false);
		this.mvc.perform(json(HttpMethod.POST, "/api/v1/retro/jobs/" + JOB + "/cancel", "").with(token("admins")))
			.andExpect(status().isConflict());
	}

	private String page(String path, String group) throws Exception {
		return this.mvc.perform(request(HttpMethod.GET, path).with(user(group)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	/**
	 * A real session of a user in the group ("viewers", "admins", or any other: none).
	 */
	private RequestPostProcessor user(String group) throws Exception {
		Caller caller = switch (group) {
			case "viewers" -> Caller.VIEWER;
			case "admins" -> Caller.ADMIN;
			default -> Caller.NO_GROUP;
		};
		MockHttpSession session = session(caller);
		return (request) -> {
			request.setSession(session);
			return request;
		};
	}

	/** A real access token of the console's client for a user in the group. */
	private static RequestPostProcessor token(String group) {
		return bearer(token(switch (group) {
			case "viewers" -> Caller.VIEWER;
			case "admins" -> Caller.ADMIN;
			default -> Caller.NO_GROUP;
		}));
	}

	private static RequestPostProcessor bearer(String token) {
		return (request) -> {
			request.addHeader("Authorization", "Bearer " + token);
			return request;
		};
	}

	private static MockHttpServletRequestBuilder post(String path, String form) {
		return request(HttpMethod.POST, path).contentType(MediaType.APPLICATION_FORM_URLENCODED).content(form);
	}

	private static MockHttpServletRequestBuilder json(HttpMethod method, String path, String body) {
		return request(method, path).contentType(MediaType.APPLICATION_JSON).content(body);
	}

	@TestConfiguration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ConsoleProperties.class)
	static class Beans {

		@Bean
		TestClock clock() {
			return TestClock.at(NOW);
		}

	}

}
