package dev.bucketwarden.agent.config;

import java.util.ArrayList;
import java.util.List;

import io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.dynamodb.DynamoDbAutoConfiguration;
import io.awspring.cloud.autoconfigure.s3.S3AutoConfiguration;
import io.awspring.cloud.autoconfigure.sns.SnsAutoConfiguration;
import io.awspring.cloud.autoconfigure.sqs.SqsAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * agent-core's auto-configurations, as an agent gets them, for tests that wire the whole
 * pipeline.
 */
public final class AgentCoreAutoConfigurations {

	/** Every agent-core auto-configuration, in the order the imports file lists them. */
	public static final List<Class<?>> ALL = List.of(EngineChainAutoConfiguration.class,
			AccountsAutoConfiguration.class, StorageAutoConfiguration.class, ResultsAutoConfiguration.class,
			BucketSettingsAutoConfiguration.class, FindingsAutoConfiguration.class, TrustAutoConfiguration.class,
			HealthAutoConfiguration.class, PipelineAutoConfiguration.class, AwsCallsAutoConfiguration.class,
			UsageAutoConfiguration.class);

	private static final List<Class<?>> AWS = List.of(AwsAutoConfiguration.class,
			CredentialsProviderAutoConfiguration.class, RegionProviderAutoConfiguration.class,
			S3AutoConfiguration.class, DynamoDbAutoConfiguration.class, SnsAutoConfiguration.class,
			SqsAutoConfiguration.class);

	private AgentCoreAutoConfigurations() {
	}

	/** agent-core's auto-configurations alone (the AWS clients come from the test). */
	public static AutoConfigurations agentCore() {
		return AutoConfigurations.of(ALL.toArray(Class<?>[]::new));
	}

	/** agent-core's auto-configurations after Spring Cloud AWS's clients. */
	public static AutoConfigurations withAws() {
		List<Class<?>> all = new ArrayList<>(AWS);
		all.addAll(ALL);
		return AutoConfigurations.of(all.toArray(Class<?>[]::new));
	}

	/**
	 * A runner with Spring Cloud AWS's clients for a fixed region and test credentials,
	 * without usage roll-ups (whose last write at shutdown would go to AWS itself).
	 */
	static ApplicationContextRunner runner() {
		return new ApplicationContextRunner().withConfiguration(withAws())
			.withPropertyValues("spring.cloud.aws.region.static=eu-west-1",
					"spring.cloud.aws.credentials.access-key=test", "spring.cloud.aws.credentials.secret-key=test",
					"bucketwarden.usage.enabled=false");
	}

}
