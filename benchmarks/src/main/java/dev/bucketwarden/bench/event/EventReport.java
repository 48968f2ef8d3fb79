package dev.bucketwarden.bench.event;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.bucketwarden.bench.support.ConcurrentRun;
import dev.bucketwarden.bench.support.Machine;
import dev.bucketwarden.bench.support.ProcessCpu;

/** What {@code bin/bench event} prints: the environment, each run, and the tables. */
final class EventReport {

	private static final double MIB = 1 << 20;

	/** Columns of the CPU table, in the order of the pipeline's calls. */
	private static final List<String> PROCESSES = List.of("event agent", "clamd", "S3Mock", "DynamoDB Local",
			"ElasticMQ", "benchmark JVM");

	private final PrintStream out;

	private final EventOptions options;

	private final String clamdVersion;

	EventReport(PrintStream out, EventOptions options, String clamdVersion) {
		this.out = out;
		this.options = options;
		this.clamdVersion = clamdVersion;
	}

	/**
	 * A bare clamd run over the local files, and the CPU it used.
	 *
	 * @param result the run
	 * @param cpu CPU per process meanwhile
	 */
	record BareRun(ConcurrentRun.Result result, ProcessCpu.Usage cpu) {

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "%8.1f objects/s %7.1f MiB/s  (%d in %.2f s)%s",
					this.result.filesPerSecond(), this.result.mibPerSecond(), this.result.files(),
					this.result.seconds(), others(this.cpu));
		}

	}

	/**
	 * One size: the agent's drain and the bare runs around it.
	 *
	 * @param set the objects
	 * @param mode fresh or warm agent
	 * @param drain the agent's drain
	 * @param before the bare run before it
	 * @param after the bare run after it
	 * @param awsRequests the agent's AWS requests during the drain (warm) or since its
	 * start (fresh), by the counter's tags ({@code service:S3 operation:GetObject
	 * attempt:first}); empty when they could not be read
	 */
	record Row(EventOptions.ObjectSet set, String mode, AgentDrain.Result drain, BareRun before, BareRun after,
			Map<String, Double> awsRequests) {

		double agentObjectsPerSecond() {
			return this.set.count() / this.drain.seconds();
		}

		double agentMibPerSecond() {
			return this.set.bytes() / MIB / this.drain.seconds();
		}

		double bareObjectsPerSecond() {
			return (this.before.result().filesPerSecond() + this.after.result().filesPerSecond()) / 2;
		}

		double ratio() {
			return agentObjectsPerSecond() / bareObjectsPerSecond();
		}

		double maxOthers() {
			double others = 0;
			for (ProcessCpu.Usage usage : List.of(cpuOrEmpty(this.drain.cpu()), cpuOrEmpty(this.before.cpu()),
					cpuOrEmpty(this.after.cpu()))) {
				others = Math.max(others, usage.others());
			}
			return others;
		}

	}

	static String describe(AgentDrain.Result drain, EventOptions.ObjectSet set) {
		return String.format(Locale.ROOT,
				"%8.1f objects/s %7.1f MiB/s  (%d in %.2f s, first receive to last tag; start +-%.0f ms)%s",
				set.count() / drain.seconds(), set.bytes() / MIB / drain.seconds(), set.count(), drain.seconds(),
				drain.resolutionMillis(), others(drain.cpu()));
	}

	void environment() {
		Runtime runtime = Runtime.getRuntime();
		this.out.println("Machine : " + runtime.availableProcessors() + " cores (" + Machine.cpuModel() + "), "
				+ Machine.totalMemoryGib() + " GiB memory, " + System.getProperty("os.name") + " "
				+ System.getProperty("os.version"));
		this.out.println("JVM     : " + System.getProperty("java.vm.name") + " "
				+ System.getProperty("java.runtime.version") + " (benchmark, agent and emulators)");
		this.out.println("clamd   : " + this.clamdVersion + ", MaxThreads " + this.options.concurrency()
				+ ", DisableCache yes, 127.0.0.1");
		this.out
			.println("Agent   : " + this.options.agentJar().getFileName() + ", own JVM, -Xmx" + this.options.agentHeap()
					+ ", concurrency " + this.options.concurrency() + ", remediation KEEP, findings to an SQS queue");
		this.out.println("Bare    : plain-socket INSTREAM client, " + this.options.concurrency()
				+ " streams, same bytes from local files, 128 KiB chunks");
		StringBuilder plan = new StringBuilder("Plan    :");
		for (EventOptions.ObjectSet set : this.options.sets()) {
			if (set.count() > 0) {
				plan.append(' ').append(set.count()).append(" x ").append(set.label()).append(',');
			}
		}
		this.out.println(plan.substring(0, plan.length() - 1));
	}

	void table(List<Row> rows) {
		this.out.printf("%nEvent agent, from event to tag, vs bare clamd INSTREAM of the same bytes%n");
		this.out.printf("MiB = 2^20 bytes. agent: fresh = a new agent JVM from its first receive, warm = a warmed-up%n"
				+ "agent from the first event released, both to the last object tagged; bare: mean of the runs%n"
				+ "before and after the agent's drains; ratio = agent / bare objects/s; others = most CPU used by%n"
				+ "other processes during the drain or a bare run (share of the whole machine).%n%n");
		String header = String.format(
				"| %-6s | %-5s | %7s | %9s | %11s | %11s | %10s | %10s | %5s | %6s | %-12s | %6s |", "size", "agent",
				"objects", "total MiB", "agent obj/s", "agent MiB/s", "bare obj/s", "bare MiB/s", "ratio", "target",
				"result", "others");
		this.out.println(header);
		this.out.println(header.replaceAll("[^|]", "-"));
		for (Row row : rows) {
			double ratio = row.ratio();
			this.out.printf(Locale.ROOT,
					"| %-6s | %-5s | %7d | %9.1f | %11.1f | %11.1f | %10.1f | %10.1f | %5.2f | %6.2f | %-12s | %5.0f%% |%n",
					row.set().label(), row.mode(), row.set().count(), row.set().bytes() / MIB,
					row.agentObjectsPerSecond(), row.agentMibPerSecond(), row.bareObjectsPerSecond(),
					row.bareObjectsPerSecond() * row.set().size() / MIB, ratio, row.set().target(),
					(ratio >= row.set().target()) ? "PASS" : "BELOW TARGET", 100 * row.maxOthers());
		}
		this.out.printf("%nWhere the CPU went: milliseconds of CPU per object, by process (agent rows: during the%n"
				+ "drain; bare: during the bare run after the drains). The machine has %d cores; busy = share%n"
				+ "of all of them used by anything.%n%n", Runtime.getRuntime().availableProcessors());
		StringBuilder columns = new StringBuilder(String.format("| %-6s | %-5s |", "size", "run"));
		PROCESSES.forEach((name) -> columns.append(String.format(" %14s |", name)));
		columns.append(String.format(" %8s | %5s | %6s |", "all ours", "busy", "others"));
		this.out.println(columns);
		this.out.println(columns.toString().replaceAll("[^|]", "-"));
		EventOptions.ObjectSet last = null;
		for (Row row : rows) {
			cpuLine(row.set(), row.mode(), row.drain().cpu());
			if (!row.set().equals(last)) {
				cpuLine(row.set(), "bare", row.after().cpu());
			}
			last = row.set();
		}
		this.out.printf("%nWithout the AWS stand-ins: the ratio predicted if S3, SQS and DynamoDB did not share these%n"
				+ "cores (in AWS they don't), for a CPU-bound machine: bare (clamd + its client) CPU per object over%n"
				+ "the agent path's (event agent + clamd); S3Mock, DynamoDB Local, ElasticMQ and the benchmark JVM%n"
				+ "(the S3 event relay) left out. A model from the measured CPU, not a measurement; the targets%n"
				+ "are for the measured ratio above.%n");
		for (Row row : rows) {
			double predicted = predictedRatio(row);
			this.out.printf(Locale.ROOT, "  %-6s %-5s %s%n", row.set().label(), row.mode(),
					Double.isNaN(predicted) ? "(no /proc)" : String.format(Locale.ROOT, "%.2f", predicted));
		}
		this.out.printf("%nDetails%n");
		for (Row row : rows) {
			AgentDrain.Result drain = row.drain();
			this.out.printf(Locale.ROOT,
					"  %-6s %-5s %.2f s (start known to %.0f ms); steady %.1f objects/s (10th-90th percentile of%n"
							+ "               completions); bare before %.1f, after %.1f objects/s; median engine"
							+ " time per object %d ms%n",
					row.set().label(), row.mode(), drain.seconds(), drain.resolutionMillis(),
					drain.steadyObjectsPerSecond(), row.before().result().filesPerSecond(),
					row.after().result().filesPerSecond(), medianScanMillis(drain));
			StringBuilder threads = new StringBuilder();
			drain.agentThreads()
				.forEach((group, share) -> threads
					.append(String.format(Locale.ROOT, ", %s %.0f%%", group, 100 * share)));
			if (!threads.isEmpty()) {
				this.out.println("               the agent's CPU by thread: " + threads.substring(2));
			}
		}
		requestsAndCosts(rows);
		EventTargets.print(this.out, rows, this.options.versioned());
	}

	/**
	 * The agent's AWS requests per object, and what an object costs per million at
	 * {@link AwsPrices}, beside GuardDuty Malware Protection for S3.
	 */
	private void requestsAndCosts(List<Row> rows) {
		AwsPrices prices = AwsPrices.US_EAST_1;
		TaskSize task = TaskSize.AGENT_TASK;
		this.out
			.printf("%nAWS requests per object, counted by the agent (bucketwarden.aws.requests: each HTTP attempt;%n"
					+ "warm: during the measured drain, including the scan queue's polls; fresh: since the agent's%n"
					+ "start, so including its start-up requests)%n");
		for (Row row : rows) {
			if (row.awsRequests().isEmpty()) {
				this.out.printf(Locale.ROOT, "  %-6s %-5s (not read)%n", row.set().label(), row.mode());
				continue;
			}
			Map<String, Double> perObject = perObject(row);
			StringBuilder line = new StringBuilder();
			perObject.forEach((request, count) -> line.append(String.format(Locale.ROOT, ", %s %.2f", request, count)));
			double retries = retriesPerObject(row);
			this.out.printf(Locale.ROOT, "  %-6s %-5s %.2f requests per object (retries %.2f): %s%n", row.set().label(),
					row.mode(), perObject.values().stream().mapToDouble(Double::doubleValue).sum(), retries,
					line.substring(2));
		}
		this.out.printf(Locale.ROOT,
				"%nCost per million objects, US dollars, us-east-1 list prices checked %s (AwsPrices):%n"
						+ "request fees from the requests above (S3 PUT class $%s and GET class $%s per 1,000, SQS $%.2f,%n"
						+ "SNS $%.2f, DynamoDB $%.3f per million write units and $%.3f per million read units, EventBridge%n"
						+ "$%.2f per million entries; DynamoDB units from the scan record's size); CPU at Fargate's $%.5f per%n"
						+ "vCPU-hour and $%.6f per GB-hour in a %.0f vCPU / %.0f GB task kept busy (so $%.4f per million%n"
						+ "CPU-milliseconds), the agent and its clamd sidecar apart; GuardDuty Malware Protection for S3 at%n"
						+ "$%.3f per 1,000 objects plus $%.2f per GB (GiB) scanned.%n%n",
				prices.checked(), BigDecimal.valueOf(prices.s3PutPer1000()).toPlainString(),
				BigDecimal.valueOf(prices.s3GetPer1000()).toPlainString(), prices.sqsPerMillion(),
				prices.snsPublishPerMillion(), prices.dynamoWritePerMillion(), prices.dynamoReadPerMillion(),
				prices.eventBridgePerMillion(), prices.fargateVcpuHour(), prices.fargateGbHour(), task.vcpus(),
				task.memoryGb(), task.dollarsPerCpuSecond(prices) * 1000, prices.guardDutyPer1000Objects(),
				prices.guardDutyPerGb());
		String header = String.format(
				"| %-6s | %-5s | %8s | %8s | %6s | %6s | %8s | %8s | %6s | %8s | %9s | %9s | %9s | %9s | %6s |", "size",
				"agent", "S3 PUT", "S3 GET", "SQS", "SNS", "DDB W", "DDB R", "EvBr", "requests", "agent CPU",
				"clamd CPU", "ours", "GuardDuty", "ours/GD");
		this.out.println(header);
		this.out.println(header.replaceAll("[^|]", "-"));
		for (Row row : rows) {
			ObjectCost cost = cost(row, prices, task);
			if (cost == null) {
				continue;
			}
			this.out.printf(Locale.ROOT,
					"| %-6s | %-5s | %8.2f | %8.2f | %6.2f | %6.2f | %8.2f | %8.2f | %6.2f | %8.2f | %9.2f | %9.2f | %9.2f | %9.2f | %6.3f |%n",
					row.set().label(), row.mode(), cost.feePerMillion(ObjectCost.S3_PUT),
					cost.feePerMillion(ObjectCost.S3_GET), cost.feePerMillion(ObjectCost.SQS),
					cost.feePerMillion(ObjectCost.SNS), cost.feePerMillion(ObjectCost.DYNAMO_WRITES),
					cost.feePerMillion(ObjectCost.DYNAMO_READS), cost.feePerMillion(ObjectCost.EVENTBRIDGE),
					cost.requestFeesPerMillion(), cost.agentComputePerMillion(), cost.clamdComputePerMillion(),
					cost.oursPerMillion(), cost.guardDutyPerMillion(),
					cost.oursPerMillion() / cost.guardDutyPerMillion());
			if (!cost.underpriced().isEmpty()) {
				this.out
					.println("    priced as one entry per request (billed per entry or item): " + cost.underpriced());
			}
			if (!cost.unpriced().isEmpty()) {
				this.out.println("    not priced: " + cost.unpriced());
			}
		}
		this.out.printf("%nours = request fees + agent CPU + clamd CPU; S3 storage, data transfer, CloudWatch, the%n"
				+ "tasks' idle time and the free tiers are left out of both sides.%n");
	}

	/** The row's cost, or {@code null} without request counts or CPU figures. */
	static ObjectCost cost(Row row, AwsPrices prices, TaskSize task) {
		ProcessCpu.Usage cpu = row.drain().cpu();
		if (row.awsRequests().isEmpty() || cpu == null) {
			return null;
		}
		long itemBytes = row.drain().rows().stream().mapToLong(AgentDrain.ScanRow::itemBytes).max().orElse(1);
		int objects = row.set().count();
		return new ObjectCost(perObject(row), row.set().size(), itemBytes, cpu.secondsOf(AgentDrain.AGENT) / objects,
				cpu.secondsOf("clamd") / objects, prices, task);
	}

	/** Requests per object by {@code "Service Operation"}, first attempts and retries. */
	static Map<String, Double> perObject(Row row) {
		Map<String, Double> perObject = new TreeMap<>();
		row.awsRequests().forEach((tags, count) -> {
			Map<String, String> tag = tags(tags);
			perObject.merge(tag.get("service") + " " + tag.get("operation"), count / row.set().count(), Double::sum);
		});
		return perObject;
	}

	private static double retriesPerObject(Row row) {
		return row.awsRequests()
			.entrySet()
			.stream()
			.filter((entry) -> "retry".equals(tags(entry.getKey()).get("attempt")))
			.mapToDouble(Map.Entry::getValue)
			.sum() / row.set().count();
	}

	private static Map<String, String> tags(String tags) {
		Map<String, String> values = new TreeMap<>();
		for (String tag : tags.split(" ")) {
			int colon = tag.indexOf(':');
			values.put(tag.substring(0, colon), tag.substring(colon + 1));
		}
		return values;
	}

	private void cpuLine(EventOptions.ObjectSet set, String run, ProcessCpu.Usage usage) {
		StringBuilder line = new StringBuilder(String.format("| %-6s | %-5s |", set.label(), run));
		if (usage == null) {
			this.out.println(line + " (no /proc)");
			return;
		}
		double ours = 0;
		for (String name : PROCESSES) {
			double millis = 1000 * usage.secondsOf(name) / set.count();
			ours += millis;
			line.append(String.format(Locale.ROOT, " %14.2f |", millis));
		}
		line.append(String.format(Locale.ROOT, " %8.2f | %4.0f%% | %5.0f%% |", ours, 100 * usage.busy(),
				100 * usage.others()));
		this.out.println(line);
	}

	/** See the text printed above the figures; NaN without {@code /proc}. */
	static double predictedRatio(Row row) {
		ProcessCpu.Usage agent = row.drain().cpu();
		ProcessCpu.Usage bare = row.after().cpu();
		if (agent == null || bare == null) {
			return Double.NaN;
		}
		double agentPath = (agent.secondsOf("event agent") + agent.secondsOf("clamd")) / row.set().count();
		double barePath = (bare.secondsOf("clamd") + bare.secondsOf("benchmark JVM")) / row.after().result().files();
		return (agentPath > 0) ? barePath / agentPath : Double.NaN;
	}

	private static long medianScanMillis(AgentDrain.Result drain) {
		long[] millis = drain.rows().stream().mapToLong(AgentDrain.ScanRow::scanMillis).sorted().toArray();
		return (millis.length > 0) ? millis[millis.length / 2] : 0;
	}

	private static ProcessCpu.Usage cpuOrEmpty(ProcessCpu.Usage usage) {
		return (usage != null) ? usage : new ProcessCpu.Usage(0, Map.of(), 0, 0);
	}

	private static String others(ProcessCpu.Usage usage) {
		return (usage != null) ? String.format(Locale.ROOT, "  [machine busy %.0f%%, other processes %.0f%%]",
				100 * usage.busy(), 100 * usage.others()) : "";
	}

}
