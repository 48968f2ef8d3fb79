package dev.bucketwarden.retro;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The retro agent's Spring context on a test lane, as the jar wires it. */
public final class RetroContexts {

	private RetroContexts() {
	}

	public static ConfigurableApplicationContext start(RetroTestStack.Lane lane, Map<String, String> overrides) {
		Map<String, Object> properties = new LinkedHashMap<>(RetroTestStack.get().properties(lane));
		properties.putAll(testSettings());
		properties.putAll(overrides);
		// As command line arguments: they win over application.yaml, as the jar's do.
		return new SpringApplicationBuilder(RetroAgentApplication.class).web(WebApplicationType.NONE)
			.run(properties.entrySet()
				.stream()
				.map((e) -> "--" + e.getKey() + "=" + e.getValue())
				.toArray(String[]::new));
	}

	/** Short waits, so workers exit soon after the queue goes idle. */
	public static Map<String, String> testSettings() {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("bucketwarden.retro.worker.idle-time", "2s");
		settings.put("bucketwarden.retro.worker.job-check", "200ms");
		settings.put("bucketwarden.retro.worker.retry-backoff", "1s");
		settings.put("bucketwarden.retro.crawl.cancel-check", "100ms");
		settings.put("bucketwarden.retro.launcher.type", "NONE");
		return settings;
	}

}
