package dev.bucketwarden.infra.aws.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awscdk.services.cognito.Mfa;
import software.constructs.Node;

import dev.bucketwarden.infra.aws.settings.DeploymentSettings.AgentRegion;
import dev.bucketwarden.infra.aws.settings.DeploymentSettings.Capacity;
import dev.bucketwarden.infra.aws.settings.DeploymentSettings.Monitoring;

/**
 * Context values as cdk.json (JSON types) or -c (strings) give them, with the defaults of
 * a deployment that names only its protected buckets. It parses; the settings record
 * validates, so a value built in a test is checked like one read here.
 */
record SettingsContext(Node node) {

	private static final ObjectMapper json = new ObjectMapper();

	static DeploymentSettings read(Node context) {
		SettingsContext values = new SettingsContext(context);
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
				values.integer("wafRequestsPer5Minutes", 0), values.mfa(), values.monitoring(),
				values.linkedAccounts());
	}

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

	double decimal(String key, double defaultValue) {
		Object value = value(key);
		return (value == null) ? defaultValue : Double.parseDouble(value.toString().strip());
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

	Monitoring monitoring() {
		Monitoring defaults = Monitoring.DEFAULTS;
		return new Monitoring(string("metricsNamespace", defaults.metricsNamespace()),
				integer("signatureMaxAgeHours", defaults.signatureMaxAgeHours()),
				bool("alarmOnInfected", defaults.alarmOnInfected()),
				decimal("errorRateAlarmPercent", defaults.errorRateAlarmPercent()),
				integer("timeToVerdictAlarmSeconds", defaults.timeToVerdictAlarmSeconds()),
				integer("stalledScanAlarmMinutes", defaults.stalledScanAlarmMinutes()));
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
						strings(region.get("kmsKeys")), strings(region.get("retroSubnets")),
						strings(region.get("retroSecurityGroups"))));
			}
		}
		else if (value != null) {
			throw new IllegalArgumentException("Context 'agentRegions' must be a JSON list of regions");
		}
		return regions;
	}

	List<LinkedAccount> linkedAccounts() {
		Object value = value("linkedAccounts");
		List<LinkedAccount> accounts = new ArrayList<>();
		if (value instanceof List<?> entries) {
			for (Object entry : entries) {
				if (!(entry instanceof Map<?, ?> linked)) {
					throw new IllegalArgumentException("Context 'linkedAccounts' must be a JSON list of objects");
				}
				Object quarantine = linked.get("quarantine");
				String where = (quarantine != null) ? quarantine.toString().strip()
						: LinkedAccount.Quarantine.IN_ACCOUNT.name();
				LinkedAccount.Quarantine mode;
				try {
					mode = LinkedAccount.Quarantine.valueOf(where);
				}
				catch (IllegalArgumentException ex) {
					throw new IllegalArgumentException(
							"Context 'linkedAccounts[].quarantine' must be CENTRAL or IN_ACCOUNT, was " + where, ex);
				}
				Object name = linked.get("name");
				accounts.add(new LinkedAccount(String.valueOf(linked.get("account")).strip(),
						(name != null) ? name.toString() : null, strings(linked.get("protectedBuckets")), mode,
						strings(linked.get("regions"))));
			}
		}
		else if (value != null) {
			throw new IllegalArgumentException("Context 'linkedAccounts' must be a JSON list of accounts");
		}
		return accounts;
	}

	/**
	 * A JSON list as it is (an empty entry is refused where it matters), a string split
	 * at commas (where a trailing comma is no entry).
	 */
	private static List<String> strings(Object value) {
		if (value == null) {
			return List.of();
		}
		if (value instanceof List<?> items) {
			return items.stream().map(String::valueOf).map(String::strip).toList();
		}
		return List.of(value.toString().split(",")).stream().map(String::strip).filter((s) -> !s.isEmpty()).toList();
	}

}
