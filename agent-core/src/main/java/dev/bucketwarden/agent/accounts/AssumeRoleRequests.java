package dev.bucketwarden.agent.accounts;

import java.time.Duration;

import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

import dev.bucketwarden.store.accounts.LinkedAccount;

/**
 * The AssumeRole request for a linked account's role: its ARN, the external id the role's
 * trust policy demands, and a session name that says which agent acts (CloudTrail in the
 * linked account shows it).
 */
public final class AssumeRoleRequests {

	private AssumeRoleRequests() {
	}

	/** {@code bucketwarden-<agent>}, cut to STS's 64 characters and its alphabet. */
	public static String sessionName(String agent) {
		String name = ("bucketwarden-" + agent).replaceAll("[^\\w+=,.@-]", "-");
		return (name.length() > 64) ? name.substring(0, 64) : name;
	}

	public static AssumeRoleRequest of(LinkedAccount account, String sessionName, Duration duration) {
		return AssumeRoleRequest.builder()
			.roleArn(account.roleArn())
			.externalId(account.externalId())
			.roleSessionName(sessionName)
			.durationSeconds(Math.toIntExact(duration.toSeconds()))
			.build();
	}

}
