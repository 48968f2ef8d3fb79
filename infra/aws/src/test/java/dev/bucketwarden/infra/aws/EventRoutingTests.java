package dev.bucketwarden.infra.aws;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.sqs.Queue;

import dev.bucketwarden.infra.aws.events.EventRouting;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * EventBridge where it is used: S3 "Object Created" events into the scan queues, findings
 * put on each region's default bus by the agents and forwarded from a further region to
 * the console region.
 */
class EventRoutingTests {

	private final Template console = SynthesizedApp.get().console();

	private final Template agents = SynthesizedApp.get().agents();

	@Test
	void shouldSendTheProtectedBucketsObjectCreatedEventsToTheScanQueue() {
		// Exact names as values, the pattern as a wildcard filter, this account only.
		Map<String, Object> rule = Map.of("Name", "bucketwarden-object-created", "EventPattern", Match
			.objectEquals(Map.of("source", List.of("aws.s3"), "detail-type", List.of("Object Created"), "account",
					List.of(Map.of("Ref", "AWS::AccountId")), "detail",
					Map.of("bucket",
							Map.of("name",
									List.of("acme-uploads", "acme-invoices", Map.of("wildcard", "acme-shared-*")))))),
				"Targets", List.of(Match.objectLike(Map.of("Arn",
						Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("ScanningScanQueue.*"), "Arn"))))));
		this.console.hasResourceProperties("AWS::Events::Rule", rule);
		// The further region's pattern, this account only.
		this.agents.hasResourceProperties("AWS::Events::Rule",
				Map.of("Name", "bucketwarden-object-created", "EventPattern",
						Match.objectEquals(Map.of("source", List.of("aws.s3"), "detail-type", List.of("Object Created"),
								"account", List.of(Map.of("Ref", "AWS::AccountId")), "detail",
								Map.of("bucket", Map.of("name", List.of(Map.of("wildcard", "acme-west-*"))))))));
		// Only this rule may send to the queue: EventBridge with the rule as source.
		this.console.hasResourceProperties("AWS::SQS::QueuePolicy", Map.of("PolicyDocument", Map.of("Statement",
				Match.arrayWith(List.of(Match.objectLike(Map.of("Action", Match.arrayWith(List.of("sqs:SendMessage")),
						"Principal", Map.of("Service", "events.amazonaws.com"), "Condition",
						Map.of("ArnEquals", Map.of("aws:SourceArn", Map.of("Fn::GetAtt",
								List.of(Match.stringLikeRegexp("ScanningObjectCreated.*"), "Arn")))))))))));
	}

	/** Named buckets only: the rule's pattern is what it always was. */
	@Test
	void shouldMatchExactBucketNamesAsAPlainList() {
		Stack stack = new Stack(new App(), "ExactNames");
		EventRouting.s3ObjectCreated(stack, List.of("acme-uploads", "acme-invoices"), new Queue(stack, "Scan"));
		Template.fromStack(stack)
			.hasResourceProperties("AWS::Events::Rule",
					Map.of("EventPattern",
							Match.objectEquals(Map.of("source", List.of("aws.s3"), "detail-type",
									List.of("Object Created"), "detail",
									Map.of("bucket", Map.of("name", List.of("acme-uploads", "acme-invoices")))))));
	}

	@Test
	void shouldLetEveryAgentPutFindingsOnlyOnItsRegionsDefaultBus() {
		Object statement = Match.objectLike(Map.of("Sid", "PutFindingEvents", "Action", "events:PutEvents", "Condition",
				Map.of("StringEquals", Map.of("events:source", "dev.bucketwarden"))));
		Map<String, Map<String, Object>> consolePolicies = this.console.findResources("AWS::IAM::Policy", Map
			.of("Properties", Map.of("PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(statement))))));
		// The event, retro and API agents of the console region.
		assertThat(consolePolicies).hasSize(3);
		String bus = Cfn.text(Cfn.path(findStatement(consolePolicies.values().iterator().next()), "Resource"));
		assertThat(bus).isEqualTo("arn:${AWS::Partition}:events:" + SynthesizedApp.CONSOLE_REGION
				+ ":${AWS::AccountId}:event-bus/default");
		Map<String, Map<String, Object>> agentPolicies = this.agents.findResources("AWS::IAM::Policy", Map
			.of("Properties", Map.of("PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(statement))))));
		assertThat(agentPolicies).hasSize(2);
		for (Map<String, Object> policy : agentPolicies.values()) {
			assertThat(Cfn.text(Cfn.path(findStatement(policy), "Resource"))).isEqualTo("arn:${AWS::Partition}:events:"
					+ SynthesizedApp.AGENT_REGION + ":${AWS::AccountId}:event-bus/default");
		}
	}

	@Test
	void shouldForwardAFurtherRegionsFindingsToTheConsoleRegion() {
		String consoleBus = "arn:${AWS::Partition}:events:" + SynthesizedApp.CONSOLE_REGION
				+ ":${AWS::AccountId}:event-bus/default";
		Map<String, Map<String, Object>> rules = this.agents.findResources("AWS::Events::Rule",
				Map.of("Properties", Map.of("Name", "bucketwarden-forward-findings")));
		assertThat(rules).hasSize(1);
		Map<String, Object> rule = rules.values().iterator().next();
		assertThat((Object) Cfn.path(rule, "Properties", "EventPattern"))
			.isEqualTo(Map.of("source", List.of("dev.bucketwarden"), "detail-type", List.of("Object Scan Result")));
		Object target = Cfn.list(Cfn.path(rule, "Properties", "Targets")).getFirst();
		assertThat(Cfn.text(Cfn.path(target, "Arn"))).isEqualTo(consoleBus);
		// The role EventBridge assumes for it may put on that one bus, nothing else.
		List<Object> statements = Cfn.resources(SynthesizedApp.get().agentsJson(), "AWS::IAM::Policy")
			.values()
			.stream()
			.flatMap((policy) -> Cfn.list(Cfn.path(policy, "PolicyDocument", "Statement")).stream())
			.filter((s) -> consoleBus.equals(Cfn.text(Cfn.path(s, "Resource"))))
			.toList();
		assertThat(statements).hasSize(1);
		assertThat((Object) Cfn.path(statements.getFirst(), "Action")).isEqualTo("events:PutEvents");
		// The console region forwards nothing: its bus is where findings end up.
		this.console.resourcePropertiesCountIs("AWS::Events::Rule", Map.of("Name", "bucketwarden-forward-findings"), 0);
	}

	private static Object findStatement(Map<String, Object> policy) {
		return Cfn.list(Cfn.path(policy, "Properties", "PolicyDocument", "Statement"))
			.stream()
			.filter((s) -> "PutFindingEvents".equals(Cfn.path(s, "Sid")))
			.findFirst()
			.orElseThrow();
	}

}
