package dev.bucketwarden.infra.aws.settings;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.services.cognito.Mfa;

import dev.bucketwarden.infra.aws.access.AgentRoles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Settings come from cdk.json (JSON values) or -c (strings). */
class DeploymentSettingsTests {

	@Test
	void shouldReadCommaSeparatedAndJsonLists() {
		DeploymentSettings settings = settings(Map.of("consoleRegion", "eu-west-1", "protectedBuckets", "a, b",
				"agentRegions", "[{\"region\":\"us-east-2\",\"protectedBuckets\":\"c\"}]"));
		assertThat(settings.protectedBuckets()).containsExactly("a", "b");
		assertThat(settings.agentRegions()).singleElement().satisfies((region) -> {
			assertThat(region.region()).isEqualTo("us-east-2");
			assertThat(region.protectedBuckets()).containsExactly("c");
			assertThat(region.eventAgents()).isEqualTo(new DeploymentSettings.Capacity(1, 10));
		});
		assertThat(settings.maxAttempts()).isEqualTo(5);
		assertThat(settings.eventAgents()).isEqualTo(new DeploymentSettings.Capacity(1, 10));
	}

	@Test
	void shouldRefuseADeploymentThatProtectsNothing() {
		assertThatIllegalArgumentException().isThrownBy(() -> settings(Map.of("consoleRegion", "eu-west-1")))
			.withMessageContaining("protectedBuckets");
	}

	@Test
	void shouldRefuseScalingToZeroAndTheConsoleRegionAsAgentRegion() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> settings(
					Map.of("consoleRegion", "eu-west-1", "protectedBuckets", List.of("a"), "eventAgentsMin", "0")))
			.withMessageContaining("min");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> settings(Map.of("consoleRegion", "eu-west-1", "protectedBuckets", List.of("a"),
					"agentRegions", "[{\"region\":\"eu-west-1\",\"protectedBuckets\":[\"b\"]}]")))
			.withMessageContaining("console region");
	}

	@Test
	void shouldTakeBucketNamePatterns() {
		DeploymentSettings settings = settings(Map.of("consoleRegion", "eu-west-1", "protectedBuckets",
				List.of("acme-uploads", "acme-*", "logs.*.example"), "agentRegions",
				"[{\"region\":\"us-east-2\",\"protectedBuckets\":[\"acme-west-*\"]}]"));
		assertThat(settings.protectedBuckets()).containsExactly("acme-uploads", "acme-*", "logs.*.example");
		assertThat(settings.agentRegions().getFirst().protectedBuckets()).containsExactly("acme-west-*");
		assertThat(settings("acme-*, acme-uploads,").protectedBuckets()).as("-c, where a trailing comma is no entry")
			.containsExactly("acme-*", "acme-uploads");
	}

	@Test
	void shouldRefuseBucketEntriesThatAreNeitherNamesNorPatterns() {
		for (List<String> entries : List.of(List.of("acme-uploads", ""), List.of("acme uploads"), List.of("acme/*"),
				List.of("arn:aws:s3:::acme"), List.of("acme-?"), List.of("acme-**"))) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> settings(Map.of("consoleRegion", "eu-west-1", "protectedBuckets", entries)))
				.as("%s", entries)
				.withMessageContaining("protectedBuckets")
				.withMessageContaining("neither a bucket name nor a name pattern");
		}
		assertThatIllegalArgumentException()
			.isThrownBy(() -> settings(Map.of("consoleRegion", "eu-west-1", "protectedBuckets", "a", "agentRegions",
					"[{\"region\":\"us-east-2\",\"protectedBuckets\":[\"b\", \" \"]}]")))
			.withMessageContaining("agentRegions[us-east-2].protectedBuckets");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> settings(
					Map.of("consoleRegion", "eu-west-1", "protectedBuckets", "a", "uploadBuckets", List.of("up-*"))))
			.withMessageContaining("uploadBuckets");
	}

	@Test
	void shouldTakeKmsKeyArnsOnly() {
		String key = "arn:aws:kms:eu-west-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab";
		assertThat(settings(Map.of("consoleRegion", "eu-west-1", "protectedBuckets", "a", "kmsKeys", key)).kmsKeys())
			.containsExactly(key);
		for (String wrong : List.of("arn:aws:kms:eu-west-1:123456789012:alias/acme",
				"arn:aws:kms:eu-west-1:123456789012:key/*", "*", "1234abcd-12ab-34cd-56ef-1234567890ab")) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> settings(
						Map.of("consoleRegion", "eu-west-1", "protectedBuckets", "a", "kmsKeys", List.of(wrong))))
				.withMessageContaining("kmsKeys")
				.withMessageContaining("no KMS key ARN");
		}
		assertThatIllegalArgumentException()
			.isThrownBy(() -> settings(Map.of("consoleRegion", "eu-west-1", "protectedBuckets", "a", "agentRegions",
					"[{\"region\":\"us-east-2\",\"protectedBuckets\":[\"b\"],\"kmsKeys\":[\"alias/x\"]}]")))
			.withMessageContaining("agentRegions[us-east-2].kmsKeys");
	}

	@Test
	void shouldTrustTheDeploymentsOwnAccountUnlessAccountsAreGiven() {
		DeploymentSettings own = settings(
				Map.of("account", "123456789012", "consoleRegion", "eu-west-1", "protectedBuckets", "a"));
		assertThat(own.allowedAccounts()).isEmpty();
		assertThat(own.trustedAccounts()).containsExactly("123456789012");
		assertThat(own.allowedOrganizations()).isEmpty();
		assertThat(own.breakGlassRoleArns()).isEmpty();
		DeploymentSettings given = settings(Map.of("account", "123456789012", "consoleRegion", "eu-west-1",
				"protectedBuckets", "a", "allowedAccounts", "123456789012, 210987654321", "allowedOrganizations",
				List.of("o-a1b2c3d4e5"), "breakGlassRoleArns", "arn:aws:iam::123456789012:role/security/break-glass"));
		assertThat(given.trustedAccounts()).containsExactly("123456789012", "210987654321");
		assertThat(given.allowedOrganizations()).containsExactly("o-a1b2c3d4e5");
		assertThat(given.breakGlassRoleArns()).containsExactly("arn:aws:iam::123456789012:role/security/break-glass");
	}

	@Test
	void shouldRefuseAccountsOrganizationsAndRolesThatAreNotExact() {
		Map<String, List<String>> wrong = Map.of("allowedAccounts", List.of("12345678901", "*", "acme"),
				"allowedOrganizations", List.of("r-a1b2", "o-*", "o-A1B2C3D4E5"), "breakGlassRoleArns",
				List.of("arn:aws:iam::123456789012:role/security-*", "arn:aws:iam::123456789012:user/alice",
						"security-break-glass"));
		wrong.forEach((key, values) -> {
			for (String value : values) {
				assertThatIllegalArgumentException()
					.isThrownBy(() -> settings(
							Map.of("consoleRegion", "eu-west-1", "protectedBuckets", "a", key, List.of(value))))
					.as("%s %s", key, value)
					.withMessageContaining(key)
					.withMessageContaining(value);
			}
		});
	}

	@Test
	void shouldNameEveryAgentRoleOfEveryRegionExactly() {
		DeploymentSettings settings = settings(Map.of("consoleRegion", "eu-west-1", "protectedBuckets", "a",
				"agentRegions", "[{\"region\":\"us-east-2\",\"protectedBuckets\":\"c\"}]"));
		assertThat(AgentRoles.arns("aws", "123456789012", settings.consoleRegion(), settings.agentRegionNames()))
			.containsExactly("arn:aws:iam::123456789012:role/bucketwarden-agent-event-eu-west-1",
					"arn:aws:iam::123456789012:role/bucketwarden-agent-retro-eu-west-1",
					"arn:aws:iam::123456789012:role/bucketwarden-agent-api-eu-west-1",
					"arn:aws:iam::123456789012:role/bucketwarden-agent-event-us-east-2",
					"arn:aws:iam::123456789012:role/bucketwarden-agent-retro-us-east-2");
	}

	/**
	 * A protected bucket is tagged, emptied and wired by the agents and the console: the
	 * quarantine bucket must never be one, by name or by pattern, in any region.
	 */
	@Test
	void shouldRefuseBucketEntriesThatReachTheQuarantineBucket() {
		for (Object entries : List.of(List.of("acme-uploads", "acme-*"), "acme-quarantine", "*", "acme-q*ine",
				"*-quarantine")) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> settings(Map.of("consoleRegion", "eu-west-1", "quarantineBucket", "acme-quarantine",
						"protectedBuckets", entries)))
				.as("%s", entries)
				.withMessageContaining("Context 'protectedBuckets' has '")
				.withMessageContaining("matches the quarantine bucket acme-quarantine");
		}
		assertThat(settings(Map.of("consoleRegion", "eu-west-1", "quarantineBucket", "acme-quarantine",
				"protectedBuckets", List.of("acme-uploads-*", "acme-quarantine-old", "*-invoices")))
			.protectedBuckets()).as("patterns and names that miss it").hasSize(3);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> settings(Map.of("consoleRegion", "eu-west-1", "quarantineBucket", "acme-quarantine",
					"protectedBuckets", "acme-uploads", "uploadBuckets", "acme-quarantine")))
			.withMessageContaining("Context 'uploadBuckets' has 'acme-quarantine'");
		// The stacks' own quarantine buckets have generated names that start with
		// "bucketwarden-": whatever could match one is refused.
		for (String entry : List.of("*", "bucketwarden-*", "*-uploads", "*warden*", "BucketWarden-*",
				"bucketwarden-console-scanningquarantinebucket-x1")) {
			assertThatIllegalArgumentException().isThrownBy(() -> settings(entry))
				.as(entry)
				.withMessageContaining("matches the quarantine bucket the stack creates");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> settings(Map.of("consoleRegion", "eu-west-1", "protectedBuckets", "a", "agentRegions",
						"[{\"region\":\"us-east-2\",\"protectedBuckets\":[\"" + entry + "\"]}]")))
				.as(entry)
				.withMessageContaining("Context 'agentRegions[us-east-2].protectedBuckets' has '" + entry + "'");
		}
		assertThat(settings("acme-*, bucketwarden, acme-*-uploads").protectedBuckets()).hasSize(3);
	}

	@Test
	void shouldRequireMfaUnlessTheDeploymentSaysOtherwise() {
		assertThat(settings("a").mfa()).isEqualTo(Mfa.REQUIRED);
		for (Mfa mfa : Mfa.values()) {
			assertThat(settings(Map.of("consoleRegion", "eu-west-1", "protectedBuckets", "a", "mfa", mfa.name())).mfa())
				.isEqualTo(mfa);
		}
		assertThatIllegalArgumentException()
			.isThrownBy(() -> settings(Map.of("consoleRegion", "eu-west-1", "protectedBuckets", "a", "mfa", "ON")))
			.withMessageContaining("'mfa' must be REQUIRED, OPTIONAL or OFF");
	}

	@Test
	void shouldTakeAWafRateLimitWithinAwsWafsBounds() {
		assertThat(settings("a").wafRequestsPer5Minutes()).as("no web ACL unless set").isZero();
		assertThat(
				settings(Map.of("consoleRegion", "eu-west-1", "protectedBuckets", "a", "wafRequestsPer5Minutes", "500"))
					.wafRequestsPer5Minutes())
			.isEqualTo(500);
		for (String limit : List.of("9", "-1", "2000000001")) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> settings(
						Map.of("consoleRegion", "eu-west-1", "protectedBuckets", "a", "wafRequestsPer5Minutes", limit)))
				.withMessageContaining("wafRequestsPer5Minutes");
		}
	}

	@Test
	void shouldLetTheBreakGlassRolesIntoTheQuarantineUnlessReadersAreNamed() {
		String breakGlass = "arn:aws:iam::123456789012:role/break-glass";
		String analyst = "arn:aws:iam::123456789012:role/malware-analyst";
		assertThat(settings(
				Map.of("consoleRegion", "eu-west-1", "protectedBuckets", "a", "breakGlassRoleArns", breakGlass))
			.quarantineReaders()).containsExactly(breakGlass);
		assertThat(settings(Map.of("consoleRegion", "eu-west-1", "protectedBuckets", "a", "breakGlassRoleArns",
				breakGlass, "quarantineReaderRoleArns", analyst))
			.quarantineReaders()).containsExactly(analyst);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> settings(Map.of("consoleRegion", "eu-west-1", "protectedBuckets", "a",
					"quarantineReaderRoleArns", "arn:aws:iam::123456789012:role/analyst-*")))
			.withMessageContaining("quarantineReaderRoleArns");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> settings(Map.of("consoleRegion", "eu-west-1", "protectedBuckets", "a", "quarantineBucket",
					"acme-quarantine", "quarantineLockDays", 30)))
			.withMessageContaining("acme-quarantine yourself");
	}

	@Test
	void shouldMonitorWithTheDocumentedDefaults() {
		assertThat(settings("a").monitoring())
			.isEqualTo(new DeploymentSettings.Monitoring("BucketWarden", 24, false, 5, 30, 15))
			.isEqualTo(DeploymentSettings.Monitoring.DEFAULTS);
		DeploymentSettings.Monitoring set = settings(Map.of("consoleRegion", "eu-west-1", "protectedBuckets", "a",
				"metricsNamespace", "Acme/Scans#1:eu", "signatureMaxAgeHours", "72", "alarmOnInfected", "true",
				"errorRateAlarmPercent", "0.5", "timeToVerdictAlarmSeconds", 10, "stalledScanAlarmMinutes", "60"))
			.monitoring();
		assertThat(set).isEqualTo(new DeploymentSettings.Monitoring("Acme/Scans#1:eu", 72, true, 0.5, 10, 60));
	}

	@Test
	void shouldRefuseMonitoringSettingsCloudWatchWouldNotTake() {
		Map<String, List<String>> wrong = Map.of("metricsNamespace",
				List.of("AWS/BucketWarden", "Bucket Warden", "a\"b", "x".repeat(256)), "signatureMaxAgeHours",
				List.of("0", "8761"), "errorRateAlarmPercent", List.of("0", "-1", "100.5", "NaN"),
				"timeToVerdictAlarmSeconds", List.of("0", "86401"), "stalledScanAlarmMinutes", List.of("4", "1441"));
		wrong.forEach((key, values) -> {
			for (String value : values) {
				assertThatIllegalArgumentException()
					.isThrownBy(
							() -> settings(Map.of("consoleRegion", "eu-west-1", "protectedBuckets", "a", key, value)))
					.as("%s %s", key, value)
					.withMessageContaining("Context '" + key + "'");
			}
		});
		assertThatIllegalArgumentException().isThrownBy(
				() -> settings(Map.of("consoleRegion", "eu-west-1", "protectedBuckets", "a", "alarmOnInfected", "yes")))
			.withMessageContaining("alarmOnInfected");
	}

	@Test
	void shouldReadLinkedAccountsWithInAccountQuarantineByDefault() {
		DeploymentSettings settings = settings(
				Map.of("account", "123456789012", "consoleRegion", "eu-west-1", "protectedBuckets", "a", "agentRegions",
						"[{\"region\":\"us-east-2\",\"protectedBuckets\":\"c\"}]", "linkedAccounts",
						"[{\"account\":\"210987654321\",\"name\":\"Partner\",\"protectedBuckets\":[\"p-*\"]},"
								+ "{\"account\":\"345678901234\",\"name\":\"Sub\",\"protectedBuckets\":\"s\","
								+ "\"quarantine\":\"CENTRAL\",\"regions\":[\"us-east-2\"]}]"));
		assertThat(settings.linkedAccounts()).extracting(LinkedAccount::quarantine)
			.containsExactly(LinkedAccount.Quarantine.IN_ACCOUNT, LinkedAccount.Quarantine.CENTRAL);
		assertThat(settings.linkedAccountIds("eu-west-1")).containsExactly("210987654321");
		assertThat(settings.linkedAccountIds("us-east-2")).containsExactly("210987654321", "345678901234");
		assertThat(settings.centralQuarantineAccountIds("us-east-2")).containsExactly("345678901234");
		assertThat(settings.linkedBucketsOf("us-east-2")).containsExactly("p-*", "s");
		// Linked accounts join the trusted accounts of the regions that act on them.
		assertThat(settings.trustedAccounts()).containsExactly("123456789012");
		assertThat(settings.trustedAccounts("eu-west-1")).containsExactly("123456789012", "210987654321");
		assertThat(settings.trustedAccounts("us-east-2")).containsExactly("123456789012", "210987654321",
				"345678901234");
	}

	@Test
	void shouldRefuseLinkedAccountsTheStacksCannotBuild() {
		String partner = "{\"account\":\"210987654321\",\"name\":\"P\",\"protectedBuckets\":\"p\"";
		Map<String, String> refused = Map.of(
				// The linked role trusts the central roles by exact ARN: the account is
				// needed.
				"[" + partner + "}]", "needs 'account'", "[" + partner + ",\"quarantine\":\"SOMEWHERE\"}]",
				"CENTRAL or IN_ACCOUNT", "[" + partner + ",\"regions\":[\"ap-south-1\"]}]", "ap-south-1",
				"[" + partner + "}," + partner + "}]", "twice",
				"[{\"account\":\"123456789012\",\"name\":\"Us\",\"protectedBuckets\":\"p\"}]", "own account",
				"[{\"account\":\"2109876543\",\"name\":\"P\",\"protectedBuckets\":\"p\"}]", "12 digits",
				"[{\"account\":\"210987654321\",\"name\":\"P\",\"protectedBuckets\":\"*\"}]", "*",
				"[{\"account\":\"210987654321\",\"name\":\"P\"}]", "names no bucket");
		refused.forEach((linked, message) -> {
			Map<String, Object> context = new HashMap<>(
					Map.of("consoleRegion", "eu-west-1", "protectedBuckets", "a", "linkedAccounts", linked));
			if (!message.equals("needs 'account'")) {
				context.put("account", "123456789012");
			}
			assertThatIllegalArgumentException().as(linked)
				.isThrownBy(() -> settings(context))
				.withMessageContaining(message);
		});
	}

	private static DeploymentSettings settings(String protectedBuckets) {
		return settings(Map.of("consoleRegion", "eu-west-1", "protectedBuckets", protectedBuckets));
	}

	private static DeploymentSettings settings(Map<String, Object> context) {
		return DeploymentSettings.from(new App(AppProps.builder().context(context).build()).getNode());
	}

}
