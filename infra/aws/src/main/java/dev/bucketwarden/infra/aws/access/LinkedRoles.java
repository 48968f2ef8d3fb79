package dev.bucketwarden.infra.aws.access;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.iam.AccountPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.IPrincipal;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * The role each linked account's stack creates ({@value #NAME}), which the central agents
 * and console assume to reach that account's buckets. Its name is fixed, so the central
 * stacks name its exact ARN in each account before it exists (no wildcard: a central role
 * may assume exactly the linked accounts' roles, nothing else of theirs).
 */
public final class LinkedRoles {

	/** The role's name in every linked account. */
	public static final String NAME = "bucketwarden-linked";

	/** The statement of a central role's policy that lets it assume the linked roles. */
	public static final String ASSUME_SID = "AssumeLinkedAccountRoles";

	/** The quarantine bucket statement that lets CENTRAL linked roles copy in. */
	public static final String QUARANTINE_SID = "LinkedAccountsCopyIntoQuarantine";

	private LinkedRoles() {
	}

	/** The linked role's ARN in {@code account}, in the stack's partition. */
	public static String arn(String account) {
		return AgentRoles.arn(Aws.PARTITION, account, NAME);
	}

	public static List<String> arns(List<String> accounts) {
		return accounts.stream().map(LinkedRoles::arn).toList();
	}

	/**
	 * Lets a central role assume the linked roles of {@code accounts} (none: nothing).
	 */
	public static void grantAssume(IGrantable role, List<String> accounts) {
		if (accounts.isEmpty()) {
			return;
		}
		role.getGrantPrincipal()
			.addToPrincipalPolicy(PolicyStatement.Builder.create()
				.sid(ASSUME_SID)
				.effect(Effect.ALLOW)
				.actions(List.of("sts:AssumeRole"))
				.resources(arns(accounts))
				.build());
	}

	/**
	 * The statement of a central quarantine bucket's policy for linked accounts whose
	 * infected objects go to the deployment's quarantine ({@code CENTRAL}): their linked
	 * roles may copy objects in and tag the copies, nothing else. The principals are the
	 * accounts, narrowed to the roles by {@code aws:PrincipalArn}: a bucket policy may
	 * not name a role that does not exist yet, and the linked stacks are deployed after
	 * the central ones.
	 */
	public static PolicyStatement quarantineWriters(String quarantineObjectsArn, List<String> accounts) {
		return PolicyStatement.Builder.create()
			.sid(QUARANTINE_SID)
			.effect(Effect.ALLOW)
			.principals(accounts.stream().map((account) -> (IPrincipal) new AccountPrincipal(account)).toList())
			.actions(ObjectAccess.QUARANTINE)
			.resources(List.of(quarantineObjectsArn))
			.conditions(Map.of("ArnEquals", Map.of("aws:PrincipalArn", arns(accounts))))
			.build();
	}

}
