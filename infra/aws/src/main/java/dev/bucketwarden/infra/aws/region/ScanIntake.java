package dev.bucketwarden.infra.aws.region;

import java.util.ArrayList;
import java.util.List;

import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.SqsSubscription;
import software.constructs.Construct;

import dev.bucketwarden.infra.aws.events.EventRouting;
import dev.bucketwarden.infra.aws.queue.WorkQueue;

/**
 * How new objects reach the event agents: the topic the protected buckets' S3 event
 * notifications go to, the scan queue it feeds (and EventBridge's "Object Created" rule,
 * when asked), and the policies that let only the trusted buckets, the console and the
 * break-glass roles in. Its resources keep the scanning side's construct ids.
 */
final class ScanIntake {

	private final Topic s3Events;

	private final WorkQueue scanQueue;

	ScanIntake(Construct scope, ScanningAgents.Props props) {
		this.s3Events = Topic.Builder.create(scope, "S3Events")
			.topicName(RegionResources.S3_EVENTS_TOPIC)
			.displayName("S3 event notifications of BucketWarden's protected buckets")
			.enforceSsl(true)
			.build();
		IntakeTrust.restrictTopic(this.s3Events, props.intakeBuckets(), props.trustedAccounts(),
				props.allowedOrganizations(), props.consoleRoleArn());
		this.scanQueue = new WorkQueue(scope, "ScanQueue", "bucketwarden-scan", props.maxAttempts(),
				props.alarmTopic());
		this.s3Events.addSubscription(new SqsSubscription(this.scanQueue.queue()));
		List<String> intake = new ArrayList<>(List.of(this.s3Events.getTopicArn()));
		if (props.eventBridgeIntake()) {
			intake.add(
					EventRouting.s3ObjectCreated(scope, props.protectedBuckets(), this.scanQueue.queue()).getRuleArn());
		}
		// "Scan again" from the console, and an operator's redrive of the dead-letter
		// queue, send as those roles.
		List<String> senders = new ArrayList<>();
		if (props.consoleRoleArn() != null) {
			senders.add(props.consoleRoleArn());
		}
		senders.addAll(props.breakGlassRoleArns());
		IntakeTrust.restrictQueue(this.scanQueue.queue(), intake, senders);
	}

	Topic s3Events() {
		return this.s3Events;
	}

	WorkQueue scanQueue() {
		return this.scanQueue;
	}

}
