package dev.bucketwarden.console.economics;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

import dev.bucketwarden.console.findings.FindingsService;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.usage.DynamoDbUsageTable;
import dev.bucketwarden.store.usage.UsageRollup;

/**
 * A period's economics from what the agents recorded: the scan records the console reads
 * (bounded by {@code bucketwarden.console.max-records}, as the dashboard) and the usage
 * roll-ups of the period's days, at the current prices.
 */
@Service
public class EconomicsService {

	/** The period shown when none is asked for. */
	public static final int DEFAULT_DAYS = 14;

	private final FindingsService findings;

	private final DynamoDbUsageTable usage;

	private final PriceBook prices;

	private final Clock clock;

	EconomicsService(FindingsService findings, DynamoDbUsageTable usage, PriceBook prices, Clock clock) {
		this.findings = findings;
		this.usage = usage;
		this.prices = prices;
		this.clock = clock;
	}

	/**
	 * @param from the first day, or {@code null} for {@value #DEFAULT_DAYS} days up to
	 * {@code to}
	 * @param to the last day, or {@code null} for today (UTC)
	 * @param bucket one bucket, or {@code null} (or blank) for all
	 * @throws IllegalArgumentException for a period out of bounds
	 */
	public EconomicsReport report(@Nullable LocalDate from, @Nullable LocalDate to, @Nullable String bucket) {
		return report(this.findings.all(), from, to, bucket);
	}

	/** The same, from records already read. */
	public EconomicsReport report(List<ScanRecord> records, @Nullable LocalDate from, @Nullable LocalDate to,
			@Nullable String bucket) {
		Period period = Period.of(from, to, this.clock.instant(), DEFAULT_DAYS);
		List<UsageRollup> rollups = this.usage.read(period.start(), period.end());
		return EconomicsReport.of(records, rollups, this.prices.current(), period,
				(bucket == null || bucket.isBlank()) ? null : bucket.strip());
	}

}
