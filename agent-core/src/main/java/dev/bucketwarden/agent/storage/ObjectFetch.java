package dev.bucketwarden.agent.storage;

import java.io.IOException;
import java.io.InputStream;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import static dev.bucketwarden.agent.storage.S3Call.describe;
import static dev.bucketwarden.agent.storage.S3Call.quote;
import static dev.bucketwarden.agent.storage.S3Call.translate;
import static dev.bucketwarden.agent.storage.S3Call.unquote;

/**
 * One GET that both finds and opens what a request names: S3 answers 404 where a HEAD
 * would have said "gone" and 412 where its ETag would have differed, so the HEAD before
 * the GET is not needed. The response's headers describe exactly the bytes that stream.
 */
public final class ObjectFetch {

	private final BucketClients clients;

	private final boolean tagCountHeader;

	ObjectFetch(BucketClients clients, boolean tagCountHeader) {
		this.clients = clients;
		this.tagCountHeader = tagCountHeader;
	}

	Fetched fetch(String bucket, String key, @Nullable String versionId, @Nullable String eTag) {
		// A named version pins the content by itself (an event's ETag of it is then only
		// informative, as with HEAD before); otherwise the ETag pins it.
		String ifMatch = (versionId == null) ? quote(eTag) : null;
		S3Client s3 = this.clients.forBucket(bucket);
		ResponseInputStream<GetObjectResponse> content;
		try {
			content = s3.getObject((request) -> request.bucket(bucket).key(key).versionId(versionId).ifMatch(ifMatch));
		}
		catch (S3Exception ex) {
			if (ex.statusCode() == 404) {
				return new Fetched.Gone();
			}
			if (ex.statusCode() == 412) {
				return new Fetched.OtherContent();
			}
			throw translate("GET " + describe(bucket, key, versionId), ex);
		}
		catch (SdkException ex) {
			throw translate("GET " + describe(bucket, key, versionId), ex);
		}
		GetObjectResponse response = content.response();
		ObjectInfo object = new ObjectInfo(bucket, key, response.versionId(), unquote(response.eTag()),
				response.contentLength(), response.contentType(), tagCount(response.tagCount(), this.tagCountHeader));
		return new Fetched.Open(object, content);
	}

	/**
	 * How many tags an answer says the object has: AWS S3 sends
	 * {@code x-amz-tagging-count} only when there are some, so its absence means none
	 * where the endpoint is known to send it, and "not known" elsewhere.
	 */
	static @Nullable Integer tagCount(@Nullable Integer header, boolean tagCountHeader) {
		if (header != null) {
			return header;
		}
		return tagCountHeader ? 0 : null;
	}

	/** What the GET found. */
	public sealed interface Fetched {

		/**
		 * The object, streaming: read it, then close it; {@link #abort()} when not all of
		 * it is wanted (closing would read the rest).
		 */
		record Open(ObjectInfo object, ResponseInputStream<GetObjectResponse> content) implements Fetched {

			public InputStream stream() {
				return this.content;
			}

			/** Drops the connection instead of reading the rest of the body. */
			public void abort() {
				this.content.abort();
				try {
					this.content.close();
				}
				catch (IOException ex) {
					// Aborted: nothing left to release.
				}
			}

		}

		/** Nothing is stored under the key (or the version is deleted). */
		record Gone() implements Fetched {
		}

		/** The key holds other content than the ETag named (412). */
		record OtherContent() implements Fetched {
		}

	}

}
