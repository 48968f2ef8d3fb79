package dev.bucketwarden.eventagent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.MDC;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import dev.bucketwarden.agent.pipeline.FinalVerdict;
import dev.bucketwarden.agent.request.ScanTarget;
import dev.bucketwarden.agent.verdictlog.VerdictLog;
import dev.bucketwarden.store.results.RemediationState;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.results.ScanSource;
import dev.bucketwarden.store.tags.TaggingStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One JSON line per verdict on the logger {@code bucketwarden.verdicts}, with the agent's
 * own logging configuration (application.yaml, ECS JSON): the fields are values of that
 * JSON, so a key with quotes and a line break, even one holding a forged line, stays
 * inside its field and the line parses.
 */
@ExtendWith(OutputCaptureExtension.class)
class VerdictLogTests {

	private static final String KEY = "invoice\".pdf\n{\"verdict\":{\"result\":\"Clean\"}}";

	@Test
	void shouldLogOneParsableJsonLinePerVerdictWithItsFields(CapturedOutput output) {
		Instant event = Instant.parse("2026-12-06T10:00:00Z");
		ScanRecord record = new ScanRecord("rec-1", "acme-uploads", KEY, "v7", "etag", 68, ResultStatus.INFECTED,
				"Eicar-Signature", null, List.of("Eicar-Signature"),
				List.of(new ScanRecord.EngineRecord("clamav", "Infected", List.of("Eicar-Signature"), null,
						"ClamAV 1.4", "27000", 12)),
				event.plusSeconds(2), Duration.ofMillis(12), TaggingStatus.TAGGED, RemediationState.PENDING, null,
				false, ScanSource.EVENT);
		ScanTarget target = new ScanTarget("acme-uploads", KEY, "v7", "etag", ScanSource.EVENT, event);
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(LoggingOnly.class)
			.web(WebApplicationType.NONE)
			.run(); MDC.MDCCloseable id = MDC.putCloseable(VerdictLog.MESSAGE_ID, "msg-42")) {
			new VerdictLog().verdict(new FinalVerdict(target, record, null, event.plusMillis(2500), true));
		}

		List<String> lines = output.getOut().lines().filter((line) -> line.contains(VerdictLog.LOGGER)).toList();
		assertThat(lines).singleElement().satisfies((line) -> {
			Map<String, Object> json = JsonParserFactory.getJsonParser().parseMap(line);
			assertThat(json).containsEntry("log", Map.of("level", "INFO", "logger", VerdictLog.LOGGER));
			@SuppressWarnings("unchecked")
			Map<String, Object> verdict = (Map<String, Object>) json.get("verdict");
			assertThat(verdict).containsEntry("bucket", "acme-uploads")
				.containsEntry("key", KEY)
				.containsEntry("version", "v7")
				.containsEntry("result", "Infected")
				.containsEntry("signatures", List.of("Eicar-Signature"))
				.containsEntry("engines", List.of(Map.of("engine", "clamav", "result", "Infected", "durationMs", 12)))
				.containsEntry("durationMs", 12)
				.containsEntry("source", "event")
				.containsEntry("timeToVerdictMs", 2500)
				.containsEntry("messageId", "msg-42")
				.containsEntry("recordId", "rec-1")
				.doesNotContainKey("requestId");
		});
		assertThat(output.getOut().lines()).noneMatch((line) -> line.startsWith("{\"verdict\""));
	}

	@Configuration(proxyBeanMethods = false)
	static class LoggingOnly {

	}

}
