package dev.bucketwarden.local.support;

import java.net.URI;

/**
 * An AWS service emulator of the local stack: where to send requests, and the region and
 * credentials to sign them with. The emulators accept any credentials; these fixed fake
 * ones make it obvious that no real account is involved.
 */
public interface AwsEmulator extends AutoCloseable {

	String REGION = "us-east-1";

	String ACCESS_KEY_ID = "BucketWardenLocal";

	String SECRET_ACCESS_KEY = "BucketWardenLocalSecret";

	/** The endpoint override for the AWS SDK, such as {@code http://127.0.0.1:40123}. */
	URI endpoint();

	default String region() {
		return REGION;
	}

	default String accessKeyId() {
		return ACCESS_KEY_ID;
	}

	default String secretAccessKey() {
		return SECRET_ACCESS_KEY;
	}

	/** The PID of the emulator's process. */
	long pid();

	boolean isRunning();

	/** Stops the emulator. */
	@Override
	void close();

}
