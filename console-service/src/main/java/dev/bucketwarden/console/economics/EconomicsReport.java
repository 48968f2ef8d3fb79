package dev.bucketwarden.console.economics;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.usage.UsageRollup;

/**
 * A period's unit economics, from the scan records (objects, bytes, time to verdict) and
 * the agents' usage roll-ups (requests, running time) at the given prices.
 * <p>
 * Requests that name a bucket are that bucket's; the rest (queues, tables, topics) and
 * the compute are shared, and a bucket's row carries a part of them in proportion to the
 * objects it had scanned in the period. The totals are the sums of everything, whatever
 * the bucket rows show.
 *
 * @param period the days
 * @param bucket the bucket shown, or {@code null} for all
 * @param shown the figures of that bucket, or the totals
 * @param total every bucket together
 * @param buckets each bucket's figures, by name
 * @param days each day's figures, oldest first
 * @param vcpuHours the agents' vCPU-hours in the period
 * @param gbHours the agents' GB-hours of memory in the period
 * @param agentHours how many agent instance-hours were recorded
 * @param prices the prices used
 */
public record EconomicsReport(Period period, @Nullable String bucket, Figures shown, Figures total,
		List<BucketRow> buckets, List<Day> days, BigDecimal vcpuHours, BigDecimal gbHours, int agentHours,
		Prices prices) {

	/** Bytes in a GB as AWS bills them. */
	static final BigDecimal GB = BigDecimal.valueOf(1L << 30);

	private static final BigDecimal MILLIS_PER_HOUR = BigDecimal.valueOf(3_600_000L);

	private static final MathContext MATH = MathContext.DECIMAL64;

	/**
	 * @param records scan records (any period: those outside are left out)
	 * @param rollups usage roll-ups (any period: those outside are left out)
	 * @param bucket one bucket, or {@code null} for all
	 */
	public static EconomicsReport of(List<ScanRecord> records, List<UsageRollup> rollups, Prices prices, Period period,
			@Nullable String bucket) {
		Map<String, List<ScanRecord>> byBucket = new TreeMap<>();
		List<ScanRecord> all = new ArrayList<>();
		for (ScanRecord record : records) {
			if (record.status() != ResultStatus.SKIPPED && period.contains(record.scannedAt())) {
				byBucket.computeIfAbsent(record.bucket(), (b) -> new ArrayList<>()).add(record);
				all.add(record);
			}
		}
		Map<String, Map<RequestKind, Long>> direct = new TreeMap<>();
		Map<RequestKind, Long> shared = new EnumMap<>(RequestKind.class);
		BigDecimal vcpuHours = BigDecimal.ZERO;
		BigDecimal gbHours = BigDecimal.ZERO;
		int agentHours = 0;
		Map<LocalDate, Map<String, Map<RequestKind, Long>>> directByDay = new TreeMap<>();
		Map<LocalDate, Map<RequestKind, Long>> sharedByDay = new TreeMap<>();
		Map<LocalDate, BigDecimal> computeByDay = new TreeMap<>();
		for (UsageRollup rollup : rollups) {
			if (!period.contains(rollup.hour())) {
				continue;
			}
			agentHours++;
			LocalDate day = LocalDate.ofInstant(rollup.hour(), ZoneOffset.UTC);
			BigDecimal hours = BigDecimal.valueOf(rollup.running().toMillis()).divide(MILLIS_PER_HOUR, MATH);
			BigDecimal vcpu = hours.multiply(BigDecimal.valueOf(rollup.vcpu()), MATH);
			BigDecimal gb = hours.multiply(BigDecimal.valueOf(rollup.memoryGb()), MATH);
			vcpuHours = vcpuHours.add(vcpu);
			gbHours = gbHours.add(gb);
			computeByDay.merge(day, compute(vcpu, gb, prices), BigDecimal::add);
			rollup.requests().forEach((name, counts) -> counts.forEach((operation, count) -> {
				RequestKind kind = RequestKind.of(operation);
				if (UsageRollup.SHARED.equals(name)) {
					shared.merge(kind, count, Long::sum);
					sharedByDay.computeIfAbsent(day, (d) -> new EnumMap<>(RequestKind.class))
						.merge(kind, count, Long::sum);
				}
				else {
					direct.computeIfAbsent(name, (b) -> new EnumMap<>(RequestKind.class)).merge(kind, count, Long::sum);
					directByDay.computeIfAbsent(day, (d) -> new TreeMap<>())
						.computeIfAbsent(name, (b) -> new EnumMap<>(RequestKind.class))
						.merge(kind, count, Long::sum);
				}
			}));
		}
		BigDecimal computeCost = compute(vcpuHours, gbHours, prices);
		BigDecimal sharedRequestCost = cost(shared, prices);
		Map<RequestKind, Long> allRequests = new EnumMap<>(shared);
		direct.values().forEach((counts) -> counts.forEach((kind, n) -> allRequests.merge(kind, n, Long::sum)));
		Figures total = Figures.of(all, allRequests, cost(allRequests, prices), computeCost, prices);

		TreeSet<String> names = new TreeSet<>(byBucket.keySet());
		names.addAll(direct.keySet());
		List<BucketRow> rows = new ArrayList<>();
		Map<String, BigDecimal> shares = new TreeMap<>();
		for (String name : names) {
			List<ScanRecord> own = byBucket.getOrDefault(name, List.of());
			Map<RequestKind, Long> requests = direct.getOrDefault(name, Map.of());
			BigDecimal share = share(own.size(), all.size());
			shares.put(name, share);
			rows.add(new BucketRow(name,
					Figures.of(own, requests, cost(requests, prices).add(sharedRequestCost.multiply(share, MATH)),
							computeCost.multiply(share, MATH), prices)));
		}
		Figures shown = total;
		if (bucket != null) {
			shown = rows.stream()
				.filter((row) -> row.bucket().equals(bucket))
				.map(BucketRow::figures)
				.findFirst()
				.orElseGet(() -> Figures.of(List.of(), Map.of(), BigDecimal.ZERO, BigDecimal.ZERO, prices));
		}

		List<Day> days = new ArrayList<>();
		for (LocalDate date = period.from(); !date.isAfter(period.to()); date = date.plusDays(1)) {
			LocalDate day = date;
			List<ScanRecord> scanned = ((bucket != null) ? byBucket.getOrDefault(bucket, List.of()) : all).stream()
				.filter((record) -> LocalDate.ofInstant(record.scannedAt(), ZoneOffset.UTC).equals(day))
				.toList();
			Map<String, Map<RequestKind, Long>> dayDirect = directByDay.getOrDefault(day, Map.of());
			BigDecimal dayShared = cost(sharedByDay.getOrDefault(day, Map.of()), prices)
				.add(computeByDay.getOrDefault(day, BigDecimal.ZERO));
			BigDecimal cost;
			if (bucket != null) {
				cost = cost(dayDirect.getOrDefault(bucket, Map.of()), prices)
					.add(dayShared.multiply(shares.getOrDefault(bucket, BigDecimal.ZERO), MATH));
			}
			else {
				cost = dayShared;
				for (Map<RequestKind, Long> counts : dayDirect.values()) {
					cost = cost.add(cost(counts, prices));
				}
			}
			days.add(new Day(day, scanned.size(), infected(scanned), p95(scanned), cost));
		}
		return new EconomicsReport(period, bucket, shown, total, List.copyOf(rows), List.copyOf(days), vcpuHours,
				gbHours, agentHours, prices);
	}

	static BigDecimal cost(Map<RequestKind, Long> requests, Prices prices) {
		BigDecimal sum = BigDecimal.ZERO;
		for (Map.Entry<RequestKind, Long> entry : requests.entrySet()) {
			sum = sum.add(entry.getKey().cost(entry.getValue(), prices));
		}
		return sum;
	}

	static BigDecimal compute(BigDecimal vcpuHours, BigDecimal gbHours, Prices prices) {
		return vcpuHours.multiply(prices.fargateVcpuHour(), MATH).add(gbHours.multiply(prices.fargateGbHour(), MATH));
	}

	/**
	 * What GuardDuty Malware Protection for S3 would charge for these objects and bytes.
	 */
	static BigDecimal guardDuty(long objects, long bytes, Prices prices) {
		return prices.guardDutyPerThousandObjects()
			.multiply(BigDecimal.valueOf(objects))
			.divide(BigDecimal.valueOf(1000))
			.add(prices.guardDutyPerGb().multiply(BigDecimal.valueOf(bytes)).divide(GB, MATH));
	}

	/**
	 * The nearest-rank 95th percentile of the records' time to verdict, if any has one.
	 */
	static @Nullable Duration p95(List<ScanRecord> records) {
		List<Duration> times = records.stream()
			.map(ScanRecord::timeToVerdict)
			.filter((time) -> time != null)
			.map((time) -> (Duration) time)
			.sorted()
			.toList();
		if (times.isEmpty()) {
			return null;
		}
		int rank = (int) Math.ceil(0.95 * times.size());
		return times.get(Math.max(rank, 1) - 1);
	}

	private static long infected(List<ScanRecord> records) {
		return records.stream()
			.filter((record) -> record.status() == ResultStatus.INFECTED
					|| record.status() == ResultStatus.INFECTED_ALLOWED)
			.count();
	}

	private static BigDecimal share(long part, long whole) {
		return (whole == 0) ? BigDecimal.ZERO : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), MATH);
	}

	/**
	 * What a set of scans used and cost.
	 *
	 * @param objects objects scanned (every record but Skipped)
	 * @param bytes their bytes
	 * @param infected of them Infected or InfectedAllowed
	 * @param timeToVerdictP95 the 95th percentile from the event to the verdict, if known
	 * @param timed how many records had an event time (retro scans have none)
	 * @param requests AWS requests by kind
	 * @param requestCost request fees
	 * @param computeCost Fargate compute
	 * @param guardDutyCost what GuardDuty would charge for the same objects and bytes
	 */
	public record Figures(long objects, long bytes, long infected, @Nullable Duration timeToVerdictP95, long timed,
			Map<RequestKind, Long> requests, BigDecimal requestCost, BigDecimal computeCost, BigDecimal guardDutyCost) {

		static Figures of(List<ScanRecord> records, Map<RequestKind, Long> requests, BigDecimal requestCost,
				BigDecimal computeCost, Prices prices) {
			long bytes = records.stream().mapToLong(ScanRecord::size).sum();
			Map<RequestKind, Long> sorted = new EnumMap<>(RequestKind.class);
			sorted.putAll(requests);
			return new Figures(records.size(), bytes, EconomicsReport.infected(records), p95(records),
					records.stream().filter((record) -> record.eventTime() != null).count(), sorted, requestCost,
					computeCost, guardDuty(records.size(), bytes, prices));
		}

		public BigDecimal cost() {
			return this.requestCost.add(this.computeCost);
		}

		public BigDecimal gigabytes() {
			return BigDecimal.valueOf(this.bytes).divide(GB, MATH);
		}

		public long totalRequests() {
			return this.requests.values().stream().mapToLong(Long::longValue).sum();
		}

		/** Cost per GB scanned, or {@code null} without bytes. */
		public @Nullable BigDecimal costPerGb() {
			return (this.bytes == 0) ? null : cost().multiply(GB).divide(BigDecimal.valueOf(this.bytes), MATH);
		}

		/** Cost per million objects scanned, or {@code null} without objects. */
		public @Nullable BigDecimal costPerMillionObjects() {
			return (this.objects == 0) ? null
					: cost().multiply(BigDecimal.valueOf(1_000_000)).divide(BigDecimal.valueOf(this.objects), MATH);
		}

		/**
		 * GuardDuty's price per GB for the same objects, or {@code null} without bytes.
		 */
		public @Nullable BigDecimal guardDutyPerGb() {
			return (this.bytes == 0) ? null
					: this.guardDutyCost.multiply(GB).divide(BigDecimal.valueOf(this.bytes), MATH);
		}

		/** GuardDuty's price per million objects, or {@code null} without objects. */
		public @Nullable BigDecimal guardDutyPerMillionObjects() {
			return (this.objects == 0) ? null : this.guardDutyCost.multiply(BigDecimal.valueOf(1_000_000))
				.divide(BigDecimal.valueOf(this.objects), MATH);
		}

	}

	/**
	 * One bucket's figures (its shared part allocated by objects).
	 *
	 * @param bucket the bucket
	 * @param figures its figures
	 */
	public record BucketRow(String bucket, Figures figures) {
	}

	/**
	 * One day.
	 *
	 * @param date the day (UTC)
	 * @param scans objects scanned
	 * @param infected of them infected
	 * @param timeToVerdictP95 the day's 95th percentile, if known
	 * @param cost the day's estimated cost
	 */
	public record Day(LocalDate date, long scans, long infected, @Nullable Duration timeToVerdictP95, BigDecimal cost) {
	}

}
