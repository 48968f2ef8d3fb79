package dev.bucketwarden.console.retro;

import java.time.Clock;

import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ecs.EcsClient;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.bucketwarden.console.audit.AuditLog;
import dev.bucketwarden.console.buckets.BucketCatalog;
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
			BucketCatalog buckets, AuditLog audit, Clock clock) {
		JobStore store = new JobStore(dynamo, properties.jobsTable(), clock);
		return new RetroJobs(store, launcher, buckets, audit, clock, properties.stalledAfter());
	}

	@Bean
	Schedules schedules(DynamoDbClient dynamo, DynamoDbSettingsTable settings, ConsoleRetroProperties properties,
			RetroJobs jobs, AuditLog audit, Clock clock) {
		return new Schedules(new ScheduleStore(settings), new ScheduleClaims(dynamo, properties.jobsTable()),
				jobs::list, jobs::protectedBuckets, audit, clock);
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
