package dev.bucketwarden.infra.aws;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import dev.bucketwarden.agent.config.BucketsProperties;
import dev.bucketwarden.agent.config.FindingsProperties;
import dev.bucketwarden.agent.config.LargeObjectsProperties;
import dev.bucketwarden.agent.config.ResultsProperties;
import dev.bucketwarden.agent.config.SettingsProperties;
import dev.bucketwarden.agent.health.HealthProperties;
import dev.bucketwarden.engine.clamav.ClamavSettings;
import dev.bucketwarden.engine.spi.EngineSettings;
import dev.bucketwarden.store.settings.Remediation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The task definitions configure the services as the services read their configuration:
 * the environment of the synthesized event and API agents is bound with Spring Boot's
 * relaxed binding to the real property names and agent-core's records, and the ClamAV
 * engine settings equal the sidecar's clamd.conf.
 */
class EnvironmentBindingTests {

	@Test
	void shouldBindTheEventAgentsEnvironmentToItsProperties() {
		Binder binder = binder(environment("bucketwarden-event-agent", "event-agent"));
		assertThat(binder.bind("bucketwarden.event-agent.queue", String.class).get()).startsWith("${ScanningScanQueue");
		assertThat(binder.bind("bucketwarden.event-agent.max-attempts", Integer.class).get()).isEqualTo(5);
		assertThat(binder.bind("bucketwarden.event-agent.concurrency", Integer.class).get()).isEqualTo(8);
		assertThat(binder.bind("bucketwarden.event-agent.pause-intake", String.class).get()).isEqualTo("UNREACHABLE");
		assertThat(binder.bind("spring.cloud.aws.region.static", String.class).get())
			.isEqualTo(SynthesizedApp.CONSOLE_REGION);
		assertThat(binder.bind("bucketwarden.results", ResultsProperties.class).get().table())
			.isEqualTo("bucketwarden-results");
		FindingsProperties findings = binder.bind("bucketwarden.findings", FindingsProperties.class).get();
		assertThat(findings.topicArn()).endsWith(":sns:eu-central-1:${AWS::AccountId}:bucketwarden-findings");
		assertThat(findings.eventBus()).isEqualTo("default");
		assertThat(findings.securityHubAccount()).isEqualTo("${AWS::AccountId}");
		assertThat(findings.securityHubPartition()).isEqualTo("${AWS::Partition}");
		SettingsProperties settings = binder.bind("bucketwarden.settings", SettingsProperties.class).get();
		assertThat(settings.table()).isEqualTo("bucketwarden-settings");
		BucketsProperties buckets = binder.bind("bucketwarden.buckets", BucketsProperties.class).get();
		assertThat(buckets.defaults().remediation()).isEqualTo(Remediation.QUARANTINE);
		assertThat(buckets.defaults().quarantineBucket()).contains("QuarantineBucket");
		LargeObjectsProperties large = binder.bind("bucketwarden.large-objects", LargeObjectsProperties.class).get();
		assertThat(large.queueUrl()).startsWith("${ScanningLargeObjectQueue");
		assertThat(large.maxAttempts()).isEqualTo(5);
		assertThat(large.visibilityTimeout()).isEqualTo(Duration.ofMinutes(5));
		// The signature age alarm's limit is the one the agents' readiness applies.
		assertThat(binder.bind("bucketwarden.health", HealthProperties.class).get().signatureMaxAge())
			.isEqualTo(Duration.ofHours(SynthesizedApp.SIGNATURE_MAX_AGE_HOURS));
	}

	@Test
	void shouldBindTheApiAgentsEnvironmentToItsProperties() {
		Binder binder = binder(environment("bucketwarden-api-agent", "api-agent"));
		assertThat(binder.bind("server.port", Integer.class).get()).isEqualTo(8080);
		assertThat(binder.bind("spring.security.oauth2.resourceserver.jwt.issuer-uri", String.class).get())
			.contains("UserPool");
		assertThat(binder.bind("bucketwarden.api.upload-buckets", String[].class).get())
			.containsExactlyElementsOf(SynthesizedApp.UPLOADS);
		assertThat(binder.bind("bucketwarden.api.spool-directory", String.class).get()).isEqualTo("/tmp");
		// Cognito puts resource-server scopes into tokens as <identifier>/<scope>.
		assertThat(binder.bind("bucketwarden.api.scope", String.class).get()).isEqualTo("bucketwarden-api/scan");
	}

	/**
	 * The console's properties (console-service's ConsoleProperties and application.yaml;
	 * its repackaged jar is no library to bind against, so by name).
	 */
	@Test
	void shouldBindTheConsolesEnvironmentToItsProperties() {
		Map<String, String> environment = environment("bucketwarden-console-service", "console-service");
		Binder binder = binder(environment);
		assertThat(binder.bind("bucketwarden.console.settings-table", String.class).get())
			.isEqualTo("bucketwarden-settings");
		assertThat(binder.bind("bucketwarden.console.issuer-uri", String.class).get()).contains("UserPool");
		assertThat(binder.bind("bucketwarden.console.client-id", String.class).get()).contains("ConsoleClient");
		assertThat(binder.bind("bucketwarden.console.logout-url", String.class).get()).contains("/logout?client_id=")
			.endsWith("&logout_uri=https://bucketwarden.acme.example/");
		assertThat(binder.bind("bucketwarden.console.admin-group", String.class).get()).isEqualTo("admin");
		assertThat(binder.bind("bucketwarden.console.viewer-group", String.class).get()).isEqualTo("viewer");
		assertThat(binder.bind("bucketwarden.console.scan-queue-url", String.class).get()).contains("ScanQueue");
		assertThat(binder.bind("bucketwarden.console.notification-target", String.class).get()).contains("S3Events");
		assertThat(binder.bind("bucketwarden.console.parameters-path", String.class).get()).isEqualTo("/bucketwarden/");
		// The console region's buckets first, then the linked account's that covers it
		// (ConsoleRegionsTests).
		assertThat(binder.bind("bucketwarden.console.protectable-buckets", String[].class).get())
			.startsWith(SynthesizedApp.PROTECTED.toArray(String[]::new));
		assertThat(binder.bind("bucketwarden.results.table", String.class).get()).isEqualTo("bucketwarden-results");
		assertThat(binder.bind("bucketwarden.console.retro.jobs-table", String.class).get())
			.isEqualTo("bucketwarden-jobs");
		assertThat(binder.bind("bucketwarden.console.retro.launcher", String.class).get()).isEqualTo("ECS");
		assertThat(binder.bind("bucketwarden.console.retro.ecs.cluster", String.class).get()).contains("Cluster");
		assertThat(binder.bind("bucketwarden.console.retro.ecs.task-definition", String.class).get())
			.contains("RetroAgentTaskDefinition");
		assertThat(binder.bind("bucketwarden.console.retro.ecs.subnets", String[].class).get()).hasSize(2);
		assertThat(binder.bind("bucketwarden.console.retro.ecs.security-groups", String[].class).get()).singleElement()
			.asString()
			.contains("RetroTasks");
		// The client secret is no environment variable: it comes from Secrets Manager.
		assertThat(environment).doesNotContainKey("BUCKETWARDEN_CONSOLE_CLIENTSECRET");
		Map<String, Map<String, Object>> tasks = Cfn.resources(SynthesizedApp.get().consoleJson(),
				"AWS::ECS::TaskDefinition");
		Object secrets = tasks.values()
			.stream()
			.filter((t) -> "bucketwarden-console-service".equals(t.get("Family")))
			.flatMap((t) -> Cfn.list(t.get("ContainerDefinitions")).stream())
			.map((c) -> Cfn.path(c, "Secrets"))
			.filter(java.util.Objects::nonNull)
			.findFirst()
			.orElseThrow();
		assertThat(Cfn.list(secrets)).singleElement()
			.satisfies((secret) -> assertThat((Object) Cfn.path(secret, "Name"))
				.isEqualTo("BUCKETWARDEN_CONSOLE_CLIENTSECRET"));
	}

	/**
	 * The retro agent's queue, jobs table and ECS launcher (retro-agent's RetroProperties
	 * and LauncherProperties, by name: its repackaged jar is no library to bind against).
	 */
	@Test
	void shouldBindTheRetroAgentsEnvironmentToItsProperties() {
		Binder binder = binder(environment("bucketwarden-retro-agent", "retro-agent"));
		assertThat(binder.bind("bucketwarden.retro.queue", String.class).get()).startsWith("${ScanningRetroQueue");
		assertThat(binder.bind("bucketwarden.retro.jobs-table", String.class).get()).isEqualTo("bucketwarden-jobs");
		assertThat(binder.bind("bucketwarden.retro.launcher.type", String.class).get()).isEqualTo("ECS");
		assertThat(binder.bind("bucketwarden.retro.launcher.ecs.cluster", String.class).get()).contains("Cluster");
		assertThat(binder.bind("bucketwarden.retro.launcher.ecs.task-definition", String.class).get())
			.isEqualTo("bucketwarden-retro-agent");
		assertThat(binder.bind("bucketwarden.retro.launcher.ecs.subnets", String[].class).get()).hasSize(2)
			.allMatch((subnet) -> subnet.contains("tasks"));
		assertThat(binder.bind("bucketwarden.retro.launcher.ecs.security-groups", String[].class).get()).singleElement()
			.asString()
			.contains("RetroTasks");
		assertThat(binder.bind("bucketwarden.settings", SettingsProperties.class).get().table())
			.isEqualTo("bucketwarden-settings");
	}

	/**
	 * The agent-side checks of work items (agent-core's {@code bucketwarden.trust.*}),
	 * for every scanning agent of both regions.
	 */
	@Test
	void shouldGiveEveryAgentItsTrustChecks() {
		String consoleTopic = "${" + topicId(SynthesizedApp.get().consoleJson()) + "}";
		for (String agent : List.of("event-agent", "retro-agent", "api-agent")) {
			Binder binder = binder(environment(SynthesizedApp.get().consoleJson(), "bucketwarden-" + agent, agent));
			assertThat(binder.bind("bucketwarden.trust.protected-buckets", String[].class).get()).as(agent)
				.containsExactlyElementsOf(SynthesizedApp.CONSOLE_REGION_INTAKE);
			assertThat(binder.bind("bucketwarden.trust.allowed-accounts", String[].class).get()).as(agent)
				.containsExactlyElementsOf(SynthesizedApp.CONSOLE_REGION_ACCOUNTS);
			assertThat(binder.bind("bucketwarden.trust.allowed-regions", String[].class).get()).as(agent)
				.containsExactly(SynthesizedApp.CONSOLE_REGION);
			assertThat(binder.bind("bucketwarden.trust.topic-arns", String[].class).get()).as(agent)
				.containsExactly(consoleTopic);
		}
		Map<String, Object> agents = SynthesizedApp.get().agentsJson();
		for (String agent : List.of("event-agent", "retro-agent")) {
			Binder binder = binder(environment(agents, "bucketwarden-" + agent, agent));
			assertThat(binder.bind("bucketwarden.trust.protected-buckets", String[].class).get()).as(agent)
				.containsExactlyElementsOf(SynthesizedApp.AGENT_REGION_INTAKE);
			assertThat(binder.bind("bucketwarden.trust.allowed-accounts", String[].class).get()).as(agent)
				.containsExactlyElementsOf(SynthesizedApp.AGENT_REGION_ACCOUNTS);
			assertThat(binder.bind("bucketwarden.trust.allowed-regions", String[].class).get()).as(agent)
				.containsExactly(SynthesizedApp.AGENT_REGION);
			assertThat(binder.bind("bucketwarden.trust.topic-arns", String[].class).get()).as(agent)
				.containsExactly("${" + topicId(agents) + "}");
		}
	}

	/** The principals of the bucket policy statements the console shows and applies. */
	@Test
	void shouldGiveTheConsoleTheExactAgentAndBreakGlassRoleArns() {
		Binder binder = binder(environment("bucketwarden-console-service", "console-service"));
		assertThat(binder.bind("bucketwarden.console.agent-role-arns", String[].class).get())
			.containsExactlyElementsOf(SynthesizedApp.AGENT_ROLE_ARNS);
		assertThat(binder.bind("bucketwarden.console.break-glass-role-arns", String[].class).get())
			.containsExactly(SynthesizedApp.BREAK_GLASS_ROLE);
	}

	private static String topicId(Map<String, Object> template) {
		return Cfn.resources(template, "AWS::SNS::Topic")
			.entrySet()
			.stream()
			.filter((topic) -> "bucketwarden-s3-events".equals(topic.getValue().get("TopicName")))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElseThrow();
	}

	@Test
	void shouldGiveTheEngineTheSidecarsLimits() throws IOException {
		Map<String, String> environment = environment("bucketwarden-event-agent", "event-agent");
		Map<?, ?> json = new ObjectMapper().readValue(environment.get("SPRING_APPLICATION_JSON"), Map.class);
		@SuppressWarnings("unchecked")
		Map<String, String> clamav = (Map<String, String>) Cfn.path(json, "bucketwarden", "engines", "clamav");
		ClamavSettings settings = ClamavSettings.from(EngineSettings.of(clamav));
		Map<String, String> clamd = clamdConf();
		assertThat(settings.host()).isEqualTo(clamd.get("TCPAddr"));
		assertThat(settings.port()).isEqualTo(Integer.parseInt(clamd.get("TCPSocket")));
		assertThat(settings.streamMaxLength()).isEqualTo(clamdSize(clamd.get("StreamMaxLength")));
		assertThat(settings.maxConcurrency()).isEqualTo(Integer.parseInt(clamd.get("MaxThreads")));
		assertThat(environment.get("BUCKETWARDEN_EVENTAGENT_CONCURRENCY")).isEqualTo(clamd.get("MaxThreads"));
	}

	static Binder binder(Map<String, String> environment) {
		MutablePropertySources sources = new MutablePropertySources();
		// Named as Spring Boot names the real one: only then are environment names
		// mapped.
		sources.addFirst(new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new LinkedHashMap<>(environment)));
		return new Binder(ConfigurationPropertySources.from(sources));
	}

	/** The container's environment; references to resources become their text form. */
	private static Map<String, String> environment(String family, String container) {
		return environment(SynthesizedApp.get().consoleJson(), family, container);
	}

	static Map<String, String> environment(Map<String, Object> template, String family, String container) {
		Map<String, Map<String, Object>> tasks = Cfn.resources(template, "AWS::ECS::TaskDefinition");
		Map<String, Object> task = tasks.values()
			.stream()
			.filter((t) -> family.equals(t.get("Family")))
			.findFirst()
			.orElseThrow();
		Map<String, String> environment = new LinkedHashMap<>();
		for (Object definition : Cfn.list(task.get("ContainerDefinitions"))) {
			if (container.equals(Cfn.path(definition, "Name"))) {
				for (Object variable : Cfn.list(Cfn.path(definition, "Environment"))) {
					environment.put(Cfn.path(variable, "Name"), Cfn.text(Cfn.path(variable, "Value")));
				}
			}
		}
		assertThat(environment).isNotEmpty();
		return environment;
	}

	private static Map<String, String> clamdConf() throws IOException {
		Map<String, String> conf = new LinkedHashMap<>();
		List<String> lines = Files.readAllLines(SynthesizedApp.REPOSITORY.resolve("docker/clamav/clamd.conf"));
		for (String line : lines) {
			String stripped = line.strip();
			if (!stripped.isEmpty() && !stripped.startsWith("#")) {
				String[] parts = stripped.split("\\s+", 2);
				conf.put(parts[0], parts[1]);
			}
		}
		return conf;
	}

	/** clamd's sizes: a number with an optional K or M suffix (binary units). */
	private static long clamdSize(String value) {
		char unit = Character.toUpperCase(value.charAt(value.length() - 1));
		return switch (unit) {
			case 'K' -> Long.parseLong(value.substring(0, value.length() - 1)) << 10;
			case 'M' -> Long.parseLong(value.substring(0, value.length() - 1)) << 20;
			default -> Long.parseLong(value);
		};
	}

}
