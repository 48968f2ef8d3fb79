package dev.bucketwarden.console.config;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** The role ARNs the bucket policy statements exempt: exact IAM role ARNs only. */
class ConsolePropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(Properties.class);

	@Test
	void shouldTakeRoleArnsAsTheDeploymentSetsThem() {
		this.runner
			.withPropertyValues(
					"bucketwarden.console.agent-role-arns=" + "arn:aws:iam::123456789012:role/bucketwarden-agent-event,"
							+ "arn:aws-us-gov:iam::123456789012:role/path/bucketwarden-agent-retro",
					"bucketwarden.console.break-glass-role-arns=arn:aws:iam::123456789012:role/BreakGlass")
			.run((context) -> {
				ConsoleProperties properties = context.getBean(ConsoleProperties.class);
				assertThat(properties.agentRoleArns()).containsExactly(
						"arn:aws:iam::123456789012:role/bucketwarden-agent-event",
						"arn:aws-us-gov:iam::123456789012:role/path/bucketwarden-agent-retro");
				assertThat(properties.breakGlassRoleArns())
					.containsExactly("arn:aws:iam::123456789012:role/BreakGlass");
			});
	}

	@Test
	void shouldHaveNoRolesUnlessSet() {
		this.runner.run((context) -> assertThat(context.getBean(ConsoleProperties.class).agentRoleArns()).isEmpty());
	}

	@Test
	void shouldRefuseAnythingButARoleArn() {
		for (String notARole : new String[] { "arn:aws:iam::123456789012:role/bucketwarden-agent-*",
				"arn:aws:iam::123456789012:user/alice", "arn:aws:sts::123456789012:assumed-role/agent/session",
				"arn:aws:iam::12345:role/agent", "bucketwarden-agent-event" }) {
			this.runner.withPropertyValues("bucketwarden.console.break-glass-role-arns=" + notARole)
				.run((context) -> assertThat(context).hasFailed()
					.getFailure()
					.rootCause()
					.hasMessageContaining("must be an IAM role ARN"));
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ConsoleProperties.class)
	static class Properties {

	}

}
