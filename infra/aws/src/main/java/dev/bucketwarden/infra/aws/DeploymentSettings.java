package dev.bucketwarden.infra.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 */
public record DeploymentSettings(String account, String consoleRegion, String vpcId, List<String> protectedBuckets,
		String quarantineBucket, List<String> uploadBuckets, String consoleDomainName, String cognitoDomainPrefix,
		Capacity eventAgents, int backlogPerTask, Capacity apiAgents, int apiRequestsPerTarget, int maxAttempts,
		int logRetentionDays, List<AgentRegion> agentRegions, boolean findingsOnEventBridge, boolean eventBridgeIntake,
		List<String> kmsKeys, List<String> allowedAccounts, List<String> allowedOrganizations,
		List<String> breakGlassRoleArns, List<String> quarantineReaderRoleArns, int quarantineLockDays,
		boolean quarantineAccessLogs, int wafRequestsPer5Minutes, Mfa mfa) {

	private static final ObjectMapper json = new ObjectMapper();

	private static final Pattern KMS_KEY = Pattern.compile("arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+");

	private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");

	private static final Pattern ORGANIZATION = Pattern.compile("o-[a-z0-9]{10,32}");

	/** A role ARN as IAM names it, no wildcard: policies compare it with ArnNotEquals. */
	private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]+");

	private static final Pattern BUCKET_ENTRY = Pattern.compile("[A-Za-z0-9._*-]{1,255}");

	/** AWS WAF's bounds of a rate-based rule's limit. */
	static final int WAF_MIN_LIMIT = 10;

	static final int WAF_MAX_LIMIT = 2_000_000_000;

	public DeploymentSettings {
		Objects.requireNonNull(consoleRegion, "consoleRegion");
		protectedBuckets = List.copyOf(protectedBuckets);
		uploadBuckets = List.copyOf(uploadBuckets);
		agentRegions = List.copyOf(agentRegions);
		kmsKeys = List.copyOf(kmsKeys);
		checkKmsKeys("kmsKeys", kmsKeys);
		allowedAccounts = List.copyOf(allowedAccounts);
		allowedOrganizations = List.copyOf(allowedOrganizations);
		breakGlassRoleArns = List.copyOf(breakGlassRoleArns);
		check("allowedAccounts", allowedAccounts, ACCOUNT, "an AWS account id (12 digits)");
		check("allowedOrganizations", allowedOrganizations, ORGANIZATION,
				"an AWS Organizations id (o- and 10 to 32 lower-case letters or digits)");
		check("breakGlassRoleArns", breakGlassRoleArns, ROLE_ARN,
				"an IAM role ARN without wildcards (arn:aws:iam::ACCOUNT:role/NAME)");
		quarantineReaderRoleArns = List.copyOf(quarantineReaderRoleArns);
		check("quarantineReaderRoleArns", quarantineReaderRoleArns, ROLE_ARN,
				"an IAM role ARN without wildcards (arn:aws:iam::ACCOUNT:role/NAME)");
		Objects.requireNonNull(mfa, "mfa");
		if (quarantineLockDays < 0 || quarantineLockDays > 36500) {
			throw new IllegalArgumentException(
					"Context 'quarantineLockDays' must be 0 (no Object Lock) to 36500 days, was " + quarantineLockDays);
		}
		if (quarantineBucket != null && (quarantineLockDays > 0 || quarantineAccessLogs)) {
			// The stack cannot change a bucket it does not own.
			throw new IllegalArgumentException("Context 'quarantineLockDays' and 'quarantineAccessLogs' apply to the"
					+ " quarantine buckets the stacks create; with 'quarantineBucket' named, set Object Lock and access"
					+ " logging on " + quarantineBucket + " yourself");
		}
		if (wafRequestsPer5Minutes != 0
				&& (wafRequestsPer5Minutes < WAF_MIN_LIMIT || wafRequestsPer5Minutes > WAF_MAX_LIMIT)) {
			throw new IllegalArgumentException("Context 'wafRequestsPer5Minutes' must be 0 (no web ACL) or "
					+ WAF_MIN_LIMIT + " to " + WAF_MAX_LIMIT + ", was " + wafRequestsPer5Minutes);
		}
		if (protectedBuckets.isEmpty()) {
			throw new IllegalArgumentException("Context 'protectedBuckets' names no bucket: nothing would be scanned");
		}
		checkBucketEntries("protectedBuckets", protectedBuckets);
		checkBucketEntries("uploadBuckets", uploadBuckets);
		if (uploadBuckets.stream().anyMatch((bucket) -> bucket.contains("*"))) {
			// The API agent may put objects there: only named buckets.
			throw new IllegalArgumentException("Context 'uploadBuckets' takes bucket names, no patterns");
		}
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
	 * Bucket names (S3's characters; upper case and '_' only for legacy us-east-1 names)
	 * or patterns with {@code *}, which IAM, the topic policy's ArnLike and EventBridge's
	 * wildcard filter all match as "any characters". Nothing else may reach a policy: an
	 * empty entry, a space or a ',' is a mistake, not a name.
	 */
	static void checkBucketEntries(String key, List<String> entries) {
		for (String entry : entries) {
			if (entry == null || !BUCKET_ENTRY.matcher(entry).matches() || entry.contains("**")) {
				throw new IllegalArgumentException("Context '" + key + "' has '" + entry
						+ "', which is neither a bucket name nor a name pattern (letters, digits, '.', '-', '_' and"
						+ " single '*' wildcards, such as acme-uploads, acme-* or *)");
			}
		}
	}

	private static void check(String key, List<String> values, Pattern valid, String what) {
		for (String value : values) {
			if (value == null || !valid.matcher(value).matches()) {
				throw new IllegalArgumentException("Context '" + key + "' has '" + value + "', which is no " + what);
			}
		}
	}

	/**
	 * The accounts the deployment trusts: {@code allowedAccounts}, or the deployment's
	 * own account (the stack's account, resolved at deploy time, when the template is
	 * environment-agnostic).
	 */
	public List<String> trustedAccounts() {
		if (!this.allowedAccounts.isEmpty()) {
			return this.allowedAccounts;
		}
		return List.of((this.account != null) ? this.account : Aws.ACCOUNT_ID);
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

	/** Key ARNs, no aliases (IAM authorizes Decrypt on the key) and no wildcards. */
	static void checkKmsKeys(String key, List<String> keys) {
		for (String arn : keys) {
			if (!KMS_KEY.matcher(arn).matches()) {
				throw new IllegalArgumentException("Context '" + key + "' has '" + arn
						+ "', which is no KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID)");
			}
		}
	}

	/** Reads the settings from the context of the app's root node. */
	public static DeploymentSettings from(Node context) {
		Context values = new Context(context);
		return new DeploymentSettings(values.string("account", System.getenv("CDK_DEFAULT_ACCOUNT")),
				values.string("consoleRegion",
						Objects.requireNonNullElse(System.getenv("CDK_DEFAULT_REGION"), "us-east-1")),
				values.string("vpcId", null), values.list("protectedBuckets"), values.string("quarantineBucket", null),
				values.list("uploadBuckets"), values.string("consoleDomainName", null),
				values.string("cognitoDomainPrefix", "bucketwarden"),
				new Capacity(values.integer("eventAgentsMin", 1), values.integer("eventAgentsMax", 10)),
				values.integer("backlogPerTask", 16),
				new Capacity(values.integer("apiAgentsMin", 1), values.integer("apiAgentsMax", 4)),
				values.integer("apiRequestsPerTarget", 600), values.integer("maxAttempts", 5),
				values.integer("logRetentionDays", 30), values.agentRegions(),
				values.bool("findingsOnEventBridge", true), values.bool("eventBridgeIntake", false),
				values.list("kmsKeys"), values.list("allowedAccounts"), values.list("allowedOrganizations"),
				values.list("breakGlassRoleArns"), values.list("quarantineReaderRoleArns"),
				values.integer("quarantineLockDays", 0), values.bool("quarantineAccessLogs", false),
				values.integer("wafRequestsPer5Minutes", 0), values.mfa());
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
	 * console region.
	 */
	public record AgentRegion(String region, List<String> protectedBuckets, Capacity eventAgents,
			List<String> kmsKeys) {

		public AgentRegion {
			Objects.requireNonNull(region, "region");
			protectedBuckets = List.copyOf(protectedBuckets);
			kmsKeys = List.copyOf(kmsKeys);
			checkKmsKeys("agentRegions[" + region + "].kmsKeys", kmsKeys);
			if (protectedBuckets.isEmpty()) {
				throw new IllegalArgumentException("Agent region " + region + " names no protected bucket");
			}
			checkBucketEntries("agentRegions[" + region + "].protectedBuckets", protectedBuckets);
		}

	}

	/** Context values as cdk.json (JSON types) or -c (strings) give them. */
	private record Context(Node node) {

		Object value(String key) {
			Object value = this.node.tryGetContext(key);
			if (value instanceof String text && (text.startsWith("[") || text.startsWith("{"))) {
				try {
					return json.readValue(text, Object.class);
				}
				catch (JsonProcessingException ex) {
					throw new IllegalArgumentException("Context '" + key + "' is not valid JSON", ex);
				}
			}
			return value;
		}

		String string(String key, String defaultValue) {
			Object value = value(key);
			return (value == null || value.toString().isBlank()) ? defaultValue : value.toString();
		}

		int integer(String key, int defaultValue) {
			Object value = value(key);
			return (value == null) ? defaultValue : Integer.parseInt(value.toString().strip());
		}

		boolean bool(String key, boolean defaultValue) {
			Object value = value(key);
			if (value == null) {
				return defaultValue;
			}
			String text = value.toString().strip();
			if (!text.equals("true") && !text.equals("false")) {
				throw new IllegalArgumentException("Context '" + key + "' must be true or false, was " + text);
			}
			return Boolean.parseBoolean(text);
		}

		List<String> list(String key) {
			return strings(value(key));
		}

		Mfa mfa() {
			String text = string("mfa", Mfa.REQUIRED.name()).strip();
			try {
				return Mfa.valueOf(text);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("Context 'mfa' must be REQUIRED, OPTIONAL or OFF, was " + text, ex);
			}
		}

		List<AgentRegion> agentRegions() {
			Object value = value("agentRegions");
			List<AgentRegion> regions = new ArrayList<>();
			if (value instanceof List<?> entries) {
				for (Object entry : entries) {
					Map<?, ?> region = (Map<?, ?>) entry;
					Object min = region.get("eventAgentsMin");
					Object max = region.get("eventAgentsMax");
					regions.add(new AgentRegion(String.valueOf(region.get("region")),
							strings(region.get("protectedBuckets")),
							new Capacity((min != null) ? Integer.parseInt(min.toString()) : 1,
									(max != null) ? Integer.parseInt(max.toString()) : 10),
							strings(region.get("kmsKeys"))));
				}
			}
			else if (value != null) {
				throw new IllegalArgumentException("Context 'agentRegions' must be a JSON list of regions");
			}
			return regions;
		}

		/**
		 * A JSON list as it is (an empty entry is refused where it matters), a string
		 * split at commas (where a trailing comma is no entry).
		 */
		private static List<String> strings(Object value) {
			if (value == null) {
				return List.of();
			}
			if (value instanceof List<?> items) {
				return items.stream().map(String::valueOf).map(String::strip).toList();
			}
			return List.of(value.toString().split(","))
				.stream()
				.map(String::strip)
				.filter((s) -> !s.isEmpty())
				.toList();
		}

	}

}
