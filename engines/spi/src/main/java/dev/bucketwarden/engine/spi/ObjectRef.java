package dev.bucketwarden.engine.spi;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/** What is being scanned, for logs, results and engines that care about names. */
public sealed interface ObjectRef permits ObjectRef.S3Object, ObjectRef.LocalFile, ObjectRef.Upload {

	/** A name for logs: never the content. */
	String describe();

	/** An S3 object, pinned to a version when the bucket is versioned. */
	record S3Object(String bucket, String key, @Nullable String versionId) implements ObjectRef {

		public S3Object {
			Objects.requireNonNull(bucket, "bucket");
			Objects.requireNonNull(key, "key");
		}

		@Override
		public String describe() {
			return "s3://" + this.bucket + "/" + this.key
					+ ((this.versionId != null) ? "?versionId=" + this.versionId : "");
		}

	}

	/** A file on a local or mounted file system (EFS, FSx, EBS). */
	record LocalFile(String path) implements ObjectRef {

		public LocalFile {
			Objects.requireNonNull(path, "path");
		}

		@Override
		public String describe() {
			return this.path;
		}

	}

	/** Content sent directly to the API, named by the caller. */
	record Upload(String name) implements ObjectRef {

		public Upload {
			Objects.requireNonNull(name, "name");
		}

		@Override
		public String describe() {
			return "upload:" + this.name;
		}

	}

}
