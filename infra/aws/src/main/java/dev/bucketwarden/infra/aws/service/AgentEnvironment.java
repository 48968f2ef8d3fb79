package dev.bucketwarden.infra.aws.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Aws;

/**
 * The environment variables that configure the Spring Boot services, named as Spring
 * Boot's relaxed binding reads them: a property's name upper-cased, dots to underscores,
 * dashes dropped ({@code bucketwarden.event-agent.queue} is
 * {@code BUCKETWARDEN_EVENTAGENT_QUEUE}). Map entries whose keys have dashes (the
 * engines' {@code bucketwarden.engines.clamav.stream-max-length}) cannot be environment
 * variables (the dash would be lost), so they go in {@code SPRING_APPLICATION_JSON}.
 */
public final class AgentEnvironment {

	public static final String REGION = "SPRING_CLOUD_AWS_REGION_STATIC";

	public static final String DYNAMODB_REGION = "SPRING_CLOUD_AWS_DYNAMODB_REGION";

	public static final String SNS_REGION = "SPRING_CLOUD_AWS_SNS_REGION";

	public static final String EVENT_AGENT_QUEUE = "BUCKETWARDEN_EVENTAGENT_QUEUE";

	public static final String EVENT_AGENT_MAX_ATTEMPTS = "BUCKETWARDEN_EVENTAGENT_MAXATTEMPTS";

	public static final String EVENT_AGENT_CONCURRENCY = "BUCKETWARDEN_EVENTAGENT_CONCURRENCY";

	public static final String EVENT_AGENT_PAUSE_INTAKE = "BUCKETWARDEN_EVENTAGENT_PAUSEINTAKE";

	public static final String RESULTS_TABLE = "BUCKETWARDEN_RESULTS_TABLE";

	public static final String LARGE_OBJECTS_QUEUE_URL = "BUCKETWARDEN_LARGEOBJECTS_QUEUEURL";

	public static final String LARGE_OBJECTS_MAX_ATTEMPTS = "BUCKETWARDEN_LARGEOBJECTS_MAXATTEMPTS";

	public static final String LARGE_OBJECTS_VISIBILITY_TIMEOUT = "BUCKETWARDEN_LARGEOBJECTS_VISIBILITYTIMEOUT";

	/** The region a record says it was scanned in: the agent's own. */
	public static final String RESULTS_REGION = "BUCKETWARDEN_RESULTS_REGION";

	public static final String FINDINGS_TOPIC_ARN = "BUCKETWARDEN_FINDINGS_TOPICARN";

	public static final String FINDINGS_EVENT_BUS = "BUCKETWARDEN_FINDINGS_EVENTBUS";

	/** The account Security Hub findings go to: the deployment's own. */
	public static final String FINDINGS_SECURITY_HUB_ACCOUNT = "BUCKETWARDEN_FINDINGS_SECURITYHUBACCOUNT";

	public static final String FINDINGS_SECURITY_HUB_PARTITION = "BUCKETWARDEN_FINDINGS_SECURITYHUBPARTITION";

	public static final String REMEDIATION = "BUCKETWARDEN_BUCKETS_DEFAULTS_REMEDIATION";

	public static final String QUARANTINE_BUCKET = "BUCKETWARDEN_BUCKETS_DEFAULTS_QUARANTINEBUCKET";

	public static final String SERVER_PORT = "SERVER_PORT";

	public static final String JWT_ISSUER_URI = "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI";

	public static final String API_UPLOAD_BUCKETS = "BUCKETWARDEN_API_UPLOADBUCKETS";

	public static final String API_SPOOL_DIRECTORY = "BUCKETWARDEN_API_SPOOLDIRECTORY";

	/** The scope API tokens need, as Cognito names it: resource server/scope. */
	public static final String API_SCOPE = "BUCKETWARDEN_API_SCOPE";

	public static final String SPRING_APPLICATION_JSON = "SPRING_APPLICATION_JSON";

	/*
	 * The retro agent's and the console's (EnvironmentBindingTests binds them by name).
	 */
	public static final String RETRO_QUEUE = "BUCKETWARDEN_RETRO_QUEUE";

	public static final String JOBS_TABLE = "BUCKETWARDEN_RETRO_JOBSTABLE";

	public static final String RETRO_LAUNCHER_TYPE = "BUCKETWARDEN_RETRO_LAUNCHER_TYPE";

	public static final String RETRO_LAUNCHER_CLUSTER = "BUCKETWARDEN_RETRO_LAUNCHER_ECS_CLUSTER";

	public static final String RETRO_LAUNCHER_TASK_DEFINITION = "BUCKETWARDEN_RETRO_LAUNCHER_ECS_TASKDEFINITION";

	public static final String RETRO_LAUNCHER_SUBNETS = "BUCKETWARDEN_RETRO_LAUNCHER_ECS_SUBNETS";

	public static final String RETRO_LAUNCHER_SECURITY_GROUPS = "BUCKETWARDEN_RETRO_LAUNCHER_ECS_SECURITYGROUPS";

	/** The retro agent's EBS snapshot scans ({@code bucketwarden.retro.ebs.*}). */
	public static final String RETRO_EBS_LAUNCHER = "BUCKETWARDEN_RETRO_EBS_LAUNCHER";

	public static final String RETRO_EBS_TASK_DEFINITION = "BUCKETWARDEN_RETRO_EBS_TASKDEFINITION";

	public static final String RETRO_EBS_CONTAINER_NAME = "BUCKETWARDEN_RETRO_EBS_CONTAINERNAME";

	public static final String RETRO_EBS_VOLUME_NAME = "BUCKETWARDEN_RETRO_EBS_VOLUMENAME";

	public static final String RETRO_EBS_MOUNT_PATH = "BUCKETWARDEN_RETRO_EBS_MOUNTPATH";

	public static final String RETRO_EBS_INFRASTRUCTURE_ROLE_ARN = "BUCKETWARDEN_RETRO_EBS_INFRASTRUCTUREROLEARN";

	public static final String SETTINGS_TABLE = "BUCKETWARDEN_CONSOLE_SETTINGSTABLE";

	/** The console's own region ({@code bucketwarden.console.region}). */
	public static final String CONSOLE_REGION = "BUCKETWARDEN_CONSOLE_REGION";

	/**
	 * The further regions, a list ({@code bucketwarden.console.regions[i].*}): the index
	 * and the property's name follow ({@link #consoleRegion}).
	 */
	static final String CONSOLE_REGIONS = "BUCKETWARDEN_CONSOLE_REGIONS_";

	static final String RETRO_REGIONS = "BUCKETWARDEN_RETRO_REGIONS_";

	public static final String CONSOLE_ISSUER_URI = "BUCKETWARDEN_CONSOLE_ISSUERURI";

	public static final String CONSOLE_CLIENT_ID = "BUCKETWARDEN_CONSOLE_CLIENTID";

	/** From Secrets Manager, as an ECS container secret. */
	public static final String CONSOLE_CLIENT_SECRET = "BUCKETWARDEN_CONSOLE_CLIENTSECRET";

	public static final String CONSOLE_LOGOUT_URL = "BUCKETWARDEN_CONSOLE_LOGOUTURL";

	public static final String CONSOLE_ADMIN_GROUP = "BUCKETWARDEN_CONSOLE_ADMINGROUP";

	public static final String CONSOLE_VIEWER_GROUP = "BUCKETWARDEN_CONSOLE_VIEWERGROUP";

	public static final String CONSOLE_SCAN_QUEUE_URL = "BUCKETWARDEN_CONSOLE_SCANQUEUEURL";

	public static final String CONSOLE_NOTIFICATION_TARGET = "BUCKETWARDEN_CONSOLE_NOTIFICATIONTARGET";

	public static final String CONSOLE_PARAMETERS_PATH = "BUCKETWARDEN_CONSOLE_PARAMETERSPATH";

	/** The protected buckets' names and patterns, comma-separated. */
	public static final String CONSOLE_PROTECTABLE_BUCKETS = "BUCKETWARDEN_CONSOLE_PROTECTABLEBUCKETS";

	/** The agents read the console's bucket settings from its table. */
	public static final String AGENT_SETTINGS_TABLE = "BUCKETWARDEN_SETTINGS_TABLE";

	public static final String CONSOLE_RETRO_JOBS_TABLE = "BUCKETWARDEN_CONSOLE_RETRO_JOBSTABLE";

	public static final String CONSOLE_RETRO_LAUNCHER = "BUCKETWARDEN_CONSOLE_RETRO_LAUNCHER";

	public static final String CONSOLE_RETRO_CLUSTER = "BUCKETWARDEN_CONSOLE_RETRO_ECS_CLUSTER";

	public static final String CONSOLE_RETRO_TASK_DEFINITION = "BUCKETWARDEN_CONSOLE_RETRO_ECS_TASKDEFINITION";

	public static final String CONSOLE_RETRO_SUBNETS = "BUCKETWARDEN_CONSOLE_RETRO_ECS_SUBNETS";

	public static final String CONSOLE_RETRO_SECURITY_GROUPS = "BUCKETWARDEN_CONSOLE_RETRO_ECS_SECURITYGROUPS";

	/** The agents' trust checks of work items (agent-core's trust properties). */
	public static final String TRUST_PROTECTED_BUCKETS = "BUCKETWARDEN_TRUST_PROTECTEDBUCKETS";

	public static final String TRUST_ALLOWED_ACCOUNTS = "BUCKETWARDEN_TRUST_ALLOWEDACCOUNTS";

	public static final String TRUST_ALLOWED_REGIONS = "BUCKETWARDEN_TRUST_ALLOWEDREGIONS";

	/** The deployment's own account: its buckets are called with the agent's own role. */
	public static final String ACCOUNTS_OWN_ACCOUNT = "BUCKETWARDEN_ACCOUNTS_OWNACCOUNT";

	public static final String TRUST_TOPIC_ARNS = "BUCKETWARDEN_TRUST_TOPICARNS";

	/** The exact ARNs the console puts into the bucket policies it shows and applies. */
	public static final String CONSOLE_AGENT_ROLE_ARNS = "BUCKETWARDEN_CONSOLE_AGENTROLEARNS";

	public static final String CONSOLE_BREAK_GLASS_ROLE_ARNS = "BUCKETWARDEN_CONSOLE_BREAKGLASSROLEARNS";

	/**
	 * The agents' CloudWatch export (agent-core's
	 * {@code bucketwarden.metrics.cloudwatch.*}, off unless set) and the signature age
	 * past which an engine is not ready.
	 */
	public static final String METRICS_CLOUDWATCH_ENABLED = "BUCKETWARDEN_METRICS_CLOUDWATCH_ENABLED";

	public static final String METRICS_CLOUDWATCH_NAMESPACE = "BUCKETWARDEN_METRICS_CLOUDWATCH_NAMESPACE";

	public static final String METRICS_CLOUDWATCH_STEP = "BUCKETWARDEN_METRICS_CLOUDWATCH_STEP";

	public static final String HEALTH_SIGNATURE_MAX_AGE = "BUCKETWARDEN_HEALTH_SIGNATUREMAXAGE";

	/** The port every web service listens on in its container. */
	public static final int HTTP_PORT = 8080;

	private AgentEnvironment() {
	}

	/**
	 * What every scanning agent needs: its region, the sidecar as its ClamAV engine,
	 * where results and findings go, and quarantine as the remediation.
	 * @param resultsRegion the console region (DynamoDB and SNS clients go there)
	 * @param findingsEventBus the bus in the agent's own region that findings also go to,
	 * or null
	 */
	public static Map<String, String> scanning(String region, String resultsRegion, String resultsTable,
			String settingsTable, String findingsTopicArn, String findingsEventBus, String quarantineBucket) {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put(REGION, region);
		if (!resultsRegion.equals(region)) {
			environment.put(DYNAMODB_REGION, resultsRegion);
			environment.put(SNS_REGION, resultsRegion);
		}
		environment.put(RESULTS_TABLE, resultsTable);
		environment.put(RESULTS_REGION, region);
		environment.put(AGENT_SETTINGS_TABLE, settingsTable);
		environment.put(FINDINGS_TOPIC_ARN, findingsTopicArn);
		if (findingsEventBus != null) {
			environment.put(FINDINGS_EVENT_BUS, findingsEventBus);
		}
		// Security Hub in the agent's own region and account (the console's toggle turns
		// it on): the account is a setting, as agents have no STS client.
		environment.put(FINDINGS_SECURITY_HUB_ACCOUNT, Aws.ACCOUNT_ID);
		environment.put(FINDINGS_SECURITY_HUB_PARTITION, Aws.PARTITION);
		environment.put(REMEDIATION, "QUARANTINE");
		environment.put(QUARANTINE_BUCKET, quarantineBucket);
		environment.put(SPRING_APPLICATION_JSON, engineSettingsJson());
		return environment;
	}

	/**
	 * What an agent checks before it acts on a work item, on top of {@link #scanning}:
	 * the bucket is one of the region's protected buckets (names or patterns), its owner
	 * an allowed account, the record's region the agent's own, and an SNS envelope comes
	 * from the region's S3 event topic. Lists are comma-separated.
	 */
	public static Map<String, String> trust(Map<String, String> scanning, List<String> protectedBuckets,
			List<String> allowedAccounts, String region, String s3EventsTopicArn) {
		Map<String, String> environment = new LinkedHashMap<>(scanning);
		environment.put(TRUST_PROTECTED_BUCKETS, String.join(",", protectedBuckets));
		environment.put(TRUST_ALLOWED_ACCOUNTS, String.join(",", allowedAccounts));
		environment.put(TRUST_ALLOWED_REGIONS, region);
		environment.put(TRUST_TOPIC_ARNS, s3EventsTopicArn);
		// A bucket the console recorded without an account is the deployment's own; an
		// EventBridge event for it must name this account, never a linked one.
		environment.put(ACCOUNTS_OWN_ACCOUNT, Aws.ACCOUNT_ID);
		return environment;
	}

	/**
	 * On top of {@link #scanning}: the agent exports its metrics to CloudWatch in
	 * {@code namespace}, one datapoint a minute (the period every alarm on them is built
	 * for), and calls its engine not ready once its signatures are older than
	 * {@code signatureMaxAgeHours}, the same limit as the signature age alarm.
	 */
	public static Map<String, String> monitoring(Map<String, String> scanning, String namespace,
			int signatureMaxAgeHours) {
		Map<String, String> environment = new LinkedHashMap<>(scanning);
		environment.put(METRICS_CLOUDWATCH_ENABLED, "true");
		environment.put(METRICS_CLOUDWATCH_NAMESPACE, namespace);
		environment.put(METRICS_CLOUDWATCH_STEP, "PT1M");
		environment.put(HEALTH_SIGNATURE_MAX_AGE, signatureMaxAgeHours + "h");
		return environment;
	}

	/** The event agent's queue handling on top of {@link #scanning}. */
	/**
	 * The large-object queue on top of {@link #scanning}: objects over the engine's limit
	 * become jobs of parts there (docs/large-objects.md); max-attempts is the queue's
	 * maxReceiveCount, so the last attempt of a failing part decides the object Error.
	 */
	public static Map<String, String> largeObjects(Map<String, String> scanning, String queueUrl, int maxAttempts,
			int visibilitySeconds) {
		Map<String, String> environment = new LinkedHashMap<>(scanning);
		environment.put(LARGE_OBJECTS_QUEUE_URL, queueUrl);
		environment.put(LARGE_OBJECTS_MAX_ATTEMPTS, Integer.toString(maxAttempts));
		environment.put(LARGE_OBJECTS_VISIBILITY_TIMEOUT, visibilitySeconds + "s");
		return environment;
	}

	public static Map<String, String> eventAgent(Map<String, String> scanning, String queueUrl, int maxAttempts) {
		Map<String, String> environment = new LinkedHashMap<>(scanning);
		environment.put(EVENT_AGENT_QUEUE, queueUrl);
		environment.put(EVENT_AGENT_MAX_ATTEMPTS, Integer.toString(maxAttempts));
		environment.put(EVENT_AGENT_CONCURRENCY, Integer.toString(ClamavSidecar.MAX_THREADS));
		// While the ClamAV sidecar restarts (tens of seconds with a full signature set),
		// messages wait on the queue with their attempts intact instead of burning them.
		environment.put(EVENT_AGENT_PAUSE_INTAKE, "UNREACHABLE");
		return environment;
	}

	/**
	 * The API agent's web server, token issuer and upload buckets on top of
	 * {@link #scanning}.
	 */
	public static Map<String, String> apiAgent(Map<String, String> scanning, String issuerUri, String scope,
			List<String> uploadBuckets) {
		Map<String, String> environment = new LinkedHashMap<>(scanning);
		environment.put(SERVER_PORT, Integer.toString(HTTP_PORT));
		environment.put(JWT_ISSUER_URI, issuerUri);
		environment.put(API_SCOPE, scope);
		environment.put(API_SPOOL_DIRECTORY, "/tmp");
		if (!uploadBuckets.isEmpty()) {
			environment.put(API_UPLOAD_BUCKETS, String.join(",", uploadBuckets));
		}
		return environment;
	}

	/**
	 * One further region of the console ({@code bucketwarden.console.regions[index]}):
	 * its name, S3 event topic, retro queue and the ECS settings of its retro jobs, and
	 * the names and patterns of its buckets the console may protect. Subnets and security
	 * groups are left out while unknown (empty).
	 */
	public static Map<String, String> consoleRegion(int index, ConsoleRegion region) {
		String prefix = CONSOLE_REGIONS + index + "_";
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put(prefix + "NAME", region.name());
		environment.put(prefix + "NOTIFICATIONTARGET", region.notificationTarget());
		environment.put(prefix + "RETROQUEUEURL", region.retroQueueUrl());
		environment.put(prefix + "RETROECS_CLUSTER", region.cluster());
		environment.put(prefix + "RETROECS_TASKDEFINITION", region.taskDefinition());
		if (!region.subnets().isEmpty()) {
			environment.put(prefix + "RETROECS_SUBNETS", String.join(",", region.subnets()));
		}
		if (!region.securityGroups().isEmpty()) {
			environment.put(prefix + "RETROECS_SECURITYGROUPS", String.join(",", region.securityGroups()));
		}
		environment.put(prefix + "PROTECTABLEBUCKETS", String.join(",", region.protectableBuckets()));
		return environment;
	}

	/**
	 * One further region of the retro scheduler
	 * ({@code bucketwarden.retro.regions[index]}): the same names, queue and ECS settings
	 * the console gets, so that a schedule of that region's buckets runs there. Subnets
	 * and security groups are left out while unknown.
	 */
	public static Map<String, String> retroRegion(int index, ConsoleRegion region) {
		String prefix = RETRO_REGIONS + index + "_";
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put(prefix + "NAME", region.name());
		environment.put(prefix + "RETROQUEUEURL", region.retroQueueUrl());
		environment.put(prefix + "ECS_CLUSTER", region.cluster());
		environment.put(prefix + "ECS_TASKDEFINITION", region.taskDefinition());
		if (!region.subnets().isEmpty()) {
			environment.put(prefix + "ECS_SUBNETS", String.join(",", region.subnets()));
		}
		if (!region.securityGroups().isEmpty()) {
			environment.put(prefix + "ECS_SECURITYGROUPS", String.join(",", region.securityGroups()));
		}
		return environment;
	}

	/** What the console knows of a further region, from names fixed at synth time. */
	public record ConsoleRegion(String name, String notificationTarget, String retroQueueUrl, String cluster,
			String taskDefinition, List<String> subnets, List<String> securityGroups, List<String> protectableBuckets) {

		public ConsoleRegion {
			subnets = List.copyOf(subnets);
			securityGroups = List.copyOf(securityGroups);
			protectableBuckets = List.copyOf(protectableBuckets);
		}

	}

	/**
	 * The ClamAV engine's settings as JSON: clamd on the task's loopback with the
	 * sidecar's limits. No tokens inside, so it is a plain string in the template.
	 */
	static String engineSettingsJson() {
		return "{\"bucketwarden\":{\"engines\":{\"clamav\":{\"host\":\"" + ClamavSidecar.HOST + "\",\"port\":\""
				+ ClamavSidecar.PORT + "\",\"stream-max-length\":\"" + ClamavSidecar.STREAM_MAX_LENGTH
				+ "\",\"max-concurrency\":\"" + ClamavSidecar.MAX_THREADS + "\"}}}}";
	}

}
