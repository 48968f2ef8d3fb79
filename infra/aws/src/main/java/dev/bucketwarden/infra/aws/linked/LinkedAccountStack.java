package dev.bucketwarden.infra.aws.linked;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.iam.ArnPrincipal;
import software.amazon.awscdk.services.iam.CompositePrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IPrincipal;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.constructs.Construct;

import dev.bucketwarden.infra.aws.access.AgentRoles;
import dev.bucketwarden.infra.aws.access.BucketGrants;
import dev.bucketwarden.infra.aws.access.LinkedRoles;
import dev.bucketwarden.infra.aws.access.ObjectAccess;
import dev.bucketwarden.infra.aws.access.QuarantineProtection;
import dev.bucketwarden.infra.aws.access.ResultTagProtection;
import dev.bucketwarden.infra.aws.access.TaskRoles;
import dev.bucketwarden.infra.aws.console.ConsoleRegionStack;
import dev.bucketwarden.infra.aws.region.EbsScans;
import dev.bucketwarden.infra.aws.settings.DeploymentSettings;
import dev.bucketwarden.infra.aws.settings.LinkedAccount;

/**
 * What a linked account deploys into itself: the role {@value LinkedRoles#NAME}, which
 * only the central deployment's agents and console may assume (their exact role ARNs,
 * with the external id the console made for this account: the confused deputy's guard),
 * for one hour at most. The role may do in this account what the agents do in the
 * deployment's own, on the protected buckets named for this account only, and what the
 * console does to list and wire them; it may describe EBS volumes and snapshots. With
 * {@code IN_ACCOUNT} quarantine, infected objects go to a quarantine bucket of this stack
 * under the same protection as the deployment's; with {@code CENTRAL}, the role copies
 * them into the deployment's quarantine buckets, whose policies let it in.
 */
public final class LinkedAccountStack extends Stack {

	public static final String PREFIX = "BucketWarden-Linked-";

	/**
	 * The external id's shortest length: the console makes 128 random bits (22 chars).
	 */
	static final int EXTERNAL_ID_MIN_LENGTH = 16;

	/**
	 * The deployment's quarantine buckets that the stacks create have generated names
	 * starting with this (a named {@code quarantineBucket} is added by name).
	 */
	static final String CENTRAL_QUARANTINE_PATTERN = "bucketwarden-*";

	public LinkedAccountStack(Construct scope, String id, StackProps props, DeploymentSettings settings,
			LinkedAccount linked) {
		super(scope, id, props);
		CfnParameter externalId = CfnParameter.Builder.create(this, "ExternalId")
			.type("String")
			.minLength(EXTERNAL_ID_MIN_LENGTH)
			.maxLength(1224)
			.allowedPattern("[\\w+=,.@:/-]+")
			.noEcho(false)
			.description("The external id the BucketWarden console shows for this account (Accounts page)")
			.build();
		Role role = Role.Builder.create(this, "LinkedRole")
			.roleName(LinkedRoles.NAME)
			.description(
					"BucketWarden (account " + settings.account() + ") scans the protected buckets of " + linked.name())
			.assumedBy(new CompositePrincipal(centralRoles(settings, linked).stream()
				.map((arn) -> (IPrincipal) new ArnPrincipal(arn))
				.toArray(IPrincipal[]::new)))
			.externalIds(List.of(externalId.getValueAsString()))
			.maxSessionDuration(Duration.hours(1))
			.build();
		if (linked.quarantine() == LinkedAccount.Quarantine.IN_ACCOUNT) {
			Bucket quarantine = quarantineBucket(settings);
			ObjectAccess.grantScanAndRemediate(role, linked.protectedBuckets(), quarantine.getBucketName());
			CfnOutput.Builder.create(this, "QuarantineBucketName")
				.description("This account's quarantine bucket (the console's Accounts page takes its name)")
				.value(quarantine.getBucketName())
				.build();
		}
		else {
			ObjectAccess.grantScan(role, linked.protectedBuckets());
			List<String> central = new ArrayList<>(List.of(CENTRAL_QUARANTINE_PATTERN));
			if (settings.quarantineBucket() != null) {
				central.add(settings.quarantineBucket());
			}
			ObjectAccess.grantCopyIntoQuarantine(role, central, settings.account());
		}
		grantConsole(role, linked);
		grantSnapshots(role, coveredRegions(settings, linked), settings.account());
		CfnOutput.Builder.create(this, "RoleArn")
			.description("The role ARN to give the console's Accounts page")
			.value(role.getRoleArn())
			.build();
	}

	/**
	 * The central roles that may assume the linked role: the event and retro agents of
	 * each region that acts on this account, the API agents of the console region (when
	 * it does) and the console.
	 */
	static List<String> centralRoles(DeploymentSettings settings, LinkedAccount linked) {
		String partition = Aws.PARTITION;
		List<String> regions = new ArrayList<>(List.of(settings.consoleRegion()));
		regions.addAll(settings.agentRegionNames());
		List<String> arns = new ArrayList<>();
		for (String region : regions) {
			if (!linked.covers(region)) {
				continue;
			}
			for (String agent : List.of("event", "retro")) {
				arns.add(AgentRoles.arn(partition, settings.account(), AgentRoles.name(agent, region)));
			}
			if (region.equals(settings.consoleRegion())) {
				arns.add(AgentRoles.arn(partition, settings.account(), AgentRoles.name(AgentRoles.API_AGENT, region)));
			}
		}
		arns.add(AgentRoles.arn(partition, settings.account(),
				ConsoleRegionStack.consoleRoleName(settings.consoleRegion())));
		return arns;
	}

	/**
	 * The console's Buckets and EBS pages through the role: list the account's buckets
	 * and their regions, wire the protected ones' notifications, describe volumes and
	 * snapshots (account-level or metadata actions, which take no resource but *).
	 */
	private static void grantConsole(Role role, LinkedAccount linked) {
		TaskRoles.allow(role, "ListBuckets", List.of("s3:ListAllMyBuckets"), List.of("*"));
		BucketGrants.onBuckets("LocateBuckets", List.of("s3:GetBucketLocation"), List.of("*"))
			.forEach(role::addToPolicy);
		BucketGrants
			.onBuckets("WireProtectedBuckets", List.of("s3:GetBucketNotification", "s3:PutBucketNotification"),
					linked.protectedBuckets())
			.forEach(role::addToPolicy);
		TaskRoles.allow(role, "DescribeVolumesAndSnapshots", List.of("ec2:DescribeSnapshots", "ec2:DescribeVolumes"),
				List.of("*"));
	}

	/** The regions whose agents act on the account (the console's first). */
	static List<String> coveredRegions(DeploymentSettings settings, LinkedAccount linked) {
		List<String> regions = new ArrayList<>(List.of(settings.consoleRegion()));
		regions.addAll(settings.agentRegionNames());
		return regions.stream().filter(linked::covers).distinct().toList();
	}

	/**
	 * The retro agents' EBS jobs of this account, through the role, in the covered
	 * regions: snapshots of its volumes (the snapshot must carry the job's tag from its
	 * creation, as for the central retro role), tags on snapshots with our keys only, and
	 * the snapshot's createVolumePermission, which the job adds for the deployment's
	 * account only (never a group: "all" would make it public) and removes after the
	 * scan. Snapshot ARNs name no account.
	 */
	private static void grantSnapshots(Role role, List<String> regions, String deploymentAccount) {
		List<String> volumes = new ArrayList<>();
		List<String> snapshots = new ArrayList<>();
		for (String region : regions) {
			String ec2 = "arn:" + Aws.PARTITION + ":ec2:" + region + ":";
			volumes.add(ec2 + Aws.ACCOUNT_ID + ":volume/*");
			snapshots.add(ec2 + ":snapshot/*");
		}
		TaskRoles.allow(role, "SnapshotVolumes", List.of("ec2:CreateSnapshot"), volumes);
		role.addToPolicy(PolicyStatement.Builder.create()
			.sid("CreateJobSnapshots")
			.effect(Effect.ALLOW)
			.actions(List.of("ec2:CreateSnapshot"))
			.resources(snapshots)
			.conditions(Map.of("Null", Map.of("aws:RequestTag/" + EbsScans.JOB_TAG, "false")))
			.build());
		role.addToPolicy(PolicyStatement.Builder.create()
			.sid("TagSnapshots")
			.effect(Effect.ALLOW)
			.actions(List.of("ec2:CreateTags"))
			.resources(snapshots)
			.conditions(Map.of("ForAllValues:StringEquals", Map.of("aws:TagKeys", EbsScans.SNAPSHOT_TAG_KEYS), "Null",
					Map.of("aws:TagKeys", "false")))
			.build());
		role.addToPolicy(PolicyStatement.Builder.create()
			.sid("ShareSnapshotsWithTheDeployment")
			.effect(Effect.ALLOW)
			.actions(List.of("ec2:ModifySnapshotAttribute"))
			.resources(snapshots)
			.conditions(Map.of("ForAllValues:StringEquals", Map.of("ec2:Add/userId", List.of(deploymentAccount)),
					"Null", Map.of("ec2:Add/group", "true")))
			.build());
	}

	/**
	 * This account's quarantine bucket, protected like the deployment's: only the linked
	 * role writes result tags and reads (HEADs) copies, only the security roles read and
	 * remove them.
	 */
	private Bucket quarantineBucket(DeploymentSettings settings) {
		Bucket bucket = Bucket.Builder.create(this, "QuarantineBucket")
			.encryption(BucketEncryption.S3_MANAGED)
			.blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
			.enforceSsl(true)
			.versioned(true)
			.removalPolicy(RemovalPolicy.RETAIN)
			.build();
		List<String> writers = List.of(LinkedRoles.arn(Aws.ACCOUNT_ID));
		ResultTagProtection.applyTo(bucket, writers);
		QuarantineProtection.applyTo(bucket, writers, settings.quarantineReaders());
		return bucket;
	}

}
