package dev.bucketwarden.eventagent;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.s3.S3Client;

import org.springframework.test.context.DynamicPropertyRegistry;

import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.aws.S3Buckets;
import dev.bucketwarden.local.clamd.ClamdOptions;
import dev.bucketwarden.local.clamd.ClamdServer;
import dev.bucketwarden.local.support.AwsEmulator;

/**
 * The lane the hostile-input corpus runs in: its own scan queue and relay, its own
 * buckets (one per remediation, tag schema and size limit the corpus needs) and a clamd
 * of its own with small limits (1 MiB stream, 1 MiB per archive member and per scan, in
 * the proportions of docker/clamav/clamd.conf: MaxFileSize not below MaxScanSize), so
 * that limits are reached with small objects and the whole corpus stays fast. Started
 * once per test JVM, beside the {@link TestStack} it shares S3Mock, ElasticMQ and
 * DynamoDB Local with.
 */
final class HostileStack {

	/** The lane's bucket: quarantines what is infected. */
	static final String QUARANTINING = "hostile";

	static final String KEEPING = "hostile-keep";

	static final String VERSIONED = "hostile-versions";

	static final String GUARDDUTY = "hostile-guardduty";

	/**
	 * A bucket whose max size is {@link #BUCKET_MAX_SIZE}, far below the stream limit.
	 */
	static final String SMALL = "hostile-small";

	/** clamd's StreamMaxLength and the agent's ClamAV stream limit: the same 1 MiB. */
	static final int STREAM_LIMIT = 1 << 20;

	static final int BUCKET_MAX_SIZE = 256 << 10;

	/** The account the local relay's SNS topic is in, the only one the lane trusts. */
	static final String ACCOUNT = "000000000000";

	private static HostileStack instance;

	final TestStack stack;

	final TestStack.Lane lane;

	final ClamdServer clamd;

	/** Writes to S3Mock without raising events, for cases that send their own. */
	final S3Client direct;

	private HostileStack() {
		this.stack = TestStack.get();
		Path work = Path.of("target", "hostile-" + ProcessHandle.current().pid());
		ClamdOptions defaults = ClamdOptions.in(work.resolve("clamd"));
		this.clamd = ClamdServer.start(new ClamdOptions(defaults.workDir(), 4, "1M", "1M", "1M", defaults.maxScanTime(),
				false, 0, defaults.startTimeout(), defaults.signatures()));
		this.lane = this.stack.lane(QUARANTINING);
		this.direct = AwsClients.s3(this.stack.s3mock);
		for (String bucket : List.of(KEEPING, GUARDDUTY, SMALL)) {
			this.direct.createBucket((request) -> request.bucket(bucket));
		}
		S3Buckets.createVersioned(this.direct, VERSIONED);
		for (String bucket : List.of(KEEPING, VERSIONED, GUARDDUTY, SMALL)) {
			this.lane.relay().protect(bucket);
		}
	}

	static synchronized HostileStack get() {
		if (instance == null) {
			instance = new HostileStack();
		}
		return instance;
	}

	void register(DynamicPropertyRegistry registry) {
		Map<String, String> properties = new LinkedHashMap<>(this.stack.properties());
		properties.put("bucketwarden.event-agent.queue", this.lane.queue());
		properties.put("bucketwarden.engines.clamav.host", this.clamd.host());
		properties.put("bucketwarden.engines.clamav.port", Integer.toString(this.clamd.port()));
		properties.put("bucketwarden.engines.clamav.stream-max-length", STREAM_LIMIT + "B");
		properties.put("bucketwarden.trust.allowed-regions", AwsEmulator.REGION);
		properties.put("bucketwarden.trust.allowed-accounts", ACCOUNT);
		properties.put("bucketwarden.buckets.overrides." + KEEPING + ".remediation", "KEEP");
		properties.put("bucketwarden.buckets.overrides." + GUARDDUTY + ".remediation", "KEEP");
		properties.put("bucketwarden.buckets.overrides." + GUARDDUTY + ".tag-schema", "GUARDDUTY");
		properties.put("bucketwarden.buckets.overrides." + SMALL + ".remediation", "KEEP");
		properties.put("bucketwarden.buckets.overrides." + SMALL + ".max-size", BUCKET_MAX_SIZE + "B");
		properties.forEach((key, value) -> registry.add(key, () -> value));
	}

}
