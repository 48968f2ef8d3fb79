package dev.bucketwarden.console.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;

/**
 * What the dashboard shows, computed from the scan records read.
 *
 * @param days scans per day (UTC), oldest first
 * @param totals records by result
 * @param bytesScanned bytes of every scanned object
 * @param latestInfections the newest Infected or InfectedAllowed records
 * @param engines each engine's latest state
 * @param recordsRead how many records were read
 * @param truncated whether the read stopped at the configured maximum
 */
public record DashboardStats(List<Day> days, Map<ResultStatus, Long> totals, long bytesScanned,
		List<ScanRecord> latestInfections, List<EngineStatus> engines, int recordsRead, boolean truncated) {

	/** The records must be newest first. */
	static DashboardStats of(List<ScanRecord> records, int maxRecords, Instant now, int dayCount) {
		LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
		Map<LocalDate, Day> days = new TreeMap<>();
		for (int i = dayCount - 1; i >= 0; i--) {
			LocalDate date = today.minusDays(i);
			days.put(date, new Day(date, new EnumMap<>(ResultStatus.class), 0));
		}
		Map<ResultStatus, Long> totals = new EnumMap<>(ResultStatus.class);
		for (ResultStatus status : ResultStatus.values()) {
			totals.put(status, 0L);
		}
		long bytes = 0;
		List<ScanRecord> infections = new ArrayList<>();
		Map<String, EngineStatus> engines = new LinkedHashMap<>();
		for (ScanRecord record : records) {
			totals.merge(record.status(), 1L, Long::sum);
			boolean scanned = record.status() != ResultStatus.SKIPPED;
			if (scanned) {
				bytes += record.size();
			}
			Day day = days.get(LocalDate.ofInstant(record.scannedAt(), ZoneOffset.UTC));
			if (day != null) {
				day.counts().merge(record.status(), 1L, Long::sum);
				days.put(day.date(), new Day(day.date(), day.counts(), day.bytes() + (scanned ? record.size() : 0)));
			}
			if ((record.status() == ResultStatus.INFECTED || record.status() == ResultStatus.INFECTED_ALLOWED)
					&& infections.size() < 10) {
				infections.add(record);
			}
			for (ScanRecord.EngineRecord engine : record.engines()) {
				engines.putIfAbsent(engine.engineId(), EngineStatus.of(engine, record.scannedAt(), now));
			}
		}
		return new DashboardStats(List.copyOf(days.values()), totals, bytes, infections, List.copyOf(engines.values()),
				records.size(), records.size() >= maxRecords);
	}

	public long total() {
		return this.totals.values().stream().mapToLong(Long::longValue).sum();
	}

	public long infected() {
		return this.totals.getOrDefault(ResultStatus.INFECTED, 0L);
	}

	/**
	 * One day's scans.
	 *
	 * @param date the day (UTC)
	 * @param counts records by result
	 * @param bytes bytes scanned
	 */
	public record Day(LocalDate date, Map<ResultStatus, Long> counts, long bytes) {

		public long total() {
			return this.counts.values().stream().mapToLong(Long::longValue).sum();
		}

		public long count(ResultStatus status) {
			return this.counts.getOrDefault(status, 0L);
		}

		public long infected() {
			return count(ResultStatus.INFECTED);
		}

	}

	/**
	 * An engine as its latest scan saw it.
	 *
	 * @param engineId the engine
	 * @param product product and version
	 * @param signatureVersion its signature version
	 * @param signatureAge how old its signatures were at that scan, if known
	 * @param lastResult its own result in that scan
	 * @param lastSeen when
	 */
	public record EngineStatus(String engineId, String product, String signatureVersion, Duration signatureAge,
			String lastResult, Instant lastSeen) {

		static EngineStatus of(ScanRecord.EngineRecord engine, Instant seen, Instant now) {
			Duration age = (engine.signatureDate() != null) ? Duration.between(engine.signatureDate(), now) : null;
			return new EngineStatus(engine.engineId(), engine.product(), engine.signatureVersion(), age,
					engine.result(), seen);
		}

		/** Healthy when its latest scan did not end in an error. */
		public boolean healthy() {
			return !"Error".equals(this.lastResult);
		}

		/** The signature age in whole hours, or -1 when unknown. */
		public long signatureAgeHours() {
			return (this.signatureAge != null) ? this.signatureAge.toHours() : -1;
		}

	}

}
