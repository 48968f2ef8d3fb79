package dev.bucketwarden.infra.aws.events;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.SqsQueue;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

import dev.bucketwarden.infra.aws.access.BucketGrants;

/**
 * The EventBridge rules of one region.
 *
 * <p>
 * Findings: the agents put each scan result on the region's default bus as an "Object
 * Scan Result" event from {@value #FINDINGS_SOURCE} (the shape of GuardDuty Malware
 * Protection's, so rules written for GuardDuty need only the source changed). In a
 * further region a rule forwards them to the console region's default bus, so one place
 * sees every region's findings.
 *
 * <p>
 * S3 intake: buckets with "Send notifications to Amazon EventBridge" turned on can feed
 * the scan queue through a rule instead of an S3 event notification; the event agent
 * reads both envelopes. A bucket that has both would be scanned once: redelivery of an
 * object already carrying our result for its ETag is skipped.
 */
public final class EventRouting {

	/** The source the agents put findings under (custom events cannot use aws.*). */
	public static final String FINDINGS_SOURCE = "dev.bucketwarden";

	public static final String FINDINGS_DETAIL_TYPE = "Object Scan Result";

	/** The agents' setting: the bus name they put findings on. */
	public static final String DEFAULT_BUS = "default";

	private EventRouting() {
	}

	/** The default bus of a region, as an ARN (the only bus the agents may put on). */
	public static String defaultBusArn(String region) {
		return "arn:" + Aws.PARTITION + ":events:" + region + ":" + Aws.ACCOUNT_ID + ":event-bus/default";
	}

	/** Lets an agent put findings on its own region's default bus, and nothing else. */
	public static void grantPutFindings(IGrantable agent, String region) {
		agent.getGrantPrincipal()
			.addToPrincipalPolicy(PolicyStatement.Builder.create()
				.sid("PutFindingEvents")
				.effect(Effect.ALLOW)
				.actions(List.of("events:PutEvents"))
				.resources(List.of(defaultBusArn(region)))
				.conditions(Map.of("StringEquals", Map.of("events:source", FINDINGS_SOURCE)))
				.build());
	}

	/**
	 * Forwards this region's findings to the console region's default bus. The role
	 * EventBridge assumes may put events on that one bus only.
	 */
	public static Rule forwardFindings(Construct scope, String consoleRegion) {
		IEventBus target = EventBus.fromEventBusArn(scope, "ConsoleRegionBus", defaultBusArn(consoleRegion));
		Role role = Role.Builder.create(scope, "ForwardFindingsRole")
			.assumedBy(new ServicePrincipal("events.amazonaws.com"))
			.build();
		Rule rule = Rule.Builder.create(scope, "ForwardFindings")
			.ruleName("bucketwarden-forward-findings")
			.description("Scan results of this region's agents, to the console region's default bus")
			.eventPattern(findings())
			.build();
		rule.addTarget(
				software.amazon.awscdk.services.events.targets.EventBus.Builder.create(target).role(role).build());
		return rule;
	}

	/**
	 * Sends the protected buckets' "Object Created" events to the scan queue. Exact names
	 * are matched as a list of values; name patterns with EventBridge's wildcard filter,
	 * and only this account's events then ({@code "*"} alone needs no bucket filter at
	 * all).
	 */
	public static Rule s3ObjectCreated(Construct scope, List<String> buckets, IQueue scanQueue) {
		Rule rule = Rule.Builder.create(scope, "ObjectCreated")
			.ruleName("bucketwarden-object-created")
			.description("New objects in BucketWarden's protected buckets, to the scan queue")
			.eventPattern(objectCreated(buckets))
			.build();
		// CDK adds the queue policy for this rule's ARN only (aws:SourceArn).
		rule.addTarget(SqsQueue.Builder.create(scanQueue).build());
		return rule;
	}

	private static EventPattern objectCreated(List<String> buckets) {
		EventPattern.Builder pattern = EventPattern.builder()
			.source(List.of("aws.s3"))
			.detailType(List.of("Object Created"));
		if (buckets.stream().noneMatch(BucketGrants::isPattern)) {
			return pattern.detail(Map.of("bucket", Map.of("name", buckets))).build();
		}
		pattern.account(List.of(Aws.ACCOUNT_ID));
		if (buckets.contains("*")) {
			return pattern.build();
		}
		List<Object> names = buckets.stream()
			.map((bucket) -> BucketGrants.isPattern(bucket) ? (Object) Map.of("wildcard", bucket) : bucket)
			.toList();
		return pattern.detail(Map.of("bucket", Map.of("name", names))).build();
	}

	private static EventPattern findings() {
		return EventPattern.builder()
			.source(List.of(FINDINGS_SOURCE))
			.detailType(List.of(FINDINGS_DETAIL_TYPE))
			.build();
	}

}
