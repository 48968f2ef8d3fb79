package dev.bucketwarden.infra.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Template;

/**
 * One synthesized app shared by every test class of this module (surefire runs them in
 * one JVM): synthesis through jsii takes tens of seconds, the assertions milliseconds.
 * The context is a deployment with two protected buckets and a name pattern, an upload
 * bucket and one further region that protects the account's buckets of a pattern
 * ({@code acme-west-*}), as a cdk.json would give it.
 */
final class SynthesizedApp {

	static final String ACCOUNT = "123456789012";

	static final String CONSOLE_REGION = "eu-central-1";

	static final String AGENT_REGION = "us-west-2";

	static final List<String> PROTECTED = List.of("acme-uploads", "acme-invoices", "acme-shared-*");

	/** The exact names among {@link #PROTECTED}. */
	static final List<String> PROTECTED_NAMES = List.of("acme-uploads", "acme-invoices");

	/**
	 * The further region's buckets: a pattern ("*" would reach the quarantine bucket and
	 * is refused).
	 */
	static final List<String> AGENT_REGION_PROTECTED = List.of("acme-west-*");

	/** The WAF rate limit of the load balancer, per IP address and 5 minutes. */
	static final int WAF_LIMIT = 2000;

	/** Object Lock retention of the stacks' quarantine buckets. */
	static final int QUARANTINE_LOCK_DAYS = 90;

	static final List<String> UPLOADS = List.of("acme-api-uploads");

	/*
	 * The monitoring settings, all away from their defaults (and the Infected alarm on).
	 */
	static final String METRICS_NAMESPACE = "Acme/BucketWarden";

	static final int SIGNATURE_MAX_AGE_HOURS = 48;

	static final double ERROR_RATE_PERCENT = 2.5;

	static final int TIME_TO_VERDICT_SECONDS = 45;

	static final int STALLED_MINUTES = 20;

	/** The console region's buckets' customer managed key (SSE-KMS). */
	static final String KMS_KEY = "arn:aws:kms:" + CONSOLE_REGION + ":" + ACCOUNT
			+ ":key/1234abcd-12ab-34cd-56ef-1234567890ab";

	/** A second account whose buckets' events the deployment trusts. */
	static final String OTHER_ACCOUNT = "210987654321";

	static final String ORGANIZATION = "o-a1b2c3d4e5";

	/**
	 * A linked account with its own quarantine (the default), acted on in every region: a
	 * name and a pattern of its buckets.
	 */
	static final String LINKED_ACCOUNT = "345678901234";

	static final List<String> LINKED_PROTECTED = List.of("partner-uploads", "partner-data-*");

	/**
	 * A linked account whose infected objects go to the deployment's quarantine, acted on
	 * by the further region's agents only.
	 */
	static final String CENTRAL_LINKED_ACCOUNT = "456789012345";

	static final List<String> CENTRAL_LINKED_PROTECTED = List.of("subsidiary-inbox");

	static final String LINKED_ROLE_ARN = linkedRole(LINKED_ACCOUNT);

	static final String CENTRAL_LINKED_ROLE_ARN = linkedRole(CENTRAL_LINKED_ACCOUNT);

	/**
	 * The console region's topic and agents: its own buckets and the linked account's.
	 */
	static final List<String> CONSOLE_REGION_INTAKE = concat(PROTECTED, LINKED_PROTECTED);

	/** The further region's: its own and both linked accounts'. */
	static final List<String> AGENT_REGION_INTAKE = concat(List.of("acme-west-*"), LINKED_PROTECTED,
			CENTRAL_LINKED_PROTECTED);

	/** The accounts the console region trusts: allowedAccounts and a linked account. */
	static final List<String> CONSOLE_REGION_ACCOUNTS = List.of(ACCOUNT, "210987654321", LINKED_ACCOUNT);

	static final List<String> AGENT_REGION_ACCOUNTS = List.of(ACCOUNT, "210987654321", LINKED_ACCOUNT,
			CENTRAL_LINKED_ACCOUNT);

	/**
	 * The further region's retro subnets and security group, as its stack printed them.
	 */
	static final List<String> AGENT_REGION_RETRO_SUBNETS = List.of("subnet-0a1b2c3d4e5f60001",
			"subnet-0a1b2c3d4e5f60002");

	static final String AGENT_REGION_RETRO_SECURITY_GROUP = "sg-0a1b2c3d4e5f60003";

	static final String BREAK_GLASS_ROLE = "arn:aws:iam::" + ACCOUNT + ":role/security-break-glass";

	/** The exact ARNs of every agent role, as the templates write them. */
	static final List<String> AGENT_ROLE_ARNS = List.of(agentRole("event", CONSOLE_REGION),
			agentRole("retro", CONSOLE_REGION), agentRole("api", CONSOLE_REGION), agentRole("event", AGENT_REGION),
			agentRole("retro", AGENT_REGION));

	static final String CONSOLE_ROLE_ARN = "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/bucketwarden-console-"
			+ CONSOLE_REGION;

	static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();

	/**
	 * The services whose images are Jib tarballs (the sidecar is a Dockerfile folder).
	 */
	static final List<String> JIB_SERVICES = List.of("event-agent", "api-agent", "retro-agent", "console-service");

	private static Path checkout;

	private static Synthesized synthesized;

	private SynthesizedApp() {
	}

	@SafeVarargs
	private static List<String> concat(List<String>... lists) {
		return Stream.of(lists).flatMap(List::stream).toList();
	}

	private static String linkedRole(String account) {
		return "arn:${AWS::Partition}:iam::" + account + ":role/bucketwarden-linked";
	}

	private static String agentRole(String agent, String region) {
		return "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/bucketwarden-agent-" + agent + "-" + region;
	}

	static synchronized Synthesized get() {
		if (synthesized == null) {
			synthesized = synthesize();
		}
		return synthesized;
	}

	/**
	 * A checkout as the deployment's default image source reads it: a tarball in each
	 * service's target/ (as bin/image leaves them; synthesis only stages and hashes them,
	 * so a few bytes do) and the sidecar's Dockerfile folder, copied from the repository.
	 * The tests need no Jib build and never touch the services' own build output.
	 */
	static synchronized Path checkout() {
		if (checkout == null) {
			try {
				Path root = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "checkout");
				for (String service : JIB_SERVICES) {
					Path tarball = root.resolve(service).resolve("target/jib-image.tar");
					Files.createDirectories(tarball.getParent());
					Files.writeString(tarball, "image of " + service);
				}
				Path clamav = Files.createDirectories(root.resolve("docker/clamav"));
				try (Stream<Path> files = Files.list(REPOSITORY.resolve("docker/clamav"))) {
					for (Path file : files.toList()) {
						Files.copy(file, clamav.resolve(file.getFileName()));
					}
				}
				checkout = root;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return checkout;
	}

	private static Synthesized synthesize() {
		Map<String, Object> context = new LinkedHashMap<>();
		context.put("account", ACCOUNT);
		context.put("consoleRegion", CONSOLE_REGION);
		// As cdk.json gives lists (JSON) and as -c gives them (comma-separated strings).
		context.put("protectedBuckets", PROTECTED);
		context.put("uploadBuckets", String.join(",", UPLOADS));
		context.put("kmsKeys", List.of(KMS_KEY));
		context.put("eventAgentsMin", "2");
		context.put("eventAgentsMax", 20);
		context.put("apiAgentsMin", 1);
		context.put("apiAgentsMax", 6);
		context.put("consoleDomainName", "bucketwarden.acme.example");
		context.put("cognitoDomainPrefix", "acme-bucketwarden");
		// As -c gives it; findingsOnEventBridge stays at its default (true).
		context.put("eventBridgeIntake", "true");
		context.put("allowedAccounts", List.of(ACCOUNT, OTHER_ACCOUNT));
		context.put("allowedOrganizations", ORGANIZATION);
		context.put("breakGlassRoleArns", List.of(BREAK_GLASS_ROLE));
		// The quarantine readers are the break-glass roles (no quarantineReaderRoleArns);
		// mfa stays at its default (REQUIRED).
		context.put("quarantineLockDays", QUARANTINE_LOCK_DAYS);
		context.put("quarantineAccessLogs", "true");
		context.put("wafRequestsPer5Minutes", Integer.toString(WAF_LIMIT));
		context.put("metricsNamespace", METRICS_NAMESPACE);
		context.put("signatureMaxAgeHours", SIGNATURE_MAX_AGE_HOURS);
		context.put("alarmOnInfected", "true");
		context.put("errorRateAlarmPercent", Double.toString(ERROR_RATE_PERCENT));
		context.put("timeToVerdictAlarmSeconds", Integer.toString(TIME_TO_VERDICT_SECONDS));
		context.put("stalledScanAlarmMinutes", STALLED_MINUTES);
		context.put("agentRegions",
				"[{\"region\":\"" + AGENT_REGION + "\",\"protectedBuckets\":[\"acme-west-*\"],\"eventAgentsMax\":5,"
						+ "\"retroSubnets\":[\"" + String.join("\",\"", AGENT_REGION_RETRO_SUBNETS)
						+ "\"],\"retroSecurityGroups\":\"" + AGENT_REGION_RETRO_SECURITY_GROUP + "\"}]");
		context.put("linkedAccounts",
				List.of(Map.of("account", LINKED_ACCOUNT, "name", "Partner", "protectedBuckets", LINKED_PROTECTED),
						Map.of("account", CENTRAL_LINKED_ACCOUNT, "name", "Subsidiary", "protectedBuckets",
								CENTRAL_LINKED_PROTECTED, "quarantine", "CENTRAL", "regions", List.of(AGENT_REGION))));
		// Under target/, so the staged assets go with the build output.
		Path outdir;
		try {
			outdir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "cdk.out");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		long start = System.nanoTime();
		App app = new App(AppProps.builder().context(context).outdir(outdir.toString()).build());
		BucketWardenApp built = BucketWardenApp.build(app, checkout());
		Template console = Template.fromStack(built.console());
		Template agents = Template.fromStack(built.agentRegions().get(0));
		Template linked = Template.fromStack(built.linkedAccounts().get(0));
		Template centralLinked = Template.fromStack(built.linkedAccounts().get(1));
		System.out.printf("Synthesized the app in %d ms into %s%n", (System.nanoTime() - start) / 1_000_000, outdir);
		return new Synthesized(built, console, agents, linked, centralLinked, outdir);
	}

	/**
	 * @param linked the stack of {@link #LINKED_ACCOUNT}
	 * @param centralLinked the stack of {@link #CENTRAL_LINKED_ACCOUNT}
	 */
	record Synthesized(BucketWardenApp app, Template console, Template agents, Template linked, Template centralLinked,
			Path outdir) {

		Map<String, Object> consoleJson() {
			return this.console.toJSON();
		}

		Map<String, Object> agentsJson() {
			return this.agents.toJSON();
		}

		Map<String, Object> linkedJson() {
			return this.linked.toJSON();
		}

		Map<String, Object> centralLinkedJson() {
			return this.centralLinked.toJSON();
		}

	}

}
