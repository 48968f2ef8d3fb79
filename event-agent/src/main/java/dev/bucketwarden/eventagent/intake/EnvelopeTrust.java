package dev.bucketwarden.eventagent.intake;

import java.util.Set;

import dev.bucketwarden.agent.trust.TrustProperties;

/**
 * Where a scan queue message may come from: the deployment's SNS topics, accounts and
 * regions ({@code bucketwarden.trust}). The queue and topic policies say the same in AWS;
 * this is the agent's own check, so a message that got past them (or a policy someone
 * loosened) is still refused. An empty list checks nothing.
 */
final class EnvelopeTrust {

	static final EnvelopeTrust ANY = new EnvelopeTrust(TrustProperties.none());

	private final Set<String> topicArns;

	private final Set<String> accounts;

	private final Set<String> regions;

	EnvelopeTrust(TrustProperties trust) {
		this.topicArns = Set.copyOf(trust.topicArns());
		this.accounts = Set.copyOf(trust.allowedAccounts());
		this.regions = Set.copyOf(trust.allowedRegions());
	}

	/** Why an SNS notification from this topic is refused, or {@code null}. */
	String refuseTopic(String topicArn) {
		if (!this.topicArns.isEmpty() && (topicArn == null || !this.topicArns.contains(topicArn))) {
			return "SNS notification from topic " + topicArn + ", not from this deployment's";
		}
		if (topicArn != null) {
			String[] parts = topicArn.split(":");
			return (parts.length == 6) ? refuseAccount(parts[4], "SNS topic") : null;
		}
		return null;
	}

	/** Why an event raised in this account is refused, or {@code null}. */
	String refuseAccount(String account, String where) {
		if (!this.accounts.isEmpty() && (account == null || !this.accounts.contains(account))) {
			return where + " account " + account + " is not one of the allowed accounts";
		}
		return null;
	}

	/** Why an event for this region is refused, or {@code null}. */
	String refuseRegion(String region) {
		if (!this.regions.isEmpty() && (region == null || !this.regions.contains(region))) {
			return "event for region " + region + ", not one of " + this.regions;
		}
		return null;
	}

}
