package dev.bucketwarden.agent.health;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.bucketwarden.agent.config.AgentCoreAutoConfigurations;
import dev.bucketwarden.local.clamd.ClamdServer;
import dev.bucketwarden.local.junit.ClamdExtension;
import dev.bucketwarden.local.time.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engines health against a real clamd: UP with fresh signatures, DOWN once they are
 * older than the limit (the clock moves on, as a day without freshclam would), DOWN when
 * clamd does not answer.
 */
@ExtendWith(ClamdExtension.class)
class StaleSignaturesIntegrationTests {

	private static ApplicationContextRunner runner;

	@BeforeAll
	static void configure(ClamdServer clamd) {
		runner = new ApplicationContextRunner().withConfiguration(AgentCoreAutoConfigurations.withAws())
			.withPropertyValues("spring.cloud.aws.region.static=eu-west-1",
					// no usage roll-ups: their last write at shutdown would go to AWS
					// itself
					"bucketwarden.usage.enabled=false", "spring.cloud.aws.credentials.access-key=test",
					"spring.cloud.aws.credentials.secret-key=test", "bucketwarden.engines.clamav.port=" + clamd.port(),
					"bucketwarden.chain.engines=clamav,premium", "bucketwarden.health.cache=0s");
	}

	@Test
	void shouldTurnDownWhenSignaturesGetOlderThanTheLimit() {
		TestClock clock = TestClock.system();
		runner.withBean(Clock.class, () -> clock).run((context) -> {
			HealthIndicator engines = context.getBean("engines", HealthIndicator.class);

			Health fresh = engines.health();
			assertThat(fresh.getStatus()).isEqualTo(Status.UP);
			assertThat(details(fresh, "clamav")).containsEntry("status", "UP").containsKey("signatureAge");
			assertThat(details(fresh, "premium")).containsEntry("status", "UP").doesNotContainKey("signatureAge");

			clock.advance(Duration.ofHours(25));
			Health stale = engines.health();
			assertThat(stale.getStatus()).isEqualTo(Status.DOWN);
			assertThat(details(stale, "clamav")).containsEntry("status", "STALE");
			assertThat(Duration.parse((String) details(stale, "clamav").get("signatureAge")))
				.isGreaterThan(Duration.ofHours(24));
		});
	}

	@Test
	void shouldTakeTheConfiguredLimit() {
		TestClock clock = TestClock.system();
		runner.withBean(Clock.class, () -> clock)
			.withPropertyValues("bucketwarden.health.signature-max-age=72h")
			.run((context) -> {
				clock.advance(Duration.ofHours(25));
				assertThat(context.getBean("engines", HealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
				clock.advance(Duration.ofHours(48));
				assertThat(context.getBean("engines", HealthIndicator.class).health().getStatus())
					.isEqualTo(Status.DOWN);
			});
	}

	@Test
	void shouldNotLetAnOptionalEnginesStaleSignaturesTurnItDown() {
		TestClock clock = TestClock.system();
		runner.withBean(Clock.class, () -> clock)
			.withPropertyValues("bucketwarden.chain.engines=premium,clamav",
					"bucketwarden.chain.members.clamav.required=false")
			.run((context) -> {
				clock.advance(Duration.ofHours(25));
				Health health = context.getBean("engines", HealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(details(health, "clamav")).containsEntry("status", "STALE");
			});
	}

	@Test
	void shouldBeDownWhileARequiredEngineDoesNotAnswer() {
		runner.withPropertyValues("bucketwarden.engines.clamav.port=1").run((context) -> {
			Health health = context.getBean("engines", HealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(details(health, "clamav")).containsEntry("status", "UNREACHABLE").containsKey("error");
		});
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> details(Health health, String engine) {
		return (Map<String, Object>) health.getDetails().get(engine);
	}

}
