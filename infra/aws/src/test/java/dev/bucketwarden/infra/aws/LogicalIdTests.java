package dev.bucketwarden.infra.aws;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The logical ids of what holds data or a fixed name stay those of existing deployments.
 * CloudFormation replaces a resource whose logical id changes: a new table or quarantine
 * bucket beside the retained old one, a role or queue whose fixed name the new one cannot
 * take while the old exists. Code that wraps the stacks' parts in constructs of their own
 * changes these ids; this test says so before a deployment would.
 */
class LogicalIdTests {

	@Test
	void shouldKeepTheConsoleRegionsLogicalIds() {
		Map<String, Object> console = SynthesizedApp.get().consoleJson();
		assertThat(Cfn.resources(console, "AWS::DynamoDB::Table")).containsOnlyKeys("ResultsTableF0B5BF22",
				"JobsTable1970BC16", "SettingsTable4DB0CCD0");
		assertThat(Cfn.resources(console, "AWS::SNS::Topic")).containsKeys("Findings172CF60E",
				"ScanningS3Events1C9A03B8");
		assertThat(Cfn.resources(console, "AWS::Cognito::UserPool")).containsOnlyKeys("AuthUserPool8115E87F");
		assertThat(Cfn.resources(console, "AWS::SecretsManager::Secret"))
			.containsOnlyKeys("ConsoleClientSecret6926D5BF");
		assertThat(Cfn.resources(console, "AWS::IAM::Role")).containsKeys("ApiAgentRole31B0CB7A",
				"ConsoleRole9EF55668");
		assertThat(Cfn.resources(console, "AWS::ECS::Service")).containsOnlyKeys("ScanningEventAgentService3C177E01",
				"ScanningRetroSchedulerService6D0D1ACB", "ApiAgentServiceE82327CE", "ConsoleService64FC1E45");
		assertScanningSide(console);
	}

	@Test
	void shouldKeepAFurtherRegionsLogicalIds() {
		Map<String, Object> agents = SynthesizedApp.get().agentsJson();
		assertThat(Cfn.resources(agents, "AWS::ECS::Service")).containsOnlyKeys("ScanningEventAgentService3C177E01");
		assertScanningSide(agents);
	}

	private static void assertScanningSide(Map<String, Object> template) {
		assertThat(Cfn.resources(template, "AWS::S3::Bucket")).containsOnlyKeys("ScanningQuarantineBucket71DF4099",
				"ScanningQuarantineAccessLogs5D940DEF");
		assertThat(Cfn.resources(template, "AWS::SQS::Queue")).containsOnlyKeys("ScanningScanQueueDEBE7887",
				"ScanningScanQueueDeadLetterQueueF1173FED", "ScanningRetroQueueCD49C0C4",
				"ScanningRetroQueueDeadLetterQueue27BEB927", "ScanningLargeObjectQueueBD86CFF0",
				"ScanningLargeObjectQueueDeadLetterQueueE3C3B616");
		assertThat(Cfn.resources(template, "AWS::IAM::Role")).containsKeys("ScanningEventAgentRole864230B7",
				"ScanningRetroAgentRole1B00AF97");
	}

}
