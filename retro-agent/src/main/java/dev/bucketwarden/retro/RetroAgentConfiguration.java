package dev.bucketwarden.retro;

import java.net.URI;
import java.time.Clock;
import java.util.List;

import io.awspring.cloud.autoconfigure.AwsSyncClientCustomizer;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.bucketwarden.agent.config.BucketsProperties;
import dev.bucketwarden.agent.config.ChainProperties;
import dev.bucketwarden.agent.config.SettingsProperties;
import dev.bucketwarden.agent.findings.FindingPublisher;
import dev.bucketwarden.agent.metrics.QueueMeters;
import dev.bucketwarden.agent.metrics.RetroMeters;
import dev.bucketwarden.agent.pipeline.ScanPipeline;
import dev.bucketwarden.agent.storage.BucketClients;
import dev.bucketwarden.agent.storage.ObjectStore;
import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.jobs.JobStore;
import dev.bucketwarden.jobs.schedule.ScheduleClaims;
import dev.bucketwarden.jobs.schedule.ScheduleStore;
import dev.bucketwarden.jobs.schedule.StoredSchedule;
import dev.bucketwarden.retro.crawl.Crawler;
import dev.bucketwarden.retro.crawl.SqsRetroQueue;
import dev.bucketwarden.retro.ebs.EbsJobRunner;
import dev.bucketwarden.retro.run.JobRunner;
import dev.bucketwarden.retro.schedule.JobScheduler;
import dev.bucketwarden.retro.schedule.RegionLaunchers;
import dev.bucketwarden.retro.schedule.ScheduleProperties;
import dev.bucketwarden.retro.settings.RetroProperties;
import dev.bucketwarden.retro.settings.RetroQueueAddress;
import dev.bucketwarden.retro.volume.VolumeScanner;
import dev.bucketwarden.retro.worker.EcsWorkerLauncher;
import dev.bucketwarden.retro.worker.LauncherProperties;
import dev.bucketwarden.retro.worker.LocalProcessWorkerLauncher;
import dev.bucketwarden.retro.worker.RetroWorker;
import dev.bucketwarden.retro.worker.WorkerLauncher;
import dev.bucketwarden.store.results.ResultStore;
import dev.bucketwarden.store.settings.DynamoDbSettingsTable;
import dev.bucketwarden.store.settings.VersionedCache;

/**
 * Wires the retro agent on agent-core's pipeline and Spring Cloud AWS's region,
 * credentials and endpoints ({@code spring.cloud.aws.*}).
 */
@Configuration(proxyBeanMethods = false)
class RetroAgentConfiguration {

	@Bean
	SqsClient retroSqsClient(Environment environment, AwsRegionProvider region, AwsCredentialsProvider credentials,
			ObjectProvider<AwsSyncClientCustomizer> customizers) {
		var builder = SqsClient.builder()
			.region(region.getRegion())
			.credentialsProvider(credentials)
			.httpClientBuilder(ApacheHttpClient.builder().maxConnections(64));
		String endpoint = environment.getProperty("spring.cloud.aws.sqs.endpoint");
		if (endpoint != null) {
			builder.endpointOverride(URI.create(endpoint));
		}
		// As Spring Cloud AWS does for the clients it builds (agent-core counts
		// requests).
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	@Bean
	RetroQueueAddress retroQueueAddress(SqsClient sqs, RetroProperties properties) {
		return RetroQueueAddress.resolve(sqs, properties.queue());
	}

	@Bean
	JobStore jobStore(DynamoDbClient dynamo, RetroProperties properties, Clock clock) {
		return new JobStore(dynamo, properties.jobsTable(), clock);
	}

	@Bean
	Crawler crawler(JobStore jobs, BucketClients s3, SqsClient sqs, RetroQueueAddress queue, RetroProperties properties,
			RetroMeters meters) {
		return new Crawler(jobs, s3, new SqsRetroQueue(sqs, queue.url()), properties.crawl(), meters);
	}

	@Bean
	RetroWorker retroWorker(SqsClient sqs, RetroQueueAddress queue, ScanPipeline pipeline, JobStore jobs,
			RetroProperties properties, ObjectStore store, ResultStore results, FindingPublisher publisher, Clock clock,
			QueueMeters queueMeters, RetroMeters retroMeters) {
		return new RetroWorker(sqs, queue.url(), pipeline, jobs, properties.worker(),
				new RetroWorker.DriftCheck(store, results, publisher, clock), queueMeters, retroMeters);
	}

	@Bean
	VolumeScanner volumeScanner(EngineChain chain, JobStore jobs, BucketsProperties buckets,
			ChainProperties chainProperties, RetroProperties properties) {
		return new VolumeScanner(chain, jobs, buckets.defaults().maxSize().toBytes(), chainProperties.engineTimeout(),
				properties.worker().concurrency());
	}

	@Bean
	JobRunner jobRunner(JobStore jobs, Crawler crawler, VolumeScanner volumes, EbsJobRunner ebs,
			WorkerLauncher launcher, LauncherProperties launcherProperties, SqsClient sqs, RetroQueueAddress queue) {
		return new JobRunner(jobs, crawler, volumes, ebs, launcher, launcherProperties, sqs, queue);
	}

	/**
	 * The configured schedules, plus, when the settings table is set, those saved in the
	 * console, re-read when the table's change counter moves (checked at most once per
	 * refresh interval).
	 */
	@Bean
	JobScheduler jobScheduler(ScheduleProperties schedules, SettingsProperties settings,
			ObjectProvider<DynamoDbClient> dynamo, RetroProperties properties, JobStore jobs, Clock clock) {
		ScheduleClaims claims = new ScheduleClaims(dynamo.getObject(), properties.jobsTable());
		if (settings.table() == null || settings.table().isBlank()) {
			return new JobScheduler(schedules.schedules(), jobs, claims, clock);
		}
		ScheduleStore stored = new ScheduleStore(new DynamoDbSettingsTable(dynamo.getObject(), settings.table()));
		VersionedCache<List<StoredSchedule>> cache = new VersionedCache<>("schedules", stored::version,
				(previous) -> stored.list(), settings.refreshInterval(), clock);
		return new JobScheduler(schedules.schedules(), cache::get, jobs, claims, clock);
	}

	/**
	 * Where scheduled jobs of further regions run: with the launcher type of this agent's
	 * workers, and each region's settings.
	 */
	@Bean
	RegionLaunchers regionLaunchers(ScheduleProperties schedules, LauncherProperties launcher,
			ObjectProvider<InheritedArguments> inherited, AwsRegionProvider region, AwsCredentialsProvider credentials,
			ObjectProvider<AwsSyncClientCustomizer> customizers) {
		List<String> arguments = inherited.getIfAvailable(() -> new InheritedArguments(List.of())).arguments();
		return RegionLaunchers.of(region.getRegion().id(), schedules.regions(), (further) -> switch (launcher.type()) {
			case LOCAL -> RegionLaunchers.local(further, launcher.local().heap(), arguments,
					launcher.local().logDirectory(), RetroAgentApplication.class);
			case ECS -> {
				// The region's own ECS endpoint: an override of this region's would be
				// wrong.
				var builder = EcsClient.builder()
					.region(Region.of(further.name()))
					.credentialsProvider(credentials)
					.httpClientBuilder(ApacheHttpClient.builder());
				customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
				yield RegionLaunchers.ecs(further, builder.build());
			}
			case NONE -> (jobId) -> "nothing (launcher NONE): run it with retro-agent.jar run " + jobId + " in "
					+ further.name();
		});
	}

	@Bean
	WorkerLauncher workerLauncher(LauncherProperties launcher, ObjectProvider<InheritedArguments> inherited,
			AwsRegionProvider region, AwsCredentialsProvider credentials,
			ObjectProvider<AwsSyncClientCustomizer> customizers) {
		return switch (launcher.type()) {
			case LOCAL -> new LocalProcessWorkerLauncher(launcher.local(),
					inherited.getIfAvailable(() -> new InheritedArguments(List.of())).arguments(),
					RetroAgentApplication.class);
			case ECS -> {
				var builder = EcsClient.builder()
					.region(region.getRegion())
					.credentialsProvider(credentials)
					.httpClientBuilder(ApacheHttpClient.builder());
				customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
				yield new EcsWorkerLauncher(builder.build(), launcher.ecs());
			}
			case NONE -> (jobId, count) -> List.of();
		};
	}

	/**
	 * The arguments of this process that workers it starts get too (its settings).
	 *
	 * @param arguments the arguments
	 */
	record InheritedArguments(List<String> arguments) {
	}

}
