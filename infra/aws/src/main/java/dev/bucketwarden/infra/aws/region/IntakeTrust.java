package dev.bucketwarden.infra.aws.region;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sqs.IQueue;

/**
 * Who may put work in front of the agents. An event on the scan queue makes an agent
 * read, tag, quarantine or delete an object, so only S3 (for the allowed accounts'
 * buckets), the EventBridge rule and the console may bring one: the S3 event topic lets
 * S3 publish and explicitly denies everyone else, the scan queue explicitly denies
 * SendMessage to all but the topic's and the rule's deliveries and the console. An
 * explicit deny wins over any identity policy, so a principal of the account with
 * {@code sns:*} or {@code sqs:*} on {@code *} cannot inject events either.
 */
final class IntakeTrust {

	static final String S3_SERVICE = "s3.amazonaws.com";

	static final String PUBLISH_SID = "S3NotificationsOfProtectedBuckets";

	static final String PUBLISH_ORGANIZATIONS_SID = "S3NotificationsOfProtectedBucketsInOrganizations";

	static final String DENY_PUBLISH_SID = "DenyPublishButS3";

	static final String DENY_SEND_SID = "DenySendButIntake";

	private IntakeTrust() {
	}

	/**
	 * S3 may publish the protected buckets' notifications when the bucket's owner is an
	 * allowed account or in an allowed organization (aws:SourceAccount and
	 * aws:SourceOrgID are set by S3, never by a caller); nothing but S3, and the console
	 * role if given, may publish at all. Name patterns go in as they are: ArnLike matches
	 * {@code *}.
	 * @param consoleRoleArn the console's role in the console region, else null
	 */
	static void restrictTopic(ITopic topic, List<String> buckets, List<String> accounts, List<String> organizations,
			String consoleRoleArn) {
		Map<String, Object> sourceArns = Map.of("aws:SourceArn",
				buckets.stream().map((bucket) -> "arn:" + Aws.PARTITION + ":s3:::" + bucket).toList());
		topic.addToResourcePolicy(allowS3(topic, PUBLISH_SID, sourceArns, "aws:SourceAccount", accounts));
		if (!organizations.isEmpty()) {
			topic.addToResourcePolicy(
					allowS3(topic, PUBLISH_ORGANIZATIONS_SID, sourceArns, "aws:SourceOrgID", organizations));
		}
		// aws:PrincipalServiceName is only in the request context of a service
		// principal's call, so it is missing (and StringNotEquals true) for every role
		// and user.
		Map<String, Object> conditions = new LinkedHashMap<>();
		conditions.put("StringNotEquals", Map.of("aws:PrincipalServiceName", S3_SERVICE));
		if (consoleRoleArn != null) {
			conditions.put("ArnNotEquals", Map.of("aws:PrincipalArn", consoleRoleArn));
		}
		topic.addToResourcePolicy(deny(DENY_PUBLISH_SID, "sns:Publish", topic.getTopicArn(), conditions));
	}

	/**
	 * Only the deliveries of the given sources (the S3 event topic, the EventBridge rule:
	 * aws:SourceArn, which SNS and EventBridge set) and the given roles may send to the
	 * queue.
	 * @param senderRoleArns the console's role (in the console region) and the named
	 * security roles, whose redrive of the dead-letter queue sends as themselves
	 */
	static void restrictQueue(IQueue queue, List<String> sourceArns, List<String> senderRoleArns) {
		// The keys under one operator are ANDed: denied unless one of them matches.
		Map<String, Object> notOurs = new LinkedHashMap<>();
		notOurs.put("aws:SourceArn", List.copyOf(sourceArns));
		if (!senderRoleArns.isEmpty()) {
			notOurs.put("aws:PrincipalArn",
					(senderRoleArns.size() == 1) ? senderRoleArns.getFirst() : List.copyOf(senderRoleArns));
		}
		Map<String, Object> conditions = Map.of("ArnNotEquals", notOurs);
		queue.addToResourcePolicy(deny(DENY_SEND_SID, "sqs:SendMessage", queue.getQueueArn(), conditions));
	}

	private static PolicyStatement allowS3(ITopic topic, String sid, Map<String, Object> sourceArns, String key,
			List<String> values) {
		return PolicyStatement.Builder.create()
			.sid(sid)
			.effect(Effect.ALLOW)
			.principals(List.of(new ServicePrincipal(S3_SERVICE)))
			.actions(List.of("sns:Publish"))
			.resources(List.of(topic.getTopicArn()))
			.conditions(Map.of("ArnLike", sourceArns, "StringEquals", Map.of(key, new ArrayList<>(values))))
			.build();
	}

	private static PolicyStatement deny(String sid, String action, String resource, Map<String, Object> conditions) {
		return PolicyStatement.Builder.create()
			.sid(sid)
			.effect(Effect.DENY)
			.principals(List.of(new AnyPrincipal()))
			.actions(List.of(action))
			.resources(List.of(resource))
			.conditions(conditions)
			.build();
	}

}
