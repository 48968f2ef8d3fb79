package dev.bucketwarden.agent.config;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.bucketwarden.agent.findings.CompositeFindingPublisher;
import dev.bucketwarden.agent.findings.FindingPublisher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The findings sinks from {@code bucketwarden.findings} and the console's integrations.
 */
class FindingsAutoConfigurationTests {

	private final ApplicationContextRunner runner = AgentCoreAutoConfigurations.runner();

	@Test
	void shouldPublishToEveryConfiguredSink() {
		this.runner
			.withPropertyValues("bucketwarden.findings.topic-arn=arn:aws:sns:eu-west-1:123456789012:findings",
					"bucketwarden.findings.event-bus=default",
					"bucketwarden.findings.queue-url=http://127.0.0.1:9/000000000000/findings",
					"bucketwarden.findings.webhook-url=http://127.0.0.1:9/hook")
			.run((context) -> assertThat(((CompositeFindingPublisher) context.getBean(FindingPublisher.class)).size())
				.isEqualTo(4));
		this.runner.withPropertyValues("bucketwarden.settings.table=bucketwarden-settings")
			.run((context) -> assertThat(((CompositeFindingPublisher) context.getBean(FindingPublisher.class)).size())
				.as("the console's integrations")
				.isEqualTo(1));
		this.runner
			.run((context) -> assertThat(((CompositeFindingPublisher) context.getBean(FindingPublisher.class)).size())
				.isZero());
	}

}
