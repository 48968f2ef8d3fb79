package dev.bucketwarden.infra.aws.queue;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * A queue of work for agents and its dead-letter queue: a message received
 * {@code maxReceiveCount} times without being acknowledged moves to the DLQ (the agents'
 * {@code max-attempts} is the same number, so the last attempt records its failure), and
 * any message in the DLQ raises an alarm to the operators' topic.
 */
public final class WorkQueue extends Construct {

	/**
	 * Matches the event agent's default visibility-timeout; it extends it while scanning.
	 */
	public static final Duration VISIBILITY_TIMEOUT = Duration.seconds(60);

	private final Queue queue;

	private final Queue deadLetterQueue;

	private final Alarm deadLetterAlarm;

	public WorkQueue(Construct scope, String id, String queueName, int maxReceiveCount, ITopic alarmTopic) {
		this(scope, id, queueName, maxReceiveCount, alarmTopic, VISIBILITY_TIMEOUT);
	}

	/**
	 * A queue whose consumers receive with a visibility timeout of their own (the
	 * large-object queue's parts scan for longer than one object of the scan queue).
	 */
	public WorkQueue(Construct scope, String id, String queueName, int maxReceiveCount, ITopic alarmTopic,
			Duration visibilityTimeout) {
		super(scope, id);
		this.deadLetterQueue = Queue.Builder.create(this, "DeadLetterQueue")
			.queueName(queueName + "-dlq")
			.retentionPeriod(Duration.days(14))
			.encryption(QueueEncryption.SQS_MANAGED)
			.enforceSsl(true)
			.build();
		this.queue = Queue.Builder.create(this, "Queue")
			.queueName(queueName)
			.visibilityTimeout(visibilityTimeout)
			.retentionPeriod(Duration.days(4))
			.encryption(QueueEncryption.SQS_MANAGED)
			.enforceSsl(true)
			.deadLetterQueue(
					DeadLetterQueue.builder().queue(this.deadLetterQueue).maxReceiveCount(maxReceiveCount).build())
			.build();
		this.deadLetterAlarm = Alarm.Builder.create(this, "DeadLetterAlarm")
			.alarmName(queueName + "-dlq-not-empty")
			.alarmDescription("Messages in " + queueName + "-dlq: objects that could not be processed after "
					+ maxReceiveCount + " attempts (or poison messages). Inspect, fix, then redrive.")
			.metric(this.deadLetterQueue.metricApproximateNumberOfMessagesVisible(
					MetricOptions.builder().period(Duration.minutes(1)).statistic("Maximum").build()))
			.threshold(1)
			.evaluationPeriods(1)
			.comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
			.treatMissingData(TreatMissingData.NOT_BREACHING)
			.build();
		SnsAction action = new SnsAction(alarmTopic);
		this.deadLetterAlarm.addAlarmAction(action);
		this.deadLetterAlarm.addOkAction(action);
	}

	public Queue queue() {
		return this.queue;
	}

	public Queue deadLetterQueue() {
		return this.deadLetterQueue;
	}

	public Alarm deadLetterAlarm() {
		return this.deadLetterAlarm;
	}

}
