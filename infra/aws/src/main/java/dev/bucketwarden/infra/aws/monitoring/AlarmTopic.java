package dev.bucketwarden.infra.aws.monitoring;

import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * The operators' alarm topic: every alarm of the stack notifies it, and it e-mails the
 * address of the stack's {@code AlarmEmail} parameter (the recipient confirms the
 * subscription once).
 */
public final class AlarmTopic extends Construct {

	private final Topic topic;

	public AlarmTopic(Construct scope, String id) {
		super(scope, id);
		CfnParameter email = CfnParameter.Builder.create(scope, "AlarmEmail")
			.type("String")
			.allowedPattern("^[^@\\s]+@[^@\\s]+$")
			.description("E-mail address that receives BucketWarden's alarms (dead letters, errors, stale signatures,"
					+ " slow or stalled scanning)")
			.build();
		this.topic = Topic.Builder.create(this, "Topic").displayName("BucketWarden alarms").build();
		this.topic.addSubscription(new EmailSubscription(email.getValueAsString()));
	}

	public Topic topic() {
		return this.topic;
	}

}
