package dev.bucketwarden.infra.aws.region;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.ICluster;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

import dev.bucketwarden.infra.aws.access.TaskRoles;
import dev.bucketwarden.infra.aws.events.EventRouting;
import dev.bucketwarden.infra.aws.monitoring.ScanMetrics;
import dev.bucketwarden.infra.aws.queue.WorkQueue;
import dev.bucketwarden.infra.aws.service.AgentEnvironment;
import dev.bucketwarden.infra.aws.service.ServiceTask;
import dev.bucketwarden.infra.aws.settings.DeploymentSettings.Capacity;
import dev.bucketwarden.infra.aws.settings.DeploymentSettings.Monitoring;

/**
 * The scanning side of one region: the quarantine bucket ({@link QuarantineBucket}), the
 * topic the protected buckets' S3 event notifications go to and the scan queue it feeds
 * ({@link ScanIntake}), the event agents autoscaled on the queue's backlog
 * ({@link EventAgents}), the retro queue and the retro agent's task definition, started
 * as run tasks by the console ({@link RetroAgent}). Results and findings go to the
 * console region's table and topic ({@link SharedResources}), possibly in another region.
 * <p>
 * The parts build into this construct, not into constructs of their own: a further level
 * would change every logical id, and CloudFormation would replace the queues, roles and
 * buckets of existing deployments.
 */
public final class ScanningAgents extends Construct {

	private final String quarantineBucket;

	private final List<String> intakeBuckets;

	private final ScanIntake intake;

	/**
	 * The large-object queue's visibility timeout, the agents' own: a 256 MiB window
	 * scans in well under a minute at clamd's rates; the agents renew it at half while a
	 * part scans, so a killed worker's part is back within five minutes.
	 */
	static final Duration LARGE_OBJECT_VISIBILITY = Duration.minutes(5);

	private final WorkQueue retroQueue;

	private final WorkQueue largeObjectQueue;

	private final EventAgents eventAgents;

	private final RetroAgent retroAgent;

	public ScanningAgents(Construct scope, String id, Props props) {
		super(scope, id);
		String region = props.region();
		this.intakeBuckets = props.intakeBuckets();
		this.quarantineBucket = QuarantineBucket.of(this, props);
		this.intake = new ScanIntake(this, props);
		this.retroQueue = new WorkQueue(this, "RetroQueue", RegionResources.RETRO_QUEUE, props.maxAttempts(),
				props.alarmTopic());
		// A part is one window of up to 256 MiB: minutes at worst, and the agents extend
		// the visibility while they scan.
		this.largeObjectQueue = new WorkQueue(this, "LargeObjectQueue", "bucketwarden-large-objects",
				props.maxAttempts(), props.alarmTopic(), LARGE_OBJECT_VISIBILITY);
		Map<String, String> scanning = AgentEnvironment.monitoring(
				AgentEnvironment.trust(
						AgentEnvironment.scanning(region, props.resultsRegion(), SharedResources.RESULTS_TABLE,
								SharedResources.SETTINGS_TABLE, SharedResources.findingsTopicArn(props.resultsRegion()),
								props.findingsOnEventBridge() ? EventRouting.DEFAULT_BUS : null, this.quarantineBucket),
						props.intakeBuckets(), props.trustedAccounts(), region, this.intake.s3Events().getTopicArn()),
				props.monitoring().metricsNamespace(), props.monitoring().signatureMaxAgeHours());
		scanning = AgentEnvironment.largeObjects(scanning, this.largeObjectQueue.queue().getQueueUrl(),
				props.maxAttempts(), LARGE_OBJECT_VISIBILITY.toSeconds().intValue());
		this.eventAgents = new EventAgents(this, props, this.quarantineBucket, this.intake.scanQueue(),
				this.largeObjectQueue, scanning);
		this.retroAgent = new RetroAgent(this, props, this.quarantineBucket, this.retroQueue, scanning);
		// Retro scans start large-object jobs; the event agents scan their parts.
		this.largeObjectQueue.queue().grantSendMessages(this.retroAgent.role());
		ScanMetrics metrics = new ScanMetrics(props.monitoring().metricsNamespace());
		metrics.grantPublish(this.eventAgents.role());
		metrics.grantPublish(this.retroAgent.role());
		if (props.findingsOnEventBridge()) {
			EventRouting.grantPutFindings(this.eventAgents.role(), region);
			EventRouting.grantPutFindings(this.retroAgent.role(), region);
			if (!region.equals(props.resultsRegion())) {
				EventRouting.forwardFindings(this, props.resultsRegion());
			}
		}
		CfnOutput.Builder.create(this, "S3EventsTopicArn")
			.description("Send the protected buckets' s3:ObjectCreated:* notifications to this topic")
			.value(this.intake.s3Events().getTopicArn())
			.build();
		CfnOutput.Builder.create(this, "QuarantineBucketName").value(this.quarantineBucket).build();
	}

	/**
	 * Runs the retro agent's {@code scheduler} as a one-task service (see
	 * {@link RetroAgent#addScheduler}): in the console region only; a schedule of a
	 * further region's buckets runs with that region's queue and task.
	 * @param furtherRegions the scheduler's {@code bucketwarden.retro.regions} (see
	 * {@link AgentEnvironment#retroRegion})
	 * @param regions their names
	 */
	public FargateService addRetroScheduler(Map<String, String> furtherRegions, List<String> regions) {
		return this.retroAgent.addScheduler(furtherRegions, regions);
	}

	public Topic s3Events() {
		return this.intake.s3Events();
	}

	public WorkQueue scanQueue() {
		return this.intake.scanQueue();
	}

	public WorkQueue retroQueue() {
		return this.retroQueue;
	}

	public WorkQueue largeObjectQueue() {
		return this.largeObjectQueue;
	}

	public FargateService eventAgents() {
		return this.eventAgents.service();
	}

	public ServiceTask retroAgentTask() {
		return this.retroAgent.task();
	}

	/** The security group of the retro agent's run tasks. */
	public SecurityGroup retroTasks() {
		return this.retroAgent.tasks();
	}

	/** The subnets of the retro agent's run tasks, comma-separated. */
	public String retroSubnets() {
		return this.retroAgent.subnets();
	}

	public Role retroAgentRole() {
		return this.retroAgent.role();
	}

	/** The EBS snapshot scans' task ({@code bucketwarden-ebs-scan}). */
	public ServiceTask ebsScanTask() {
		return this.retroAgent.ebsTask();
	}

	/**
	 * Lets {@code starter} (the console) start EBS snapshot scans of this region and list
	 * volumes and snapshots: RunTask of exactly that task definition, passing its roles
	 * and the volume role (to ECS only).
	 */
	public void grantStartEbsScans(Role starter) {
		TaskRoles.allow(starter, "StartEbsScans", List.of("ecs:RunTask"),
				List.of(ebsScanTask().taskDefinition().getTaskDefinitionArn()));
		this.retroAgent.ebs().grantPass(starter, ebsScanTask());
		EbsScans.describe(starter);
	}

	/** The retro agents' task definition family, the same in every region. */
	public static String retroFamily() {
		return RetroAgent.FAMILY;
	}

	/** The fixed name of a region's retro task definition's execution role. */
	public static String retroExecutionRoleName(String region) {
		return RetroAgent.executionRoleName(region);
	}

	/**
	 * The buckets the region's topic and agents accept: see
	 * {@link Props#intakeBuckets()}.
	 */
	public List<String> intakeBuckets() {
		return this.intakeBuckets;
	}

	public String quarantineBucketName() {
		return this.quarantineBucket;
	}

	/**
	 * What a region's scanning side needs.
	 *
	 * @param region this region
	 * @param resultsRegion the console region, with the results table and findings topic
	 * @param findingsOnEventBridge whether findings also go on the default bus (and from
	 * a further region on to the console region's)
	 * @param eventBridgeIntake whether S3 "Object Created" events on the default bus feed
	 * the scan queue too
	 * @param kmsKeys customer managed keys the agents may use through S3
	 * @param agentRoleArns the exact ARNs of every agent role of the deployment (all
	 * regions), which alone may write result tags
	 * @param trustedAccounts the accounts whose buckets' S3 may publish to the topic and
	 * whose events the agents act on
	 * @param allowedOrganizations organizations whose accounts' S3 may publish too
	 * @param consoleRoleArn the console's role, which may also send to the scan queue, or
	 * null in a region without the console
	 * @param breakGlassRoleArns the named security roles, which may also send to the scan
	 * queue (an operator's redrive of its dead-letter queue sends as the operator)
	 * @param quarantineReaders the security roles that may read and remove quarantined
	 * objects
	 * @param quarantineLockDays Object Lock retention of the stack's quarantine bucket,
	 * in days; 0 for none
	 * @param quarantineAccessLogs whether the stack's quarantine bucket logs every access
	 * to a log bucket
	 * @param monitoring the agents' metrics namespace and signature age limit
	 * @param linkedAccounts the linked accounts whose role this region's agents may
	 * assume
	 * @param centralQuarantineAccounts the linked accounts among them whose infected
	 * objects the linked role copies into this region's quarantine bucket
	 * @param linkedBuckets those accounts' protected buckets, names and patterns
	 */
	public record Props(String region, String resultsRegion, ICluster cluster, List<String> protectedBuckets,
			String quarantineBucket, Capacity eventAgents, int backlogPerTask, int maxAttempts, int logRetentionDays,
			ITopic alarmTopic, Path repositoryRoot, boolean findingsOnEventBridge, boolean eventBridgeIntake,
			List<String> kmsKeys, List<String> agentRoleArns, List<String> trustedAccounts,
			List<String> allowedOrganizations, String consoleRoleArn, List<String> breakGlassRoleArns,
			List<String> quarantineReaders, int quarantineLockDays, boolean quarantineAccessLogs, Monitoring monitoring,
			List<String> linkedAccounts, List<String> centralQuarantineAccounts, List<String> linkedBuckets) {

		public Props {
			linkedAccounts = List.copyOf(linkedAccounts);
			centralQuarantineAccounts = List.copyOf(centralQuarantineAccounts);
			linkedBuckets = List.copyOf(linkedBuckets);
		}

		/**
		 * The buckets whose notifications the region's topic accepts and whose objects
		 * its agents act on: the region's own and the linked accounts'. The agents' own
		 * roles reach only the former; the latter through the linked roles.
		 */
		public List<String> intakeBuckets() {
			List<String> buckets = new ArrayList<>(this.protectedBuckets);
			this.linkedBuckets.stream().filter((bucket) -> !buckets.contains(bucket)).forEach(buckets::add);
			return List.copyOf(buckets);
		}

	}

}
