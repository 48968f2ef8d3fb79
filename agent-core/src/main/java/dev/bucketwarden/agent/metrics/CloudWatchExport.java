package dev.bucketwarden.agent.metrics;

import java.time.Duration;

import io.micrometer.cloudwatch2.CloudWatchConfig;
import io.micrometer.cloudwatch2.CloudWatchMeterRegistry;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.NamingConvention;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;

/**
 * Micrometer's CloudWatch registry, set up for the names docs/operations.md promises:
 * <ul>
 * <li>only BucketWarden's meters ({@code bucketwarden.*}) go out: every other meter (JVM,
 * HTTP server, executor) would be a custom metric per dimension set, paid for monthly,
 * that nobody alarms on;</li>
 * <li>no common tags: each tag is a dimension, and an alarm matches one exact set;</li>
 * <li>a timer's percentiles, which Micrometer's step registries publish as gauges named
 * {@code <timer>.percentile} tagged {@code phi}, go out under that name
 * ({@code bucketwarden.time.to.verdict.percentile}), without the {@code .value} the
 * registry appends to every other gauge's name.</li>
 * </ul>
 */
public final class CloudWatchExport {

	private static final String OURS = "bucketwarden.";

	private static final String PERCENTILE_GAUGE = ".percentile.value";

	private CloudWatchExport() {
	}

	/**
	 * A registry sending to CloudWatch every step, and once more when it is closed (an
	 * agent that stops sends what it counted last).
	 */
	public static CloudWatchMeterRegistry registry(CloudWatchExportProperties properties, CloudWatchAsyncClient client,
			Clock clock) {
		CloudWatchMeterRegistry registry = new CloudWatchMeterRegistry(config(properties), clock, client);
		registry.config()
			.meterFilter(MeterFilter.denyUnless((id) -> id.getName().startsWith(OURS)))
			.namingConvention(new PercentileNames(registry.config().namingConvention()));
		return registry;
	}

	static CloudWatchConfig config(CloudWatchExportProperties properties) {
		return new CloudWatchConfig() {

			@Override
			public @Nullable String get(String key) {
				return null;
			}

			@Override
			public String namespace() {
				return properties.namespace();
			}

			@Override
			public Duration step() {
				return properties.step();
			}

			@Override
			public boolean enabled() {
				return properties.enabled();
			}

		};
	}

	/**
	 * The registry's naming, except that a percentile gauge keeps the name of the
	 * contract.
	 */
	private record PercentileNames(NamingConvention delegate) implements NamingConvention {

		@Override
		public String name(String name, Meter.Type type, @Nullable String baseUnit) {
			String named = this.delegate.name(name, type, baseUnit);
			if (type == Meter.Type.GAUGE && named.endsWith(PERCENTILE_GAUGE)) {
				return named.substring(0, named.length() - ".value".length());
			}
			return named;
		}

		@Override
		public String tagKey(String key) {
			return this.delegate.tagKey(key);
		}

		@Override
		public String tagValue(String value) {
			return this.delegate.tagValue(value);
		}

	}

}
