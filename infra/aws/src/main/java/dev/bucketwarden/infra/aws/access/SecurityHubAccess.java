package dev.bucketwarden.infra.aws.access;

import java.util.List;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.iam.Role;

/**
 * What an agent needs to keep Security Hub findings of its scans: import them to its
 * account's default product in its own region, look one up (the first CreatedAt of an
 * update, whether a clean rescan has one to resolve) and set the workflow of one it
 * resolves. Nothing else: not the hub's settings, not other products' findings' fields.
 * The console's toggle decides whether agents use it.
 */
public final class SecurityHubAccess {

	public static final String IMPORT_SID = "ImportSecurityHubFindings";

	public static final String RESOLVE_SID = "ReadAndResolveSecurityHubFindings";

	private SecurityHubAccess() {
	}

	/** The account's default product in the region: findings of the account itself. */
	public static String productArn(String region) {
		return "arn:" + Aws.PARTITION + ":securityhub:" + region + ":" + Aws.ACCOUNT_ID + ":product/" + Aws.ACCOUNT_ID
				+ "/default";
	}

	/**
	 * The account's hub in the region, which GetFindings and BatchUpdateFindings act on.
	 */
	public static String hubArn(String region) {
		return "arn:" + Aws.PARTITION + ":securityhub:" + region + ":" + Aws.ACCOUNT_ID + ":hub/default";
	}

	public static void grantFindings(Role role, String region) {
		TaskRoles.allow(role, IMPORT_SID, List.of("securityhub:BatchImportFindings"), List.of(productArn(region)));
		TaskRoles.allow(role, RESOLVE_SID, List.of("securityhub:GetFindings", "securityhub:BatchUpdateFindings"),
				List.of(hubArn(region)));
	}

}
