package dev.bucketwarden.agent.verdictlog;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.bucketwarden.agent.pipeline.FinalVerdict;
import dev.bucketwarden.agent.pipeline.ScanObserver;
import dev.bucketwarden.engine.spi.Verdict;
import dev.bucketwarden.store.results.Coverage;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;

/**
 * Logs each final verdict as one line on the logger {@value #LOGGER}, its fields under
 * {@code verdict}: with the agents' JSON logs (ECS) the line is
 * <code>{"@timestamp":...,"log":{"logger":"bucketwarden.verdicts"},...,"verdict":{"bucket":...,"key":...}}</code>,
 * and Logs Insights finds {@code verdict.bucket}, {@code verdict.result} ... as fields.
 * The fields go through Jackson into values the log's JSON writer escapes, never into
 * text: a key may hold quotes, line breaks or a forged log line.
 * <p>
 * The request id (API) and message id (queue) are read from the logging context
 * ({@value #REQUEST_ID}, {@value #MESSAGE_ID}) that the agents set around each request.
 */
public final class VerdictLog implements ScanObserver {

	/** The logger's name: route or filter it to keep the verdicts apart. */
	public static final String LOGGER = "bucketwarden.verdicts";

	/** The logging context key of the API request's id. */
	public static final String REQUEST_ID = "requestId";

	/** The logging context key of the queue message's id. */
	public static final String MESSAGE_ID = "messageId";

	private static final Logger logger = LoggerFactory.getLogger(LOGGER);

	private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {
	};

	private final JsonMapper json;

	public VerdictLog() {
		// Absent fields are left out, not written as null: shorter lines.
		this(JsonMapper.builder()
			.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
			.build());
	}

	VerdictLog(JsonMapper json) {
		this.json = json;
	}

	@Override
	public void verdict(FinalVerdict verdict) {
		if (!logger.isInfoEnabled()) {
			return;
		}
		ScanRecord record = verdict.record();
		logger.atInfo()
			.addKeyValue("verdict", this.json.convertValue(line(verdict), FIELDS))
			.log("Verdict {} for {}", record.status().label(), verdict.target().describe());
	}

	static VerdictLine line(FinalVerdict verdict) {
		ScanRecord record = verdict.record();
		Long timeToVerdict = null;
		if (verdict.target().eventTime() != null && record.status() != ResultStatus.SKIPPED) {
			timeToVerdict = Math.max(0, Duration.between(verdict.target().eventTime(), verdict.at()).toMillis());
		}
		long bytes = (verdict.report() != null) ? verdict.report().bytesScanned() : 0;
		return new VerdictLine(record.bucket(), record.key(), record.versionId(), record.status().label(),
				record.signatures(), engines(verdict),
				(record.scanDuration() != null) ? record.scanDuration().toMillis() : 0, bytes,
				record.source().name().toLowerCase(Locale.ROOT), timeToVerdict, MDC.get(REQUEST_ID),
				MDC.get(MESSAGE_ID), record.errorKind(), record.reason(), record.id(), coverage(record.coverage()));
	}

	private static VerdictLine.@Nullable Coverage coverage(@Nullable Coverage coverage) {
		return (coverage != null) ? new VerdictLine.Coverage(coverage.kind().name(), coverage.window(),
				coverage.overlap(), coverage.parts(), coverage.blindSpots()) : null;
	}

	/**
	 * From the engines' report when there is one: it has each failed engine's error kind.
	 */
	private static List<VerdictLine.Engine> engines(FinalVerdict verdict) {
		if (verdict.report() == null) {
			return verdict.record()
				.engines()
				.stream()
				.map((engine) -> new VerdictLine.Engine(engine.engineId(), engine.result(), engine.durationMillis(),
						null))
				.toList();
		}
		return verdict.report()
			.engines()
			.stream()
			.map((engine) -> new VerdictLine.Engine(engine.engineId(), ResultStatus.of(engine.verdict()).label(),
					engine.duration().toMillis(),
					(engine.verdict() instanceof Verdict.Error error) ? error.kind().name() : null))
			.toList();
	}

}
