package dev.bucketwarden.agent.metrics;

import java.time.Duration;
import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.bucketwarden.agent.pipeline.FinalVerdict;
import dev.bucketwarden.agent.pipeline.ScanObserver;
import dev.bucketwarden.engine.chain.EngineResult;
import dev.bucketwarden.engine.chain.ScanReport;
import dev.bucketwarden.engine.spi.Verdict;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;

/**
 * Counts each final verdict once, as the pipeline hands it over: by result, source and
 * bucket ({@value #SCANS}), by result alone ({@value #RESULTS}, the one set of dimensions
 * an alarm can watch), the bytes read, each engine's time and errors, and the time from
 * the event to the verdict ({@value #TIME_TO_VERDICT}, with its 50th, 95th and 99th
 * percentiles).
 */
public final class VerdictMeters implements ScanObserver {

	public static final String SCANS = "bucketwarden.scans";

	public static final String RESULTS = "bucketwarden.scan.results";

	public static final String BYTES = "bucketwarden.scan.bytes";

	public static final String DURATION = "bucketwarden.scan.duration";

	public static final String TIME_TO_VERDICT = "bucketwarden.time.to.verdict";

	public static final String ENGINE_ERRORS = "bucketwarden.engine.errors";

	/**
	 * The {@code bucket} tag of a request refused because its bucket is not protected:
	 * the name came from the request, and a tag per name a caller makes up would have no
	 * bound. Parentheses make it no bucket's name.
	 */
	public static final String UNPROTECTED = "(unprotected)";

	private static final double[] PERCENTILES = { 0.5, 0.95, 0.99 };

	private final MeterRegistry registry;

	public VerdictMeters(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void verdict(FinalVerdict verdict) {
		ScanRecord record = verdict.record();
		String result = record.status().label();
		String source = source(verdict);
		String bucket = verdict.protectedBucket() ? record.bucket() : UNPROTECTED;
		Counter.builder(SCANS)
			.description("Verdicts given")
			.tag("result", result)
			.tag("source", source)
			.tag("bucket", bucket)
			.register(this.registry)
			.increment();
		Counter.builder(RESULTS)
			.description("Verdicts given, all buckets and ways in")
			.tag("result", result)
			.register(this.registry)
			.increment();
		ScanReport report = verdict.report();
		if (report != null) {
			Counter.builder(BYTES)
				.description("Bytes scanned")
				.baseUnit("bytes")
				.tag("source", source)
				.tag("bucket", bucket)
				.register(this.registry)
				.increment(report.bytesScanned());
			report.engines().forEach(this::engine);
		}
		if (verdict.target().eventTime() != null && record.status() != ResultStatus.SKIPPED) {
			// A skip is never tagged: nobody waits on it.
			Duration waited = Duration.between(verdict.target().eventTime(), verdict.at());
			Timer.builder(TIME_TO_VERDICT)
				.description("From the object's event (the API request's arrival) to its result tag")
				.tag("source", source)
				.publishPercentiles(PERCENTILES)
				.register(this.registry)
				// A clock behind S3's would give a negative time: none waited.
				.record(waited.isNegative() ? Duration.ZERO : waited);
		}
	}

	private void engine(EngineResult engine) {
		Timer.builder(DURATION)
			.description("One engine's scan of one object")
			.tag("engine", engine.engineId())
			.publishPercentiles(PERCENTILES)
			.register(this.registry)
			.record(engine.duration());
		if (engine.verdict() instanceof Verdict.Error error) {
			Counter.builder(ENGINE_ERRORS)
				.description("Engine errors by kind")
				.tag("engine", engine.engineId())
				.tag("kind", error.kind().name().toLowerCase(Locale.ROOT))
				.register(this.registry)
				.increment();
		}
	}

	private static String source(FinalVerdict verdict) {
		return verdict.target().source().name().toLowerCase(Locale.ROOT);
	}

}
