package dev.bucketwarden.retro.worker;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.sqs.model.Message;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;

import dev.bucketwarden.jobs.Counter;
import dev.bucketwarden.jobs.Job;
import dev.bucketwarden.jobs.JobKind;
import dev.bucketwarden.jobs.JobRequest;
import dev.bucketwarden.jobs.JobState;
import dev.bucketwarden.local.samples.Samples;
import dev.bucketwarden.retro.RetroContexts;
import dev.bucketwarden.retro.RetroTestStack;
import dev.bucketwarden.retro.crawl.Crawler;
import dev.bucketwarden.store.drift.DriftKind;
import dev.bucketwarden.store.drift.TagDrift;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A drift check end to end on the real servers (clamd, S3Mock, DynamoDB Local,
 * ElasticMQ): an EICAR object scanned with KEEP is recorded and tagged Infected; someone
 * re-tags it Clean with a plain S3 client; the drift check finds the forged Clean, counts
 * it, keeps it with the job and publishes it to the findings queue, while a correctly
 * tagged clean object is consistent. The forged tag is left as found.
 */
class DriftCheckIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final RetroTestStack stack = RetroTestStack.get();

	private static RetroTestStack.Lane lane;

	private static String findings;

	private static ConfigurableApplicationContext context;

	@BeforeAll
	static void start() {
		lane = stack.lane("drift");
		findings = stack.sqs.createQueue((request) -> request.queueName("findings-" + System.nanoTime())).queueUrl();
		context = RetroContexts.start(lane, Map.of("bucketwarden.buckets.defaults.remediation", "KEEP",
				"bucketwarden.findings.queue-url", findings));
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@Test
	void shouldDetectAndPublishAForgedCleanTagOnAnInfectedObject() {
		String bucket = "drift-" + System.nanoTime();
		stack.s3.createBucket((r) -> r.bucket(bucket));
		stack.s3.putObject((r) -> r.bucket(bucket).key("eicar.com").tagging("owner=finance"),
				RequestBody.fromBytes(Samples.eicar()));
		stack.s3.putObject((r) -> r.bucket(bucket).key("report.txt"), RequestBody.fromString("quarterly report"));
		Job scan = run(JobRequest.buckets(List.of(bucket), "test"));
		assertThat(scan.counters().get(Counter.INFECTED)).isEqualTo(1);
		assertThat(scan.counters().get(Counter.CLEAN)).isEqualTo(1);
		assertThat(tags(bucket, "eicar.com")).containsEntry("scan-result", "Infected");
		receiveAll();

		Map<String, String> forged = new LinkedHashMap<>(tags(bucket, "eicar.com"));
		forged.put("scan-result", "Clean");
		forged.remove("virus-name");
		stack.s3.putObjectTagging((r) -> r.bucket(bucket)
			.key("eicar.com")
			.tagging((t) -> t.tagSet(forged.entrySet()
				.stream()
				.map((e) -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
				.toList())));

		Job check = run(JobRequest.buckets(List.of(bucket), "test").withKind(JobKind.DRIFT_CHECK));

		assertThat(check.counters().get(Counter.SCANNED)).isEqualTo(2);
		assertThat(check.counters().get(Counter.DRIFT)).isEqualTo(1);
		assertThat(check.counters().get(Counter.CONSISTENT)).as("the clean object's tag is its record's").isEqualTo(1);
		assertThat(check.counters().get(Counter.CLEAN) + check.counters().get(Counter.INFECTED)).as("nothing scanned")
			.isZero();
		assertThat(check.counters().resultsAddUp()).isTrue();
		TagDrift drift = lane.jobs().ledger().drifts(check.id()).getFirst();
		assertThat(lane.jobs().ledger().drifts(check.id())).hasSize(1);
		assertThat(drift.key()).isEqualTo("eicar.com");
		assertThat(drift.kind()).isEqualTo(DriftKind.FORGED_RESULT);
		assertThat(drift.tagFound()).isEqualTo("scan-result=Clean");
		assertThat(drift.recordedResult()).isEqualTo("Infected");

		List<Message> published = receiveAll();
		assertThat(published).singleElement().satisfies((message) -> {
			assertThat(message.messageAttributes().get("notificationType").stringValue()).isEqualTo("TagDrift");
			assertThat(message.messageAttributes().get("driftKind").stringValue()).isEqualTo("FORGED_RESULT");
			JsonNode body = JSON.readTree(message.body());
			assertThat(body.get("notificationType").asString()).isEqualTo("TagDrift");
			assertThat(body.get("id").asString()).isEqualTo(drift.id());
			assertThat(body.get("jobId").asString()).isEqualTo(check.id());
			assertThat(body.get("bucket").asString()).isEqualTo(bucket);
			assertThat(body.get("key").asString()).isEqualTo("eicar.com");
			assertThat(body.get("eTag").asString()).isEqualTo(drift.eTag()).isNotBlank();
			assertThat(body.get("tagFound").asString()).isEqualTo("scan-result=Clean");
			assertThat(body.get("recordedResult").asString()).isEqualTo("Infected");
			assertThat(body.get("driftKind").asString()).isEqualTo("FORGED_RESULT");
			assertThat(body.get("detectedAt").asString()).isNotBlank();
		});
		assertThat(tags(bucket, "eicar.com")).as("a drift check only reports").isEqualTo(forged);
	}

	private static Job run(JobRequest request) {
		Job job = lane.jobs().create(request.toSpec(Clock.systemUTC()));
		context.getBean(Crawler.class).crawl(job.id());
		context.getBean(RetroWorker.class).run(job.id());
		Job done = lane.jobs().find(job.id()).orElseThrow();
		assertThat(done.state()).isEqualTo(JobState.DONE);
		return done;
	}

	private static Map<String, String> tags(String bucket, String key) {
		Map<String, String> tags = new LinkedHashMap<>();
		stack.s3.getObjectTagging((r) -> r.bucket(bucket).key(key))
			.tagSet()
			.forEach((tag) -> tags.put(tag.key(), tag.value()));
		return tags;
	}

	/** Receives and deletes every finding until the queue answers empty twice. */
	private static List<Message> receiveAll() {
		List<Message> messages = new ArrayList<>();
		int empty = 0;
		for (int round = 0; round < 100 && empty < 2; round++) {
			List<Message> received = stack.sqs.receiveMessage(
					(r) -> r.queueUrl(findings).maxNumberOfMessages(10).waitTimeSeconds(1).messageAttributeNames("All"))
				.messages();
			empty = received.isEmpty() ? empty + 1 : 0;
			for (Message message : received) {
				messages.add(message);
				stack.sqs.deleteMessage((r) -> r.queueUrl(findings).receiptHandle(message.receiptHandle()));
			}
		}
		return messages;
	}

}
