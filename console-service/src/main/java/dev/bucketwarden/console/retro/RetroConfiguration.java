package dev.bucketwarden.console.retro;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ecs.EcsClient;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.bucketwarden.console.audit.AuditLog;
import dev.bucketwarden.console.buckets.BucketCatalog;
import dev.bucketwarden.console.regions.RegionsProperties;
import dev.bucketwarden.jobs.JobStore;
import dev.bucketwarden.jobs.schedule.ScheduleClaims;
import dev.bucketwarden.jobs.schedule.ScheduleStore;
import dev.bucketwarden.store.settings.DynamoDbSettingsTable;

/**
 * The jobs table, the launcher the configuration asks for, and the schedules of the
 * settings table.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsoleRetroProperties.class)
class RetroConfiguration {

	@Bean
	RetroJobs retroJobs(DynamoDbClient dynamo, ConsoleRetroProperties properties, JobLauncher launcher,
			BucketCatalog buckets, AuditLog audit, RegionsProperties regions, Clock clock) {
		JobStore store = new JobStore(dynamo, properties.jobsTable(), clock);
		return new RetroJobs(store, launchers(properties, launcher, buckets.regions().home(), regions.regions()),
				buckets, audit, clock, properties.stalledAfter());
	}

	/**
	 * The console region's launcher as configured, and each further region's of the same
	 * type with the region's settings.
	 */
	static JobLaunchers launchers(ConsoleRetroProperties properties, JobLauncher own, String home,
			List<RegionsProperties.Region> regions) {
		Map<String, JobLauncher> further = new LinkedHashMap<>();
		for (RegionsProperties.Region region : regions) {
			further.put(region.name(), switch (properties.launcher()) {
				case LOCAL -> ((LocalJobLauncher) own).forRegion(region);
				case ECS -> new EcsJobLauncher(EcsClient.builder()
					.httpClientBuilder(ApacheHttpClient.builder())
					.region(Region.of(region.name()))
					.build(), region.retroEcs());
				case NONE -> JobLauncher.NONE;
			});
		}
		return new JobLaunchers(home, own, further);
	}

	@Bean
	Schedules schedules(DynamoDbClient dynamo, DynamoDbSettingsTable settings, ConsoleRetroProperties properties,
			RetroJobs jobs, AuditLog audit, Clock clock) {
		return new Schedules(new ScheduleStore(settings), new ScheduleClaims(dynamo, properties.jobsTable()),
				jobs::list, jobs::protectedBuckets, jobs::scheduleRegion, audit, clock);
	}

	/**
	 * How the retro agent is run for a job the console created: a retro job, and an EBS
	 * job (the agent takes its snapshot and starts the scan task).
	 */
	@Bean
	JobLauncher retroJobLauncher(ConsoleRetroProperties properties) {
		return switch (properties.launcher()) {
			case LOCAL -> new LocalJobLauncher(properties.local());
			// The region and credentials are the task's, as for every other client.
			case ECS -> new EcsJobLauncher(EcsClient.builder().httpClientBuilder(ApacheHttpClient.builder()).build(),
					properties.ecs());
			case NONE -> JobLauncher.NONE;
		};
	}

}
