package dev.bucketwarden.jobs;

import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import dev.bucketwarden.store.drift.DriftKind;
import dev.bucketwarden.store.drift.TagDrift;

/** The DynamoDB items of jobs, partitions and files, and back. */
final class JobItems {

	static final String PARTITION = "PART#";

	static final String OBJECT = "OBJ#";

	static final String FILE = "FILE#";

	static final String DRIFT = "DRIFT#";

	/** The job item's attribute naming an EBS job's snapshot. */
	static final String EBS_SNAPSHOT = "ebsSnapshotId";

	private JobItems() {
	}

	static Map<String, AttributeValue> key(String jobId, String sortKey) {
		return Map.of("pk", Expressions.s(jobId), "sk", Expressions.s(sortKey));
	}

	static String partitionSortKey(int index) {
		return PARTITION + String.format("%06d", index);
	}

	static Map<String, AttributeValue> spec(JobSpec spec) {
		Map<String, AttributeValue> item = new HashMap<>();
		if (!spec.buckets().isEmpty()) {
			item.put("buckets", AttributeValue.fromL(spec.buckets().stream().map(Expressions::s).toList()));
		}
		item.put("prefix", Expressions.s(spec.prefix()));
		item.put("modifiedFrom", Expressions.s(spec.modifiedFrom().toString()));
		item.put("modifiedBefore", Expressions.s(spec.modifiedBefore().toString()));
		item.put("allVersions", AttributeValue.fromBool(spec.allVersions()));
		put(item, "directory", spec.directory());
		put(item, "quarantineDirectory", spec.quarantineDirectory());
		item.put("rescan", Expressions.s(spec.rescan().mode().name()));
		if (spec.rescan().signaturesBefore() != null) {
			item.put("signaturesBefore", Expressions.s(spec.rescan().signaturesBefore().toString()));
		}
		item.put("origin", Expressions.s(spec.origin()));
		item.put("kind", Expressions.s(spec.kind().name()));
		EbsSource ebs = spec.ebs();
		if (ebs != null) {
			put(item, EBS_SNAPSHOT, ebs.snapshotId());
			put(item, "ebsVolumeId", ebs.volumeId());
			put(item, "ebsRegion", ebs.region());
			put(item, "ebsAccount", ebs.account());
		}
		return item;
	}

	static Job job(Map<String, AttributeValue> item) {
		List<String> buckets = item.containsKey("buckets")
				? item.get("buckets").l().stream().map(AttributeValue::s).toList() : List.of();
		String before = str(item, "signaturesBefore");
		Rescan rescan = new Rescan(Rescan.Mode.valueOf(str(item, "rescan")),
				(before != null) ? Instant.parse(before) : null);
		JobSpec spec = new JobSpec(buckets, str(item, "prefix"), Instant.parse(str(item, "modifiedFrom")),
				Instant.parse(str(item, "modifiedBefore")), item.get("allVersions").bool(), str(item, "directory"),
				str(item, "quarantineDirectory"), rescan, str(item, "origin"),
				// Jobs stored before kinds existed were all scans.
				(str(item, "kind") != null) ? JobKind.valueOf(str(item, "kind")) : JobKind.SCAN, ebs(item));
		Map<Counter, Long> counters = new EnumMap<>(Counter.class);
		for (Counter counter : Counter.values()) {
			AttributeValue value = item.get(counter.attribute());
			counters.put(counter, (value != null) ? Long.parseLong(value.n()) : 0L);
		}
		return new Job(str(item, "pk"), spec, JobState.valueOf(str(item, "state")), new JobCounters(counters),
				Instant.parse(str(item, "createdAt")), Instant.parse(str(item, "updatedAt")), str(item, "reason"),
				instant(item, "crawlerSeenAt"), instant(item, "progressAt"));
	}

	/** An EBS job's snapshot, or {@code null} for a job of another kind. */
	private static EbsSource ebs(Map<String, AttributeValue> item) {
		String snapshot = str(item, EBS_SNAPSHOT);
		String volume = str(item, "ebsVolumeId");
		if (snapshot == null && volume == null) {
			return null;
		}
		return new EbsSource(snapshot, volume, str(item, "ebsRegion"), str(item, "ebsAccount"));
	}

	private static Instant instant(Map<String, AttributeValue> item, String name) {
		String value = str(item, name);
		return (value != null) ? Instant.parse(value) : null;
	}

	static Map<String, AttributeValue> partitionItem(String jobId, Partition partition) {
		Map<String, AttributeValue> item = new HashMap<>(key(jobId, partitionSortKey(partition.index())));
		item.put("index", Expressions.n(partition.index()));
		item.put("bucket", Expressions.s(partition.bucket()));
		item.put("prefix", Expressions.s(partition.prefix()));
		put(item, "startAt", partition.startAt());
		put(item, "endBefore", partition.endBefore());
		Partition.Checkpoint checkpoint = partition.checkpoint();
		put(item, "continuationToken", checkpoint.continuationToken());
		put(item, "keyMarker", checkpoint.keyMarker());
		put(item, "versionIdMarker", checkpoint.versionIdMarker());
		item.put("pages", Expressions.n(checkpoint.pages()));
		item.put("done", AttributeValue.fromBool(checkpoint.done()));
		return item;
	}

	static Partition partition(Map<String, AttributeValue> item) {
		return new Partition(Integer.parseInt(item.get("index").n()), str(item, "bucket"), str(item, "prefix"),
				str(item, "startAt"), str(item, "endBefore"),
				new Partition.Checkpoint(str(item, "continuationToken"), str(item, "keyMarker"),
						str(item, "versionIdMarker"), Long.parseLong(item.get("pages").n()), item.get("done").bool()));
	}

	static Map<String, AttributeValue> file(FileResult file) {
		Map<String, AttributeValue> item = new HashMap<>();
		item.put("path", Expressions.s(file.path()));
		item.put("result", Expressions.s(file.result()));
		put(item, "reason", file.reason());
		item.put("signatures", AttributeValue.fromL(file.signatures().stream().map(Expressions::s).toList()));
		item.put("size", Expressions.n(file.size()));
		put(item, "quarantinedTo", file.quarantinedTo());
		return item;
	}

	static FileResult file(Map<String, AttributeValue> item) {
		return new FileResult(str(item, "path"), str(item, "result"), str(item, "reason"),
				item.get("signatures").l().stream().map(AttributeValue::s).toList(),
				Long.parseLong(item.get("size").n()), str(item, "quarantinedTo"));
	}

	static Map<String, AttributeValue> drift(TagDrift drift) {
		Map<String, AttributeValue> item = new HashMap<>();
		item.put("id", Expressions.s(drift.id()));
		item.put("bucket", Expressions.s(drift.bucket()));
		item.put("key", Expressions.s(drift.key()));
		put(item, "versionId", drift.versionId());
		put(item, "eTag", drift.eTag());
		put(item, "tagFound", drift.tagFound());
		put(item, "recordedResult", drift.recordedResult());
		item.put("driftKind", Expressions.s(drift.kind().name()));
		item.put("detectedAt", Expressions.s(drift.detectedAt().toString()));
		return item;
	}

	static TagDrift drift(String jobId, Map<String, AttributeValue> item) {
		return new TagDrift(str(item, "id"), jobId, str(item, "bucket"), str(item, "key"), str(item, "versionId"),
				str(item, "eTag"), str(item, "tagFound"), str(item, "recordedResult"),
				DriftKind.valueOf(str(item, "driftKind")), Instant.parse(str(item, "detectedAt")));
	}

	private static void put(Map<String, AttributeValue> item, String name, String value) {
		if (value != null) {
			item.put(name, Expressions.s(value));
		}
	}

	private static String str(Map<String, AttributeValue> item, String name) {
		AttributeValue value = item.get(name);
		return (value != null) ? value.s() : null;
	}

}
