package dev.bucketwarden.infra.aws;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * A further region scans next to its data and reports to the console region's table and
 * findings topic.
 */
class AgentRegionStackTests {

	private final Template template = SynthesizedApp.get().agents();

	@Test
	void shouldRunItsOwnScanQueueAndEventAgents() {
		this.template.hasResourceProperties("AWS::SQS::Queue", Map.of("QueueName", "bucketwarden-scan", "RedrivePolicy",
				Match.objectLike(Map.of("maxReceiveCount", 5))));
		this.template.hasResourceProperties("AWS::SNS::Subscription", Map.of("Protocol", "sqs"));
		this.template.hasResourceProperties("AWS::ECS::Service", Map.of("ServiceName", "event-agent"));
		this.template.resourceCountIs("AWS::ECS::Service", 1);
		this.template.hasResourceProperties("AWS::ECS::TaskDefinition", Map.of("Family", "bucketwarden-retro-agent"));
		this.template.hasResourceProperties("AWS::ApplicationAutoScaling::ScalableTarget",
				Map.of("MinCapacity", 1, "MaxCapacity", 5));
		this.template.hasResourceProperties("AWS::CloudWatch::Alarm",
				Map.of("AlarmName", "bucketwarden-scan-dlq-not-empty"));
		this.template.hasResourceProperties("AWS::SNS::Subscription",
				Map.of("Protocol", "email", "Endpoint", Map.of("Ref", "AlarmEmail")));
	}

	@Test
	void shouldHaveNoConsoleTablesOrLoadBalancer() {
		this.template.resourceCountIs("AWS::DynamoDB::Table", 0);
		this.template.resourceCountIs("AWS::ElasticLoadBalancingV2::LoadBalancer", 0);
		this.template.resourceCountIs("AWS::Cognito::UserPool", 0);
	}

	@Test
	void shouldReportToTheConsoleRegion() {
		String console = SynthesizedApp.CONSOLE_REGION;
		this.template.hasResourceProperties("AWS::ECS::TaskDefinition", Map.of("Family", "bucketwarden-event-agent",
				"ContainerDefinitions",
				Match.arrayWith(List.of(Match.objectLike(Map.of("Name", "event-agent", "Environment",
						Match.arrayWith(List.of(
								Map.of("Name", "SPRING_CLOUD_AWS_REGION_STATIC", "Value", SynthesizedApp.AGENT_REGION),
								Map.of("Name", "SPRING_CLOUD_AWS_DYNAMODB_REGION", "Value", console),
								Map.of("Name", "SPRING_CLOUD_AWS_SNS_REGION", "Value", console),
								Map.of("Name", "BUCKETWARDEN_RESULTS_TABLE", "Value", "bucketwarden-results")))))))));
		Map<String, Object> tableArn = Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"),
				":dynamodb:" + console + ":", Map.of("Ref", "AWS::AccountId"), ":table/bucketwarden-results")));
		Object statement = Match.objectLike(Map.of("Sid", "RecordResults", "Resource", tableArn));
		this.template.hasResourceProperties("AWS::IAM::Policy",
				Map.of("PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(statement)))));
	}

}
