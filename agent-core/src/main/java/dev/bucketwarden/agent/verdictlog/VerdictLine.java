package dev.bucketwarden.agent.verdictlog;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The fields of one verdict's line. Durations are whole milliseconds, so that queries
 * compute with numbers.
 *
 * @param bucket the bucket
 * @param key the key, as S3 has it (any character)
 * @param version the version id, if any
 * @param result the result ({@code Clean}, {@code Infected} ...)
 * @param signatures what was found
 * @param engines each engine's part
 * @param durationMs how long the engines took
 * @param bytes bytes scanned
 * @param source how the request came in ({@code event}, {@code api}, {@code retro})
 * @param timeToVerdictMs from the event (the API request's arrival) to the result tag;
 * absent when nothing says when the object came (a retro scan)
 * @param requestId the API request's id, for an API scan
 * @param messageId the queue message's id, for an event or retro scan
 * @param errorKind why an Error is one
 * @param reason why it was skipped, unscannable or failed
 * @param recordId the scan record's id (the console's findings show it)
 * @param coverage how the bytes were scanned, for an object scanned in parts; absent for
 * a whole scan
 */
record VerdictLine(String bucket, String key, @Nullable String version, String result, List<String> signatures,
		List<Engine> engines, long durationMs, long bytes, String source, @Nullable Long timeToVerdictMs,
		@Nullable String requestId, @Nullable String messageId, @Nullable String errorKind, @Nullable String reason,
		String recordId, @Nullable Coverage coverage) {

	/**
	 * One engine's part.
	 *
	 * @param engine the engine's id
	 * @param result its result
	 * @param durationMs how long it took
	 * @param errorKind why it failed, for an engine that did
	 */
	record Engine(String engine, String result, long durationMs, @Nullable String errorKind) {
	}

	/**
	 * How an object scanned in parts was cut, so that a query tells a windowed Clean from
	 * a whole one.
	 *
	 * @param kind {@code MEMBERS} or {@code WINDOWS}
	 * @param window the part size in bytes
	 * @param overlap the bytes neighbouring windows share
	 * @param parts how many parts
	 * @param blindSpots what this way cannot see
	 */
	record Coverage(String kind, long window, long overlap, int parts, List<String> blindSpots) {
	}

}
