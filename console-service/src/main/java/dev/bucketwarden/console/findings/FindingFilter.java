package dev.bucketwarden.console.findings;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

import dev.bucketwarden.store.results.ScanRecord;

/**
 * What the Findings page and API search for; every part is optional.
 *
 * @param result a result label (Clean, Infected, InfectedAllowed, Unscannable, Error,
 * Skipped)
 * @param bucket the bucket, exactly
 * @param signature part of a signature name, any case
 * @param key part of the object key
 * @param from the first day (UTC) of scans to include
 * @param to the last day (UTC) of scans to include
 */
public record FindingFilter(String result, String bucket, String signature, String key, LocalDate from, LocalDate to) {

	public static final FindingFilter ALL = new FindingFilter(null, null, null, null, null, null);

	boolean matches(ScanRecord record) {
		if (present(this.result) && !record.status().label().equalsIgnoreCase(this.result.strip())) {
			return false;
		}
		if (present(this.bucket) && !this.bucket.strip().equals(record.bucket())) {
			return false;
		}
		if (present(this.key) && (record.key() == null || !record.key().contains(this.key.strip()))) {
			return false;
		}
		if (present(this.signature)) {
			String wanted = this.signature.strip().toLowerCase(Locale.ROOT);
			if (record.signatures().stream().noneMatch((name) -> name.toLowerCase(Locale.ROOT).contains(wanted))) {
				return false;
			}
		}
		if (this.from != null && record.scannedAt().isBefore(this.from.atStartOfDay(ZoneOffset.UTC).toInstant())) {
			return false;
		}
		return this.to == null
				|| record.scannedAt().isBefore(this.to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
	}

	private static boolean present(String value) {
		return value != null && !value.isBlank();
	}

}
