package dev.bucketwarden.infra.aws.settings;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.cognito.Mfa;
import software.constructs.Node;

import dev.bucketwarden.infra.aws.access.AgentRoles;

/**
 * What a deployment is made of, from the CDK context ({@code cdk.json} or
 * {@code cdk deploy -c key=value}). Lists may be JSON arrays in cdk.json or
 * comma-separated strings on the command line. The certificate and the alarm address are
 * CloudFormation parameters instead (see {@code cdk deploy --parameters}), because they
 * change nothing in the synthesized template but a value.
 * <p>
 * A value is valid once constructed: {@link SettingsChecks} refuses what would reach a
 * policy malformed, {@link SettingsContext} reads the context's JSON and strings.
 *
 * @param account the AWS account, or null for an environment-agnostic template
 * @param consoleRegion the region of the console, the results table and the findings
 * topic
 * @param vpcId an existing VPC to use in the console region (looked up at synth), or null
 * for a new one
 * @param protectedBuckets the console region's buckets whose new objects are scanned:
 * names, or name patterns with {@code *} ({@code "acme-*"}) that let the console protect
 * buckets not named at deploy time; none may match the quarantine bucket (see
 * {@link QuarantineOverlap})
 * @param quarantineBucket where infected objects go, or null for a bucket of the stack
 * @param uploadBuckets buckets the API agent's {@code /upload} may store into
 * @param consoleDomainName the console's host name (the certificate's), or null for the
 * load balancer's DNS name
 * @param cognitoDomainPrefix the Cognito hosted UI's domain prefix
 * @param eventAgents how many event agents may run
 * @param backlogPerTask queue messages per event agent that scaling aims at
 * @param apiAgents how many API agents may run
 * @param apiRequestsPerTarget ALB requests per minute per API agent that scaling aims at
 * @param maxAttempts deliveries before a message goes to the dead-letter queue (the
 * queues' maxReceiveCount and the agents' max-attempts)
 * @param logRetentionDays how long container logs are kept
 * @param agentRegions further regions with their own scan queue and event agents
 * @param findingsOnEventBridge whether findings also go on EventBridge (each region's
 * default bus, forwarded to the console region's)
 * @param eventBridgeIntake whether protected buckets' "Object Created" events on
 * EventBridge feed the scan queues too (for buckets with EventBridge notifications on)
 * @param kmsKeys ARNs of the console region's customer managed KMS keys that protected
 * (or quarantine, upload) buckets encrypt with: the agents may use them through S3
 * @param allowedAccounts the accounts (12 digits) whose buckets' events the agents act on
 * and whose S3 may publish to the S3 event topics; empty for the deployment's own account
 * ({@link #trustedAccounts()})
 * @param allowedOrganizations AWS Organizations ({@code o-...}) whose accounts' S3 may
 * also publish to the S3 event topics
 * @param breakGlassRoleArns exact ARNs of roles that may read objects a read gate keeps
 * from everyone else (objects not scanned Clean)
 * @param quarantineReaderRoleArns exact ARNs of the security roles that may read and
 * remove quarantined objects; empty for the break-glass roles
 * ({@link #quarantineReaders()})
 * @param quarantineLockDays Object Lock retention (governance mode) of the stack's
 * quarantine buckets, in days; 0 for none. Object Lock can only be had on a new bucket
 * @param quarantineAccessLogs whether S3 server access logs of the stack's quarantine
 * buckets go to a log bucket of the stack
 * @param wafRequestsPer5Minutes requests per IP address and 5 minutes the load balancer's
 * AWS WAF web ACL lets through; 0 for no web ACL
 * @param mfa whether people must sign in with a second factor (TOTP): REQUIRED (the
 * default), OPTIONAL or OFF
 * @param monitoring the agents' metrics export and the alarms on it
 * @param linkedAccounts other accounts whose buckets the deployment protects, each with a
 * stack of its own deployed into it
 */
public record DeploymentSettings(String account, String consoleRegion, String vpcId, List<String> protectedBuckets,
		String quarantineBucket, List<String> uploadBuckets, String consoleDomainName, String cognitoDomainPrefix,
		Capacity eventAgents, int backlogPerTask, Capacity apiAgents, int apiRequestsPerTarget, int maxAttempts,
		int logRetentionDays, List<AgentRegion> agentRegions, boolean findingsOnEventBridge, boolean eventBridgeIntake,
		List<String> kmsKeys, List<String> allowedAccounts, List<String> allowedOrganizations,
		List<String> breakGlassRoleArns, List<String> quarantineReaderRoleArns, int quarantineLockDays,
		boolean quarantineAccessLogs, int wafRequestsPer5Minutes, Mfa mfa, Monitoring monitoring,
		List<LinkedAccount> linkedAccounts) {

	public DeploymentSettings {
		Objects.requireNonNull(consoleRegion, "consoleRegion");
		protectedBuckets = List.copyOf(protectedBuckets);
		uploadBuckets = List.copyOf(uploadBuckets);
		agentRegions = List.copyOf(agentRegions);
		kmsKeys = List.copyOf(kmsKeys);
		SettingsChecks.kmsKeys("kmsKeys", kmsKeys);
		allowedAccounts = List.copyOf(allowedAccounts);
		allowedOrganizations = List.copyOf(allowedOrganizations);
		breakGlassRoleArns = List.copyOf(breakGlassRoleArns);
		SettingsChecks.principals(allowedAccounts, allowedOrganizations, breakGlassRoleArns);
		quarantineReaderRoleArns = List.copyOf(quarantineReaderRoleArns);
		SettingsChecks.roleArns("quarantineReaderRoleArns", quarantineReaderRoleArns);
		Objects.requireNonNull(mfa, "mfa");
		Objects.requireNonNull(monitoring, "monitoring");
		SettingsChecks.quarantine(quarantineBucket, quarantineLockDays, quarantineAccessLogs);
		SettingsChecks.wafLimit(wafRequestsPer5Minutes);
		SettingsChecks.buckets(protectedBuckets, uploadBuckets);
		if (maxAttempts < 1 || backlogPerTask < 1 || apiRequestsPerTarget < 1) {
			throw new IllegalArgumentException("maxAttempts, backlogPerTask and apiRequestsPerTarget must be positive");
		}
		for (AgentRegion region : agentRegions) {
			if (region.region().equals(consoleRegion)) {
				throw new IllegalArgumentException("Agent region " + region.region() + " is the console region");
			}
		}
		QuarantineOverlap.refuse("protectedBuckets", protectedBuckets, quarantineBucket);
		QuarantineOverlap.refuse("uploadBuckets", uploadBuckets, quarantineBucket);
		for (AgentRegion region : agentRegions) {
			// A further region always has a quarantine bucket of its own stack.
			QuarantineOverlap.refuse("agentRegions[" + region.region() + "].protectedBuckets",
					region.protectedBuckets(), null);
		}
		linkedAccounts = List.copyOf(linkedAccounts);
		linked(account, consoleRegion, agentRegions, linkedAccounts);
	}

	/**
	 * A linked account's stack names the central roles by their exact ARNs, so the
	 * central account must be known; a link names one of the deployment's regions.
	 */
	private static void linked(String account, String consoleRegion, List<AgentRegion> agentRegions,
			List<LinkedAccount> linkedAccounts) {
		if (linkedAccounts.isEmpty()) {
			return;
		}
		if (account == null) {
			throw new IllegalArgumentException("Context 'linkedAccounts' needs 'account' (the deployment's account):"
					+ " a linked account's role trusts this account's roles by their exact ARNs");
		}
		List<String> regions = new ArrayList<>(List.of(consoleRegion));
		agentRegions.forEach((region) -> regions.add(region.region()));
		Set<String> seen = new HashSet<>();
		for (LinkedAccount linked : linkedAccounts) {
			if (linked.account().equals(account) || !seen.add(linked.account())) {
				throw new IllegalArgumentException(
						"Context 'linkedAccounts' has " + linked.account() + " twice, or the deployment's own account");
			}
			for (String region : linked.regions()) {
				if (!regions.contains(region)) {
					throw new IllegalArgumentException("Context 'linkedAccounts[" + linked.account() + "].regions' has "
							+ region + ", which is neither the console region nor one of agentRegions");
				}
			}
		}
	}

	/** Reads the settings from the context of the app's root node. */
	public static DeploymentSettings from(Node context) {
		return SettingsContext.read(context);
	}

	/**
	 * The roles that may read and remove quarantined objects besides the agents:
	 * {@code quarantineReaderRoleArns}, or else the break-glass roles, which may already
	 * read what was not scanned Clean in the protected buckets.
	 */
	public List<String> quarantineReaders() {
		return this.quarantineReaderRoleArns.isEmpty() ? this.breakGlassRoleArns : this.quarantineReaderRoleArns;
	}

	/**
	 * The accounts the deployment trusts: {@code allowedAccounts}, or the deployment's
	 * own account (the stack's account, resolved at deploy time, when the template is
	 * environment-agnostic).
	 */
	public List<String> trustedAccounts() {
		List<String> trusted = new ArrayList<>();
		if (!this.allowedAccounts.isEmpty()) {
			trusted.addAll(this.allowedAccounts);
		}
		else {
			trusted.add((this.account != null) ? this.account : Aws.ACCOUNT_ID);
		}
		return List.copyOf(trusted);
	}

	/**
	 * The accounts {@code region}'s S3 event topic and agents trust:
	 * {@link #trustedAccounts()} and the linked accounts acted on there, whose buckets
	 * notify the topic and are acted on (through their roles) like our own.
	 */
	public List<String> trustedAccounts(String region) {
		List<String> trusted = new ArrayList<>(trustedAccounts());
		linkedAccountIds(region).stream().filter((linked) -> !trusted.contains(linked)).forEach(trusted::add);
		return List.copyOf(trusted);
	}

	/**
	 * The linked accounts' protected buckets (names and patterns) that {@code region}'s
	 * topic accepts notifications of and its agents act on.
	 */
	public List<String> linkedBucketsOf(String region) {
		return linkedAccountsOf(region).stream()
			.flatMap((linked) -> linked.protectedBuckets().stream())
			.distinct()
			.toList();
	}

	/**
	 * The ids of the linked accounts whose buckets the agents of {@code region} act on.
	 */
	public List<String> linkedAccountIds(String region) {
		return linkedAccountsOf(region).stream().map(LinkedAccount::account).toList();
	}

	/**
	 * The ids of those whose infected objects go to {@code region}'s quarantine bucket of
	 * the deployment.
	 */
	public List<String> centralQuarantineAccountIds(String region) {
		return linkedAccountsOf(region).stream()
			.filter((linked) -> linked.quarantine() == LinkedAccount.Quarantine.CENTRAL)
			.map(LinkedAccount::account)
			.toList();
	}

	/** The linked accounts whose buckets the agents of {@code region} act on. */
	public List<LinkedAccount> linkedAccountsOf(String region) {
		return this.linkedAccounts.stream().filter((linked) -> linked.covers(region)).toList();
	}

	/** The further regions' names. */
	public List<String> agentRegionNames() {
		return this.agentRegions.stream().map(AgentRegion::region).toList();
	}

	/**
	 * The exact ARNs of every agent role of the deployment, in the stack's partition and
	 * account: all stacks deploy into one account.
	 */
	public List<String> agentRoleArns() {
		return AgentRoles.arns(Aws.PARTITION, Aws.ACCOUNT_ID, this.consoleRegion, agentRegionNames());
	}

	/**
	 * How many tasks of a service may run. Backlog-per-task scaling divides by the
	 * running tasks, so at least one always runs.
	 */
	public record Capacity(int min, int max) {

		public Capacity {
			if (min < 1 || max < min) {
				throw new IllegalArgumentException("Capacity needs 1 <= min <= max, was " + min + ".." + max);
			}
		}

	}

	/**
	 * A further region: its own scan queue, S3 event topic and event agents, for its own
	 * protected buckets (names or patterns) and KMS keys; results and findings go to the
	 * console region. {@code retroSubnets} and {@code retroSecurityGroups} are the ids
	 * its stack prints (outputs {@code RetroSubnets}, {@code RetroSecurityGroups}) after
	 * its first deployment: the console starts the region's retro jobs there (no stack
	 * can read another region's resources at synth time); empty until then.
	 */
	public record AgentRegion(String region, List<String> protectedBuckets, Capacity eventAgents, List<String> kmsKeys,
			List<String> retroSubnets, List<String> retroSecurityGroups) {

		public AgentRegion {
			Objects.requireNonNull(region, "region");
			retroSubnets = List.copyOf(retroSubnets);
			retroSecurityGroups = List.copyOf(retroSecurityGroups);
			protectedBuckets = List.copyOf(protectedBuckets);
			kmsKeys = List.copyOf(kmsKeys);
			SettingsChecks.kmsKeys("agentRegions[" + region + "].kmsKeys", kmsKeys);
			if (protectedBuckets.isEmpty()) {
				throw new IllegalArgumentException("Agent region " + region + " names no protected bucket");
			}
			SettingsChecks.bucketEntries("agentRegions[" + region + "].protectedBuckets", protectedBuckets);
		}

	}

	/**
	 * The agents' CloudWatch metrics and the alarms on them (see docs/operations.md).
	 *
	 * @param metricsNamespace the CloudWatch namespace the agents publish to, the only
	 * one their roles may put metric data into
	 * @param signatureMaxAgeHours signatures older than this make an agent's engine not
	 * ready ({@code bucketwarden.health.signature-max-age}) and raise the signature age
	 * alarm
	 * @param alarmOnInfected whether every Infected verdict raises an alarm
	 * @param errorRateAlarmPercent the share of Error among the verdicts of five minutes
	 * that, twice in a row, raises an alarm
	 * @param timeToVerdictAlarmSeconds the time to verdict p95 of the event agents that,
	 * for 15 minutes, raises an alarm
	 * @param stalledScanAlarmMinutes minutes without a verdict while the scan queue's
	 * oldest message ages past them that raise an alarm
	 */
	public record Monitoring(String metricsNamespace, int signatureMaxAgeHours, boolean alarmOnInfected,
			double errorRateAlarmPercent, int timeToVerdictAlarmSeconds, int stalledScanAlarmMinutes) {

		public static final String DEFAULT_NAMESPACE = "BucketWarden";

		/** What a deployment that sets nothing gets. */
		public static final Monitoring DEFAULTS = new Monitoring(DEFAULT_NAMESPACE, 24, false, 5, 30, 15);

		public Monitoring {
			SettingsChecks.monitoring(metricsNamespace, signatureMaxAgeHours, errorRateAlarmPercent,
					timeToVerdictAlarmSeconds, stalledScanAlarmMinutes);
		}

	}

}
