package dev.bucketwarden.agent.config;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import dev.bucketwarden.agent.pipeline.LargeObjectJobs;

/**
 * Objects larger than the engine chain takes whole, scanned as jobs of parts
 * ({@code bucketwarden.large-objects}, docs/large-objects.md). Without a queue they are
 * Unscannable (too large), as before.
 *
 * @param window the part size; unset: the chain's content limit, at most 256 MB (never
 * more than the chain's limit either way)
 * @param overlap the bytes neighbouring windows share, under half a window: at least the
 * longest body signature the engines match (about 8 KiB for ClamAV)
 * @param queueUrl the large-object queue's URL; unset: no jobs
 * @param concurrency parts a consumer scans at once
 * @param maxAttempts deliveries before the queue's redrive policy dead-letters a part;
 * keep it equal to the queue's maxReceiveCount, so that the last attempt decides Error
 * @param visibilityTimeout how long a received part stays invisible; extended while it is
 * scanned, so a killed worker's part comes back within one timeout
 * @param takeoverAfter how long a decided job is left to the worker that decided it
 * before any other part's message finishes it
 */
@Validated
@ConfigurationProperties("bucketwarden.large-objects")
public record LargeObjectsProperties(@Nullable DataSize window, @DefaultValue("1MB") DataSize overlap,
		@Nullable String queueUrl, @Min(1) @DefaultValue("2") int concurrency,
		@Min(1) @DefaultValue("5") int maxAttempts, @DefaultValue("5m") Duration visibilityTimeout,
		@DefaultValue("15m") Duration takeoverAfter) {

	public LargeObjectsProperties {
		long windowBytes = (window != null) ? window.toBytes() : LargeObjectJobs.DEFAULT_WINDOW;
		if (windowBytes <= 0) {
			throw new IllegalArgumentException("bucketwarden.large-objects.window must be positive");
		}
		if (overlap.isNegative() || overlap.toBytes() * 2 >= windowBytes) {
			throw new IllegalArgumentException(
					"bucketwarden.large-objects.overlap must be under half the window (" + windowBytes + " bytes)");
		}
		if (visibilityTimeout.toSeconds() < 1) {
			throw new IllegalArgumentException(
					"bucketwarden.large-objects.visibility-timeout must be a second or more");
		}
	}

	/** Whether large objects are scanned as jobs: a queue is configured. */
	public boolean enabled() {
		return this.queueUrl != null && !this.queueUrl.isBlank();
	}

}
