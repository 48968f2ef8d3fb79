package dev.bucketwarden.retro.worker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

import dev.bucketwarden.jobs.Counter;
import dev.bucketwarden.jobs.Job;
import dev.bucketwarden.jobs.JobRequest;
import dev.bucketwarden.jobs.JobState;
import dev.bucketwarden.local.samples.Samples;
import dev.bucketwarden.retro.RetroAgentApplication;
import dev.bucketwarden.retro.RetroContexts;
import dev.bucketwarden.retro.RetroTestStack;
import dev.bucketwarden.retro.crawl.Crawler;
import dev.bucketwarden.retro.crawl.SqsRetroQueue;
import dev.bucketwarden.retro.settings.RetroProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker started by the local launcher as a process of its own: it scans the job's
 * objects and exits by itself once the queue has stayed idle.
 */
class LocalProcessWorkerLauncherIntegrationTests {

	private final RetroTestStack stack = RetroTestStack.get();

	@Test
	void shouldStartAWorkerProcessThatScansTheJobAndExitsWhenIdle() throws Exception {
		RetroTestStack.Lane lane = this.stack.lane("process");
		String bucket = "process-" + System.nanoTime();
		this.stack.s3.createBucket((r) -> r.bucket(bucket));
		this.stack.s3.putObject((r) -> r.bucket(bucket).key("a.txt"), RequestBody.fromString("hello"));
		this.stack.s3.putObject((r) -> r.bucket(bucket).key("b/eicar.com"), RequestBody.fromBytes(Samples.eicar()));
		Job job = lane.jobs().create(JobRequest.buckets(List.of(bucket), "test").toSpec(Clock.systemUTC()));
		new Crawler(lane.jobs(), this.stack.s3, new SqsRetroQueue(this.stack.sqs, lane.queueUrl()),
				new RetroProperties.Crawl(1, 1, 1000, 1, java.time.Duration.ofSeconds(1), 100,
						java.time.Duration.ofSeconds(30)))
			.crawl(job.id());
		Map<String, String> settings = new LinkedHashMap<>(this.stack.properties(lane));
		settings.putAll(RetroContexts.testSettings());
		List<String> inherited = new ArrayList<>();
		settings.forEach((key, value) -> inherited.add("--" + key + "=" + value));
		Path logs = Files.createDirectories(Path.of("target", "worker-logs"));
		LocalProcessWorkerLauncher launcher = new LocalProcessWorkerLauncher(
				new LauncherProperties.Local("192m", List.of(), logs.toString()), inherited,
				RetroAgentApplication.class);

		List<String> pids = launcher.launch(job.id(), 1);

		ProcessHandle worker = ProcessHandle.of(Long.parseLong(pids.getFirst())).orElseThrow();
		worker.onExit().get(120, TimeUnit.SECONDS);
		Job done = lane.jobs().find(job.id()).orElseThrow();
		assertThat(done.state()).as(Files.readString(logs.resolve("worker-" + job.id() + "-0.log")))
			.isEqualTo(JobState.DONE);
		assertThat(done.counters().get(Counter.SCANNED)).isEqualTo(2);
		assertThat(done.counters().get(Counter.INFECTED)).isEqualTo(1);
		assertThat(Files.readString(logs.resolve("worker-" + job.id() + "-0.log"))).contains("exits (IDLE)");
	}

}
