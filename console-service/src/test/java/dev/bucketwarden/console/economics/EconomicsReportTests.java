package dev.bucketwarden.console.economics;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.store.results.RemediationState;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.results.ScanSource;
import dev.bucketwarden.store.tags.TaggingStatus;
import dev.bucketwarden.store.usage.UsageRollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The cost arithmetic, at the default prices, on a workload worked out by hand. */
class EconomicsReportTests {

	private static final long GB = 1L << 30;

	private static final Instant DAY_ONE = Instant.parse("2026-12-01T10:00:00Z");

	private static final Period PERIOD = new Period(LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-02"));

	private final List<ScanRecord> records = List.of(record("a", GB / 2, ResultStatus.CLEAN, 100),
			record("a", GB / 2, ResultStatus.CLEAN, 200), record("b", GB, ResultStatus.INFECTED, -1),
			record("a", 5, ResultStatus.SKIPPED, 50),
			record("a", 7, ResultStatus.CLEAN, 10).withEventTime(null).withPublished());

	private final List<UsageRollup> rollups = List.of(
			new UsageRollup("event-agent/1", "event-agent", DAY_ONE, Duration.ofHours(1), 1, 2,
					Map.of("a", Map.of("S3:GetObject", 1000L, "S3:PutObjectTagging", 1000L), "b",
							Map.of("S3:CopyObject", 2000L, "S3:DeleteObject", 5L), UsageRollup.SHARED,
							Map.of("Sqs:ReceiveMessage", 1_000_000L, "DynamoDb:PutItem", 1_000_000L, "DynamoDb:GetItem",
									2_000_000L, "Sns:Publish", 2_000_000L, "Kms:Decrypt", 7L))),
			// outside the period
			new UsageRollup("event-agent/1", "event-agent", Instant.parse("2026-12-03T00:00:00Z"), Duration.ofHours(1),
					1, 2, Map.of("a", Map.of("S3:GetObject", 99L))));

	@Test
	void shouldPriceRequestsAndComputeAtTheDefaultPrices() {
		EconomicsReport report = EconomicsReport.of(this.records, this.rollups, Prices.DEFAULTS, PERIOD, null);

		EconomicsReport.Figures total = report.total();
		// the Skipped record is no scan; the last record falls out of the period
		assertThat(total.objects()).isEqualTo(3);
		assertThat(total.bytes()).isEqualTo(2 * GB);
		assertThat(total.infected()).isEqualTo(1);
		assertThat(total.timed()).isEqualTo(2);
		assertThat(total.timeToVerdictP95()).isEqualTo(Duration.ofMillis(200));
		assertThat(total.requests()).containsExactlyEntriesOf(
				map(RequestKind.S3_GET, 1000L, RequestKind.S3_PUT, 1000L, RequestKind.S3_COPY, 2000L,
						RequestKind.S3_DELETE, 5L, RequestKind.SQS, 1_000_000L, RequestKind.DYNAMODB_READ, 2_000_000L,
						RequestKind.DYNAMODB_WRITE, 1_000_000L, RequestKind.SNS, 2_000_000L, RequestKind.OTHER, 7L));
		// 0.0004 + 0.005 (a) + 0.01 (b's copies; deletes are free) + 0.40 + 0.25 + 0.625
		// +
		// 1.00 (shared)
		assertThat(total.requestCost()).isEqualByComparingTo("2.2904");
		// 1 vCPU-hour at 0.04048 and 2 GB-hours at 0.004445
		assertThat(total.computeCost()).isEqualByComparingTo("0.04937");
		assertThat(total.cost()).isEqualByComparingTo("2.33977");
		assertThat(total.costPerGb()).isEqualByComparingTo("1.169885");
		assertThat(total.costPerMillionObjects()).isCloseTo(new BigDecimal("779923.3333333333"),
				within(new BigDecimal("0.000001")));
		// 3 objects at 0.215 per 1,000 and 2 GB at 0.09
		assertThat(total.guardDutyCost()).isEqualByComparingTo("0.180645");
		assertThat(report.vcpuHours()).isEqualByComparingTo("1");
		assertThat(report.gbHours()).isEqualByComparingTo("2");
		assertThat(report.agentHours()).isEqualTo(1);
		assertThat(report.shown()).isEqualTo(total);
		assertThat(report.days()).extracting(EconomicsReport.Day::scans).containsExactly(3L, 0L);
		assertThat(report.days().get(0).cost()).isEqualByComparingTo("2.33977");
		assertThat(report.days().get(0).infected()).isEqualTo(1);
		assertThat(report.days().get(1).cost()).isEqualByComparingTo("0");
		assertThat(report.days().get(1).timeToVerdictP95()).isNull();
	}

	@Test
	void shouldGiveEachBucketItsOwnRequestsAndAShareOfTheRestByObjects() {
		EconomicsReport report = EconomicsReport.of(this.records, this.rollups, Prices.DEFAULTS, PERIOD, "a");

		EconomicsReport.Figures a = report.shown();
		assertThat(a.objects()).isEqualTo(2);
		assertThat(a.bytes()).isEqualTo(GB);
		assertThat(a.timeToVerdictP95()).isEqualTo(Duration.ofMillis(200));
		assertThat(a.requests()).containsExactlyEntriesOf(map(RequestKind.S3_GET, 1000L, RequestKind.S3_PUT, 1000L));
		BigDecimal tolerance = new BigDecimal("0.000000000001");
		// own 0.0054, then two thirds of the shared 2.275 and of the compute 0.04937
		assertThat(a.requestCost()).isCloseTo(new BigDecimal("1.522066666666667"), within(tolerance));
		assertThat(a.computeCost()).isCloseTo(new BigDecimal("0.03291333333333333"), within(tolerance));
		EconomicsReport.Figures b = report.buckets().get(1).figures();
		assertThat(report.buckets()).extracting(EconomicsReport.BucketRow::bucket).containsExactly("a", "b");
		assertThat(b.timeToVerdictP95()).as("a retro scan has no event time").isNull();
		assertThat(a.cost().add(b.cost())).isCloseTo(report.total().cost(), within(tolerance));
		assertThat(report.days().get(0).cost()).isCloseTo(a.cost(), within(tolerance));
		assertThat(report.days().get(0).scans()).isEqualTo(2);
	}

	@Test
	void shouldShowNoCostPerUnitWithoutScans() {
		EconomicsReport report = EconomicsReport.of(List.of(), this.rollups, Prices.DEFAULTS, PERIOD, null);

		assertThat(report.total().cost()).isEqualByComparingTo("2.33977");
		assertThat(report.total().costPerGb()).isNull();
		assertThat(report.total().costPerMillionObjects()).isNull();
		assertThat(report.total().timeToVerdictP95()).isNull();
		assertThat(report.buckets()).extracting(EconomicsReport.BucketRow::bucket).containsExactly("a", "b");
		assertThat(report.buckets().getFirst().figures().computeCost()).isEqualByComparingTo("0");
	}

	@Test
	void shouldTakeTheNearestRankPercentile() {
		List<ScanRecord> twenty = java.util.stream.IntStream.rangeClosed(1, 20)
			.mapToObj((i) -> record("a", 1, ResultStatus.CLEAN, i * 10))
			.toList();

		assertThat(EconomicsReport.p95(twenty)).isEqualTo(Duration.ofMillis(190));
		assertThat(EconomicsReport.p95(twenty.subList(0, 1))).isEqualTo(Duration.ofMillis(10));
	}

	@Test
	void shouldClassifyRequestsAsAwsBillsThem() {
		assertThat(RequestKind.of("S3:HeadObject")).isEqualTo(RequestKind.S3_GET);
		assertThat(RequestKind.of("S3:GetObjectTagging")).isEqualTo(RequestKind.S3_GET);
		assertThat(RequestKind.of("S3:ListObjectsV2")).isEqualTo(RequestKind.S3_PUT);
		assertThat(RequestKind.of("S3:UploadPartCopy")).isEqualTo(RequestKind.S3_COPY);
		assertThat(RequestKind.of("S3:DeleteObjects")).isEqualTo(RequestKind.S3_DELETE);
		assertThat(RequestKind.of("DynamoDb:Query")).isEqualTo(RequestKind.DYNAMODB_READ);
		assertThat(RequestKind.of("DynamoDb:UpdateItem")).isEqualTo(RequestKind.DYNAMODB_WRITE);
		assertThat(RequestKind.of("DynamoDb:DescribeTable")).isEqualTo(RequestKind.OTHER);
		assertThat(RequestKind.of("Sqs:ChangeMessageVisibility")).isEqualTo(RequestKind.SQS);
		assertThat(RequestKind.of("EventBridge:PutEvents")).isEqualTo(RequestKind.OTHER);
	}

	private static Map<RequestKind, Long> map(Object... pairs) {
		Map<RequestKind, Long> map = new java.util.EnumMap<>(RequestKind.class);
		for (int i = 0; i < pairs.length; i += 2) {
			map.put((RequestKind) pairs[i], (Long) pairs[i + 1]);
		}
		return map;
	}

	/**
	 * Scanned on day one (the last of the list above: on 2026-12-05); -1: no event time.
	 */
	private static ScanRecord record(String bucket, long size, ResultStatus status, long millisToVerdict) {
		Instant at = (millisToVerdict == 10 && size == 7) ? Instant.parse("2026-12-05T00:00:00Z")
				: DAY_ONE.plusSeconds(60);
		ScanRecord record = new ScanRecord(java.util.UUID.randomUUID().toString(), bucket, "k", null, "e", size, status,
				null, null, List.of(), List.of(), at, Duration.ofMillis(5), TaggingStatus.TAGGED, RemediationState.NONE,
				null, true, ScanSource.EVENT);
		return (millisToVerdict < 0) ? record : record.withEventTime(at.minusMillis(millisToVerdict));
	}

}
