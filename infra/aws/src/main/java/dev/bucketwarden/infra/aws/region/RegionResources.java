package dev.bucketwarden.infra.aws.region;

import java.util.ArrayList;
import java.util.List;

import software.amazon.awscdk.Aws;

import dev.bucketwarden.infra.aws.access.AgentRoles;
import dev.bucketwarden.infra.aws.service.AgentEnvironment.ConsoleRegion;
import dev.bucketwarden.infra.aws.settings.DeploymentSettings.AgentRegion;

/**
 * The ARNs and URLs of a region's scanning side, built from the fixed names its stack
 * gives them, in the stack's partition and account: the console region's stack names a
 * further region's topic, queue, cluster and roles without a reference across regions
 * (CloudFormation has none), and without waiting for that region's stack.
 */
public final class RegionResources {

	static final String S3_EVENTS_TOPIC = "bucketwarden-s3-events";

	static final String RETRO_QUEUE = "bucketwarden-retro";

	static final String CLUSTER = "bucketwarden";

	private RegionResources() {
	}

	public static String s3EventsTopicArn(String region) {
		return "arn:" + Aws.PARTITION + ":sns:" + region + ":" + Aws.ACCOUNT_ID + ":" + S3_EVENTS_TOPIC;
	}

	public static String retroQueueArn(String region) {
		return "arn:" + Aws.PARTITION + ":sqs:" + region + ":" + Aws.ACCOUNT_ID + ":" + RETRO_QUEUE;
	}

	public static String retroQueueUrl(String region) {
		return "https://sqs." + region + "." + Aws.URL_SUFFIX + "/" + Aws.ACCOUNT_ID + "/" + RETRO_QUEUE;
	}

	public static String clusterArn(String region) {
		return "arn:" + Aws.PARTITION + ":ecs:" + region + ":" + Aws.ACCOUNT_ID + ":cluster/" + CLUSTER;
	}

	/** Every revision of the region's retro task definition (RunTask by family). */
	public static String retroTaskDefinitionArn(String region) {
		return "arn:" + Aws.PARTITION + ":ecs:" + region + ":" + Aws.ACCOUNT_ID + ":task-definition/"
				+ RetroAgent.FAMILY + ":*";
	}

	/** The roles a retro run task of the region runs with: task role, execution role. */
	public static List<String> retroRoleArns(String region) {
		return List.of(AgentRoles.arn(Aws.PARTITION, Aws.ACCOUNT_ID, AgentRoles.name("retro", region)),
				AgentRoles.arn(Aws.PARTITION, Aws.ACCOUNT_ID, RetroAgent.executionRoleName(region)));
	}

	/**
	 * What the console needs of a further region to wire its buckets and run its jobs.
	 */
	public static ConsoleRegion forConsole(AgentRegion region, List<String> linkedBuckets) {
		String name = region.region();
		// The console protects the region's own buckets and those of the linked accounts
		// whose roles the region's agents use.
		List<String> protectable = new ArrayList<>(region.protectedBuckets());
		linkedBuckets.stream().filter((bucket) -> !protectable.contains(bucket)).forEach(protectable::add);
		return new ConsoleRegion(name, s3EventsTopicArn(name), retroQueueUrl(name), clusterArn(name), RetroAgent.FAMILY,
				region.retroSubnets(), region.retroSecurityGroups(), protectable);
	}

}
