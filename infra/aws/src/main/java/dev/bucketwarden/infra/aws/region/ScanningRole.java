package dev.bucketwarden.infra.aws.region;

import java.util.List;

import software.amazon.awscdk.services.iam.Role;
import software.constructs.Construct;

import dev.bucketwarden.infra.aws.access.AgentRoles;
import dev.bucketwarden.infra.aws.access.KmsAccess;
import dev.bucketwarden.infra.aws.access.LinkedRoles;
import dev.bucketwarden.infra.aws.access.ObjectAccess;
import dev.bucketwarden.infra.aws.access.SecurityHubAccess;
import dev.bucketwarden.infra.aws.access.TaskRoles;

/**
 * The role of an agent that runs the scan pipeline on protected objects (the event and
 * the retro agent): it reads, tags, quarantines and removes objects, uses the buckets'
 * keys through S3, reads bucket settings, records results and publishes findings in the
 * console region, and keeps Security Hub findings in its own region. What only one agent
 * does (its queue, the jobs table) its own builder grants.
 */
final class ScanningRole {

	private ScanningRole() {
	}

	/**
	 * @param agent the agent's short name in its role name ({@code event},
	 * {@code retro}): the result-tag protection lets exactly these ARNs through
	 */
	static Role create(Construct scope, String id, String agent, ScanningAgents.Props props, String quarantineBucket) {
		Role role = TaskRoles.create(scope, id, AgentRoles.name(agent, props.region()));
		ObjectAccess.grantScanAndRemediate(role, props.protectedBuckets(), quarantineBucket);
		KmsAccess.grantThroughS3(role, props.kmsKeys(), props.region());
		TaskRoles.allow(role, "ReadBucketSettings", List.of("dynamodb:GetItem", "dynamodb:Query"),
				List.of(SharedResources.tableArn(props.resultsRegion(), SharedResources.SETTINGS_TABLE)));
		TaskRoles.allow(role, "RecordResults", List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"),
				List.of(SharedResources.tableArn(props.resultsRegion(), SharedResources.RESULTS_TABLE)));
		TaskRoles.allow(role, "PublishFindings", List.of("sns:Publish"),
				List.of(SharedResources.findingsTopicArn(props.resultsRegion())));
		SecurityHubAccess.grantFindings(role, props.region());
		// The buckets of linked accounts: through their linked roles, exactly these.
		LinkedRoles.grantAssume(role, props.linkedAccounts());
		return role;
	}

}
