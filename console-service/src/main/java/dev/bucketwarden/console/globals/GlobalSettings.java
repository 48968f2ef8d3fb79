package dev.bucketwarden.console.globals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.SsmClientBuilder;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import dev.bucketwarden.console.config.ConsoleProperties;

/**
 * Global settings imported from SSM Parameter Store (the parameters infra/aws writes
 * under a path, such as the results table and the findings topic), shown read-only.
 * Optional: without {@code bucketwarden.console.parameters-path} SSM is never called, so
 * the local stack runs without it. SecureString values are never decrypted or shown. Read
 * at most once a minute.
 */
@Service
public class GlobalSettings {

	private static final Logger logger = LoggerFactory.getLogger(GlobalSettings.class);

	private static final Duration CACHE = Duration.ofMinutes(1);

	private final String path;

	private final SsmClient ssm;

	private final Clock clock;

	private volatile Imported cached;

	public GlobalSettings(ConsoleProperties properties, ObjectProvider<AwsCredentialsProvider> credentials,
			ObjectProvider<AwsRegionProvider> region, Clock clock) {
		this.path = (properties.parametersPath() != null && !properties.parametersPath().isBlank())
				? properties.parametersPath() : null;
		this.clock = clock;
		if (this.path == null) {
			this.ssm = null;
			return;
		}
		SsmClientBuilder builder = SsmClient.builder().httpClientBuilder(ApacheHttpClient.builder());
		credentials.ifAvailable(builder::credentialsProvider);
		region.ifAvailable((provider) -> builder.region(provider.getRegion()));
		if (properties.ssmEndpoint() != null) {
			builder.endpointOverride(properties.ssmEndpoint());
		}
		this.ssm = builder.build();
	}

	/** The imported parameters, or why there are none. */
	public Imported current() {
		if (this.ssm == null) {
			return new Imported(null, Map.of(), "Not configured (bucketwarden.console.parameters-path).", null);
		}
		Imported known = this.cached;
		Instant now = this.clock.instant();
		if (known != null && known.readAt() != null && now.isBefore(known.readAt().plus(CACHE))) {
			return known;
		}
		try {
			Map<String, String> values = new TreeMap<>();
			Iterable<Parameter> parameters = this.ssm
				.getParametersByPathPaginator(
						(request) -> request.path(this.path).recursive(true).withDecryption(false))
				.stream()
				.flatMap((page) -> page.parameters().stream())::iterator;
			for (Parameter parameter : parameters) {
				values.put(parameter.name(), (parameter.type() == ParameterType.SECURE_STRING)
						? "(SecureString, not shown)" : parameter.value());
			}
			this.cached = new Imported(this.path, values, null, now);
		}
		catch (SdkException ex) {
			logger.warn("Reading SSM parameters under {} failed: {}", this.path, ex.getMessage());
			return new Imported(this.path, (known != null) ? known.values() : Map.of(),
					"SSM could not be read: " + ex.getMessage(), (known != null) ? known.readAt() : null);
		}
		return this.cached;
	}

	/**
	 * Parameters as read.
	 *
	 * @param path the path read, or {@code null} when not configured
	 * @param values by parameter name
	 * @param problem why nothing (new) could be read, or {@code null}
	 * @param readAt when they were read
	 */
	public record Imported(String path, Map<String, String> values, String problem, Instant readAt) {
	}

}
