package dev.bucketwarden.infra.aws.region;

import java.util.ArrayList;
import java.util.List;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.ObjectLockRetention;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

import dev.bucketwarden.infra.aws.access.LinkedRoles;
import dev.bucketwarden.infra.aws.access.QuarantineProtection;
import dev.bucketwarden.infra.aws.access.ResultTagProtection;

/**
 * Where a region's agents put infected objects: the bucket the deployment names (whose
 * policy the operator sets, from the statements this outputs), or a bucket of the stack
 * with the protection applied. Its resources keep the scanning side's construct ids, so
 * the templates' logical ids stay those of existing deployments.
 */
final class QuarantineBucket {

	private QuarantineBucket() {
	}

	/**
	 * The quarantine bucket's name, creating the bucket unless the deployment names one.
	 */
	static String of(Construct scope, ScanningAgents.Props props) {
		if (props.quarantineBucket() == null) {
			return create(scope, props).getBucketName();
		}
		// A bucket the deployment names but does not own: the operator applies the
		// statements.
		CfnOutput.Builder.create(scope, "QuarantineProtectionStatements")
			.description("Add these statements to the bucket policy of " + props.quarantineBucket()
					+ ": only the agents and the security roles may read quarantined objects, only the"
					+ " security roles may remove them")
			.value(Stack.of(scope).toJsonString(named(props).stream().map(PolicyStatement::toStatementJson).toList()))
			.build();
		return props.quarantineBucket();
	}

	/**
	 * The named bucket's statements: the protection, and the linked roles' copies of
	 * accounts whose quarantine is the deployment's.
	 */
	private static List<PolicyStatement> named(ScanningAgents.Props props) {
		List<PolicyStatement> statements = new ArrayList<>(QuarantineProtection.statements(Aws.PARTITION,
				props.quarantineBucket(), props.agentRoleArns(), props.quarantineReaders()));
		if (!props.centralQuarantineAccounts().isEmpty()) {
			statements
				.add(LinkedRoles.quarantineWriters("arn:" + Aws.PARTITION + ":s3:::" + props.quarantineBucket() + "/*",
						props.centralQuarantineAccounts()));
		}
		return statements;
	}

	/**
	 * The stack's own quarantine bucket: quarantined copies keep their verdict tags,
	 * which only the agents may change; only the agents and the security roles may read
	 * them, only the security roles remove them. With {@code quarantineLockDays}, each
	 * copy is also kept under Object Lock (governance mode: a role allowed
	 * s3:BypassGovernanceRetention can still remove one on purpose); with
	 * {@code quarantineAccessLogs}, S3 logs every access to a log bucket of the stack.
	 */
	private static Bucket create(Construct scope, ScanningAgents.Props props) {
		Bucket.Builder quarantine = Bucket.Builder.create(scope, "QuarantineBucket")
			.encryption(BucketEncryption.S3_MANAGED)
			.blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
			.enforceSsl(true)
			.versioned(true)
			.removalPolicy(RemovalPolicy.RETAIN);
		if (props.quarantineLockDays() > 0) {
			// CloudFormation turns Object Lock on only when it creates the bucket: an
			// existing deployment gets a new quarantine bucket (the old one is kept).
			quarantine.objectLockEnabled(true)
				.objectLockDefaultRetention(ObjectLockRetention.governance(Duration.days(props.quarantineLockDays())));
		}
		if (props.quarantineAccessLogs()) {
			Bucket logs = Bucket.Builder.create(scope, "QuarantineAccessLogs")
				.encryption(BucketEncryption.S3_MANAGED)
				.blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
				.enforceSsl(true)
				.versioned(true)
				.objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
				.removalPolicy(RemovalPolicy.RETAIN)
				.build();
			quarantine.serverAccessLogsBucket(logs).serverAccessLogsPrefix("quarantine/");
		}
		Bucket bucket = quarantine.build();
		// The linked roles of accounts whose quarantine is this bucket copy in with the
		// verdict's tags, like the agents.
		List<String> writers = new ArrayList<>(props.agentRoleArns());
		writers.addAll(LinkedRoles.arns(props.centralQuarantineAccounts()));
		ResultTagProtection.applyTo(bucket, writers);
		if (!props.centralQuarantineAccounts().isEmpty()) {
			bucket.addToResourcePolicy(
					LinkedRoles.quarantineWriters(bucket.arnForObjects("*"), props.centralQuarantineAccounts()));
		}
		QuarantineProtection.applyTo(bucket, props.agentRoleArns(), props.quarantineReaders());
		return bucket;
	}

}
