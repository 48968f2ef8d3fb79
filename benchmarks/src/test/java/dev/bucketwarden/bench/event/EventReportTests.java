package dev.bucketwarden.bench.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.bench.support.ConcurrentRun;
import dev.bucketwarden.bench.support.ProcessCpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The event benchmark's model of the ratio without the AWS stand-ins' CPU. */
class EventReportTests {

	@Test
	void shouldLeaveTheStandInsOutOfThePredictedRatio() {
		EventOptions.ObjectSet set = new EventOptions.ObjectSet(100, 64 << 10);
		// Per object: agent 4 ms, clamd 2 ms, stand-ins 8 ms (not counted); bare: clamd
		// 1.8 ms and its client 0.2 ms over 200 files.
		ProcessCpu.Usage drain = new ProcessCpu.Usage(10, Map.of("event agent", 0.4, "clamd", 0.2, "S3Mock", 0.5,
				"DynamoDB Local", 0.2, "ElasticMQ", 0.1, "benchmark JVM", 0.05), 0, 1);
		ProcessCpu.Usage bare = new ProcessCpu.Usage(1, Map.of("clamd", 0.36, "benchmark JVM", 0.04), 0, 1);
		EventReport.Row row = new EventReport.Row(set, "warm", drain(drain), bareRun(200, null), bareRun(200, bare),
				Map.of());

		assertThat(EventReport.predictedRatio(row)).isCloseTo(2.0 / 6.0, within(1e-9));
	}

	@Test
	void shouldPredictNothingWithoutProc() {
		EventOptions.ObjectSet set = new EventOptions.ObjectSet(10, 1 << 20);
		EventReport.Row row = new EventReport.Row(set, "fresh", drain(null), bareRun(10, null), bareRun(10, null),
				Map.of());

		assertThat(EventReport.predictedRatio(row)).isNaN();
	}

	@Test
	void shouldJudgeTheTargetsAndSayWhichDidNotRun() {
		EventOptions.ObjectSet set = new EventOptions.ObjectSet(100, 64 << 10);
		// 0.09 s of agent CPU over 100 objects: 0.9 ms each; 480 requests: 4.8 each.
		ProcessCpu.Usage drain = new ProcessCpu.Usage(10, Map.of("event agent", 0.09, "clamd", 0.2), 0, 1);
		ProcessCpu.Usage bare = new ProcessCpu.Usage(1, Map.of("clamd", 0.36, "benchmark JVM", 0.04), 0, 1);
		EventReport.Row row = new EventReport.Row(set, "warm", drain(drain), bareRun(200, bare), bareRun(200, bare),
				Map.of("service:S3 operation:GetObject attempt:first", 100.0,
						"service:S3 operation:PutObjectTagging attempt:first", 100.0,
						"service:S3 operation:HeadObject attempt:first", 100.0,
						"service:DynamoDb operation:PutItem attempt:first", 100.0,
						"service:Sqs operation:ReceiveMessage attempt:first", 80.0));
		java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

		EventTargets.print(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8), List.of(row),
				false);

		String printed = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(printed).containsPattern("AWS requests per clean 64 KiB object +\\| +4\\.80 \\| +<= 5 \\| MET")
			.containsPattern("event agent CPU per 64 KiB object, ms +\\| +0\\.90 \\| +<= 1\\.0 \\| MET")
			.containsPattern("ratio without the stand-ins, 64 KiB +\\| +0\\.69 \\| +>= 0\\.85 \\| NOT MET")
			.containsPattern("event agent CPU per 1 MiB object, ms +\\| +not run .*NOT MEASURED")
			.containsPattern("just-started agent \\(fresh\\).*NOT MEASURED");
	}

	private static AgentDrain.Result drain(ProcessCpu.Usage cpu) {
		Instant start = Instant.parse("2026-11-27T10:00:00Z");
		return new AgentDrain.Result(start, start, start.plusSeconds(10), List.of(), cpu, Map.of(), List.of());
	}

	private static EventReport.BareRun bareRun(int files, ProcessCpu.Usage cpu) {
		return new EventReport.BareRun(new ConcurrentRun.Result(4, files, files * 65536L, 1_000_000_000L, 0, List.of()),
				cpu);
	}

}
