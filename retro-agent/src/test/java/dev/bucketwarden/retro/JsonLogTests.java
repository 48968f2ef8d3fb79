package dev.bucketwarden.retro;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import dev.bucketwarden.agent.pipeline.ScanPipeline;
import dev.bucketwarden.agent.request.ScanTarget;
import dev.bucketwarden.store.results.ScanSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retro agent logs JSON lines with its own application.yaml, as the console does. S3
 * takes any character in a key, line breaks too: in plain text such a key would start a
 * line of its own, and could forge one ("... INFO ... Clean"). As JSON it stays inside
 * the scan line's message.
 */
@ExtendWith(OutputCaptureExtension.class)
class JsonLogTests {

	private static final String FORGED = "2030-01-01T00:00:00Z  INFO 1 --- [main] ScanPipeline : Clean s3://b/x";

	@Test
	void shouldLogAKeyWithALineBreakAsOneJsonLine(CapturedOutput output) {
		ScanTarget target = new ScanTarget("acme-uploads", "invoice.pdf\n" + FORGED, "v1", null, ScanSource.RETRO);
		// Only the agent's configuration (application.yaml) and Spring Boot's logging
		// system: no beans, no servers.
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(LoggingOnly.class)
			.web(WebApplicationType.NONE)
			.run()) {
			LoggerFactory.getLogger(ScanPipeline.class)
				.info("Scanning {} ({} bytes, attempt {})", target.describe(), 7, 1);
		}
		List<String> lines = output.getOut().lines().filter((line) -> line.contains("invoice.pdf")).toList();
		assertThat(lines).singleElement().satisfies((line) -> {
			Map<String, Object> json = JsonParserFactory.getJsonParser().parseMap(line);
			// ECS as nested objects: {"log":{"level":...,"logger":...},"message":...}.
			assertThat(json).containsEntry("log", Map.of("level", "INFO", "logger", ScanPipeline.class.getName()))
				.containsEntry("message",
						"Scanning s3://acme-uploads/invoice.pdf\n" + FORGED + " (version v1) (7 bytes, attempt 1)");
		});
		assertThat(output.getOut().lines()).noneMatch((line) -> line.startsWith("2030-01-01"));
	}

	@Configuration(proxyBeanMethods = false)
	static class LoggingOnly {

	}

}
