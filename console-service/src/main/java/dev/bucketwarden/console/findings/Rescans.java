package dev.bucketwarden.console.findings;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

import dev.bucketwarden.console.audit.AuditLog;
import dev.bucketwarden.console.config.ConsoleProperties;
import dev.bucketwarden.store.results.ScanRecord;

/**
 * Starts a scan of an object again: an S3 event notification for it on the scan queue,
 * which the event agents take like any other. Audited as {@code scan.trigger}.
 */
@Service
public class Rescans {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final SqsAsyncClient sqs;

	private final String queueUrl;

	private final AuditLog audit;

	public Rescans(SqsAsyncClient sqs, ConsoleProperties properties, AuditLog audit) {
		this.sqs = sqs;
		this.queueUrl = properties.scanQueueUrl();
		this.audit = audit;
	}

	public boolean available() {
		return this.queueUrl != null && !this.queueUrl.isBlank();
	}

	public void rescan(Authentication user, ScanRecord record) {
		if (!available()) {
			throw new IllegalStateException("No scan queue is configured (bucketwarden.console.scan-queue-url)");
		}
		String region = this.sqs.serviceClientConfiguration().region().id();
		this.sqs.sendMessage((request) -> request.queueUrl(this.queueUrl).messageBody(event(record, region))).join();
		this.audit.record(user, "scan.trigger", "s3://" + record.bucket() + "/" + record.key(),
				Map.of("versionId", String.valueOf(record.versionId()), "finding", record.id()));
	}

	/**
	 * The event S3 would raise for the record's object, in the console's region (agents
	 * check an event's region against the ones they serve).
	 */
	static String event(ScanRecord record, String region) {
		Map<String, Object> object = new LinkedHashMap<>();
		// As S3 writes keys into events: form-encoded (spaces as +), slashes left as they
		// are.
		object.put("key", URLEncoder.encode(record.key(), StandardCharsets.UTF_8).replace("%2F", "/"));
		object.put("size", record.size());
		if (record.versionId() != null) {
			object.put("versionId", record.versionId());
		}
		Map<String, Object> s3 = Map.of("s3SchemaVersion", "1.0", "configurationId", "bucketwarden-console-rescan",
				"bucket", Map.of("name", record.bucket(), "arn", "arn:aws:s3:::" + record.bucket()), "object", object);
		Map<String, Object> eventRecord = new LinkedHashMap<>();
		eventRecord.put("eventVersion", "2.1");
		eventRecord.put("eventSource", "aws:s3");
		eventRecord.put("awsRegion", region);
		eventRecord.put("eventTime", java.time.Instant.now().toString());
		eventRecord.put("eventName", "ObjectCreated:Put");
		eventRecord.put("s3", s3);
		return JSON.writeValueAsString(Map.of("Records", List.of(eventRecord)));
	}

}
