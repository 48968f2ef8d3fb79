package dev.bucketwarden.console.retro;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

import dev.bucketwarden.jobs.JobKind;
import dev.bucketwarden.jobs.JobRequest;
import dev.bucketwarden.jobs.Rescan;

/**
 * A retro scan to start, from the page's form or the API.
 *
 * @param buckets protected buckets to crawl
 * @param prefix only keys under it, or empty
 * @param modifiedFrom LastModified from (inclusive): an ISO instant, a date-time in UTC
 * ({@code 2026-01-31T08:00}) or a date; empty for S3's launch
 * @param modifiedBefore LastModified before (exclusive), the same forms; empty for now
 * @param allVersions every version, not only the current ones (unset: no)
 * @param rescan {@code IF_UNSCANNED} (default), {@code ALWAYS} or
 * {@code SIGNATURES_BEFORE}
 * @param signaturesBefore for {@code SIGNATURES_BEFORE}: rescan what was scanned with
 * signatures published before this, the same forms
 * @param driftCheck compare each object's result tags with its record instead of scanning
 * (unset: no); the rescan rule does not apply
 */
public record StartRequest(List<String> buckets, String prefix, String modifiedFrom, String modifiedBefore,
		Boolean allVersions, String rescan, String signaturesBefore, Boolean driftCheck) {

	public StartRequest {
		buckets = (buckets != null) ? buckets.stream().filter((b) -> b != null && !b.isBlank()).toList() : List.of();
	}

	/** A scan. */
	public StartRequest(List<String> buckets, String prefix, String modifiedFrom, String modifiedBefore,
			Boolean allVersions, String rescan, String signaturesBefore) {
		this(buckets, prefix, modifiedFrom, modifiedBefore, allVersions, rescan, signaturesBefore, null);
	}

	/** A drift check of every current object of one bucket. */
	public static StartRequest driftCheck(String bucket) {
		return new StartRequest(List.of(bucket), null, null, null, false, null, null, true);
	}

	/** The job request, the user as its origin. */
	JobRequest toJobRequest(String user) {
		if (this.buckets.isEmpty()) {
			throw new IllegalArgumentException("Choose at least one bucket");
		}
		JobRequest request = JobRequest.buckets(this.buckets, "console:" + user)
			.withPrefix(blank(this.prefix) ? null : this.prefix)
			.withWindow(instant("from", this.modifiedFrom), instant("before", this.modifiedBefore))
			.withAllVersions(Boolean.TRUE.equals(this.allVersions));
		if (Boolean.TRUE.equals(this.driftCheck)) {
			return request.withKind(JobKind.DRIFT_CHECK);
		}
		return request.withRescan(rescanRule());
	}

	private Rescan rescanRule() {
		String mode = blank(this.rescan) ? "IF_UNSCANNED" : this.rescan.trim().toUpperCase(java.util.Locale.ROOT);
		return switch (mode) {
			case "IF_UNSCANNED" -> Rescan.IF_UNSCANNED;
			case "ALWAYS" -> Rescan.ALWAYS;
			case "SIGNATURES_BEFORE" -> {
				Instant date = instant("signatures before", this.signaturesBefore);
				if (date == null) {
					throw new IllegalArgumentException("SIGNATURES_BEFORE needs a signatures-before date");
				}
				yield Rescan.signaturesBefore(date);
			}
			default -> throw new IllegalArgumentException("Unknown rescan rule " + this.rescan);
		};
	}

	static Instant instant(String what, String value) {
		if (blank(value)) {
			return null;
		}
		String text = value.trim();
		try {
			if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) {
				return java.time.OffsetDateTime.parse(text).toInstant();
			}
			if (text.contains("T")) {
				return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
			}
			return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("Not a date or time for " + what + ": " + value);
		}
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
