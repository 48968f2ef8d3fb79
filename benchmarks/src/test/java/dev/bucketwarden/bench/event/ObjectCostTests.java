package dev.bucketwarden.bench.event;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The cost of an object per million, against figures computed by hand. */
class ObjectCostTests {

	private static final AwsPrices PRICES = new AwsPrices(LocalDate.of(2026, 12, 6), 0.005, 0.0004, 0.40, 0.50, 0.625,
			0.125, 1.00, 0.04048, 0.004445, 0.215, 0.09);

	/** Today's clean path, roughly: 2 HEADs, GET, tags read and written, 3 records. */
	private static final Map<String, Double> REQUESTS = Map.of("S3 HeadObject", 2.0, "S3 GetObject", 1.0,
			"S3 GetObjectTagging", 1.0, "S3 PutObjectTagging", 1.0, "S3 DeleteObject", 1.0, "DynamoDb GetItem", 1.0,
			"DynamoDb PutItem", 2.0, "Sqs ReceiveMessage", 0.25, "Sqs DeleteMessage", 1.0, "Sqs SendMessage", 1.0);

	@Test
	void shouldPriceRequestsComputeAndGuardDutyPerMillionObjects() {
		// 1,500-byte records: 2 write units per write, 1 read unit per read.
		ObjectCost cost = new ObjectCost(REQUESTS, 65536, 1500, 0.001, 0.002, PRICES, TaskSize.AGENT_TASK);

		// 1 PutObjectTagging x $0.005 / 1,000 x 1,000,000 = $5.00
		assertThat(cost.feePerMillion(ObjectCost.S3_PUT)).isCloseTo(5.00, within(1e-9));
		// (2 HEAD + 1 GET + 1 GetObjectTagging) x $0.0004 / 1,000 x 1,000,000 = $1.60;
		// DELETE free
		assertThat(cost.feePerMillion(ObjectCost.S3_GET)).isCloseTo(1.60, within(1e-9));
		// 2 writes x 2 WRU x $0.625 / 1,000,000 x 1,000,000 = $2.50
		assertThat(cost.feePerMillion(ObjectCost.DYNAMO_WRITES)).isCloseTo(2.50, within(1e-9));
		// 1 read x 1 RRU x $0.125 = $0.125
		assertThat(cost.feePerMillion(ObjectCost.DYNAMO_READS)).isCloseTo(0.125, within(1e-9));
		// 2.25 SQS requests x $0.40 = $0.90
		assertThat(cost.feePerMillion(ObjectCost.SQS)).isCloseTo(0.90, within(1e-9));
		assertThat(cost.requestFeesPerMillion()).isCloseTo(10.125, within(1e-9));
		// A CPU-hour: $0.04048 + 6 GB x $0.004445 = $0.06715; a million objects at 1 ms
		// are
		// 1,000 CPU-seconds = 0.27778 h: $0.0186528; clamd at 2 ms: $0.0373056
		assertThat(cost.agentComputePerMillion()).isCloseTo(0.0186528, within(1e-7));
		assertThat(cost.clamdComputePerMillion()).isCloseTo(0.0373056, within(1e-7));
		assertThat(cost.oursPerMillion()).isCloseTo(10.125 + 0.0186528 + 0.0373056, within(1e-7));
		// 1,000 x $0.215 + 1,000,000 x 64 KiB = 61.035 GiB x $0.09 = $215 + $5.4932
		assertThat(cost.guardDutyPerMillion()).isCloseTo(220.493164, within(1e-6));
		assertThat(cost.underpriced()).isEmpty();
		assertThat(cost.unpriced()).isEmpty();
	}

	@Test
	void shouldNameBatchRequestsAndUnknownServices() {
		ObjectCost cost = new ObjectCost(
				Map.of("Sns PublishBatch", 0.1, "DynamoDb BatchWriteItem", 0.1, "Sts AssumeRole", 0.001), 1 << 20, 900,
				0, 0, PRICES, TaskSize.AGENT_TASK);

		// 0.1 x 1,000,000 x $0.50 / 1,000,000 = $0.05: SNS bills a batch (under 64 KiB)
		// as one request
		assertThat(cost.feePerMillion(ObjectCost.SNS)).isCloseTo(0.05, within(1e-9));
		assertThat(cost.underpriced()).containsExactly("DynamoDb BatchWriteItem");
		assertThat(cost.unpriced()).containsExactly("Sts AssumeRole");
		// 1,000 x $0.215 + 1,000,000 MiB = 976.5625 GiB x $0.09 = $215 + $87.890625
		assertThat(cost.guardDutyPerMillion()).isCloseTo(302.890625, within(1e-6));
	}

}
