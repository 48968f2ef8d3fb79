package dev.bucketwarden.local.s3mock;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to run one S3Mock.
 *
 * @param workDir where its objects (below {@code root}) and its log go
 * @param buckets buckets to create at start
 * @param versionedBuckets buckets to create at start with versioning enabled
 * @param heap the child JVM's maximum heap
 * @param startTimeout how long to wait until it answers and has its buckets
 */
public record S3MockOptions(Path workDir, List<String> buckets, List<String> versionedBuckets, String heap,
		Duration startTimeout) {

	public S3MockOptions {
		Objects.requireNonNull(workDir, "workDir");
		buckets = List.copyOf(buckets);
		versionedBuckets = List.copyOf(versionedBuckets);
	}

	/** Defaults for tests and the local stack, in the given work directory. */
	public static S3MockOptions in(Path workDir) {
		return new S3MockOptions(workDir, List.of(), List.of(), "256m", Duration.ofSeconds(90));
	}

	public S3MockOptions withBuckets(String... buckets) {
		return new S3MockOptions(this.workDir, List.of(buckets), this.versionedBuckets, this.heap, this.startTimeout);
	}

	public S3MockOptions withVersionedBuckets(String... buckets) {
		return new S3MockOptions(this.workDir, this.buckets, List.of(buckets), this.heap, this.startTimeout);
	}

	public S3MockOptions withHeap(String heap) {
		return new S3MockOptions(this.workDir, this.buckets, this.versionedBuckets, heap, this.startTimeout);
	}

}
