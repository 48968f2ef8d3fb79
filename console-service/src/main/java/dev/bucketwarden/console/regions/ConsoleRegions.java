package dev.bucketwarden.console.regions;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;

import dev.bucketwarden.console.config.ConsoleProperties;

/**
 * The regions this deployment has agents in: the console's own and those of
 * {@code bucketwarden.console.regions}. S3 accepts a bucket's event notification only to
 * a topic of the bucket's own region, through a client of that region, so each region has
 * its S3 client (built once, when first needed) and its S3 event topic. A region with
 * neither has no agents: nothing there would scan a bucket it protected.
 */
@Service
@EnableConfigurationProperties(RegionsProperties.class)
public class ConsoleRegions implements AutoCloseable {

	private final String home;

	private final @Nullable String homeTarget;

	private final S3Client homeS3;

	private final Map<String, RegionsProperties.Region> further;

	private final Function<RegionsProperties.Region, S3Client> clients;

	private final Map<String, S3Client> built = new ConcurrentHashMap<>();

	/**
	 * @param home the console's region
	 * @param homeTarget the console region's S3 event topic, or {@code null}
	 * @param homeS3 the console's S3 client
	 * @param regions the further regions
	 * @param clients makes a further region's S3 client
	 */
	public ConsoleRegions(String home, @Nullable String homeTarget, S3Client homeS3,
			List<RegionsProperties.Region> regions, Function<RegionsProperties.Region, S3Client> clients) {
		this.home = home;
		this.homeTarget = (homeTarget != null && !homeTarget.isBlank()) ? homeTarget : null;
		this.homeS3 = homeS3;
		Map<String, RegionsProperties.Region> entries = new LinkedHashMap<>();
		regions.forEach((region) -> entries.put(region.name(), region));
		if (entries.containsKey(home)) {
			throw new IllegalArgumentException("bucketwarden.console.regions names the console's own region " + home
					+ ": its settings are bucketwarden.console.notification-target and bucketwarden.console.retro");
		}
		this.further = Map.copyOf(entries);
		this.clients = clients;
	}

	@Autowired
	public ConsoleRegions(RegionsProperties properties, ConsoleProperties console, S3Client s3,
			ObjectProvider<AwsCredentialsProvider> credentials, ObjectProvider<AwsRegionProvider> awsRegion,
			Environment environment) {
		this(home(properties, awsRegion), console.notificationTarget(), s3, properties.regions(),
				(region) -> client(region, credentials, environment));
	}

	/** The configured region, else the console's AWS region. */
	private static String home(RegionsProperties properties, ObjectProvider<AwsRegionProvider> awsRegion) {
		if (properties.region() != null) {
			return properties.region();
		}
		AwsRegionProvider provider = awsRegion.getIfAvailable();
		return (provider != null) ? provider.getRegion().id() : "us-east-1";
	}

	/**
	 * A region's S3 client: its own endpoint (the local stack's relay of the region),
	 * else the console's override (one S3 stand-in for every region), else AWS's.
	 */
	private static S3Client client(RegionsProperties.Region region, ObjectProvider<AwsCredentialsProvider> credentials,
			Environment environment) {
		S3ClientBuilder builder = S3Client.builder()
			.httpClientBuilder(ApacheHttpClient.builder())
			.region(Region.of(region.name()));
		URI endpoint = region.s3Endpoint();
		if (endpoint == null) {
			String own = environment.getProperty("spring.cloud.aws.s3.endpoint",
					environment.getProperty("spring.cloud.aws.endpoint", ""));
			endpoint = own.isBlank() ? null : URI.create(own);
		}
		if (endpoint != null) {
			builder.endpointOverride(endpoint);
		}
		builder.forcePathStyle(
				environment.getProperty("spring.cloud.aws.s3.path-style-access-enabled", Boolean.class, false));
		credentials.ifAvailable(builder::credentialsProvider);
		return builder.build();
	}

	/** The console's own region. */
	public String home() {
		return this.home;
	}

	/** Every region with agents, the console's first. */
	public List<String> names() {
		List<String> names = new ArrayList<>(List.of(this.home));
		names.addAll(this.further.keySet());
		return names;
	}

	public boolean hasAgents(String region) {
		return this.home.equals(region) || this.further.containsKey(region);
	}

	/** A further region's settings; empty for the console's own and for the unknown. */
	public Optional<RegionsProperties.Region> entry(String region) {
		return Optional.ofNullable(this.further.get(region));
	}

	/**
	 * The S3 client of a region with agents.
	 * @throws IllegalStateException for a region without agents
	 */
	public S3Client s3(String region) {
		if (this.home.equals(region)) {
			return this.homeS3;
		}
		RegionsProperties.Region entry = this.further.get(region);
		if (entry == null) {
			throw new IllegalStateException(noAgents(region));
		}
		return this.built.computeIfAbsent(region, (name) -> this.clients.apply(entry));
	}

	/** The region's S3 event topic (or queue), or {@code null} when none is set. */
	public @Nullable String notificationTarget(String region) {
		if (this.home.equals(region)) {
			return this.homeTarget;
		}
		RegionsProperties.Region entry = this.further.get(region);
		return (entry != null) ? entry.notificationTarget() : null;
	}

	/**
	 * The region as a bucket's home records it: {@code null} for the console's own, so
	 * the settings of every bucket protected before regions read the same.
	 */
	public @Nullable String recorded(String region) {
		return this.home.equals(region) ? null : region;
	}

	/** Why a bucket of this region cannot be protected, in the deployment's words. */
	public static String noAgents(String region) {
		return "no agents in region " + region + ": add it to agentRegions and deploy";
	}

	@Override
	public void close() {
		this.built.values().forEach(S3Client::close);
	}

}
