package dev.bucketwarden.engine.chain;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.engine.spi.EngineException;
import dev.bucketwarden.engine.spi.ErrorKind;
import dev.bucketwarden.engine.spi.ScanContext;
import dev.bucketwarden.engine.spi.ScanEngine;
import dev.bucketwarden.engine.spi.ScanLimits;
import dev.bucketwarden.engine.spi.Verdict;

/**
 * Runs one member of a chain over its metered content within the member's time limit, and
 * turns whatever the engine did (a verdict, an exception, a hang) into the verdict the
 * chain records, checked against what the engine really read ({@link ReadCheck}).
 */
final class EngineRunner {

	/** The chain's category, which operators already know from its timeout warnings. */
	private static final Logger logger = LoggerFactory.getLogger(EngineChain.class);

	private EngineRunner() {
	}

	/**
	 * Runs one engine on a thread of its own, so that its time limit holds even when it
	 * hangs: at the limit the engine's content is cut off, its thread interrupted, and
	 * its verdict is a timeout error. An engine that enforces its own deadlines runs on
	 * the caller's thread.
	 */
	static EngineResult run(ChainMember member, MeteredInputStream content, ScanContext context) {
		ScanEngine engine = member.engine();
		Duration timeout = (member.timeout() != null) ? member.timeout() : context.limits().timeout();
		ScanContext engineContext = context.withLimits(new ScanLimits(context.limits().maxBytes(), timeout));
		long start = System.nanoTime();
		if (engine.enforcesTimeout()) {
			Verdict verdict;
			try {
				verdict = ReadCheck.check(engine.scan(content, engineContext), content, context, engine.id());
			}
			catch (RuntimeException | StackOverflowError ex) {
				verdict = fromThrown(ex, content, engine.id());
			}
			return new EngineResult(engine.id(), member.required(), verdict,
					Duration.ofNanos(System.nanoTime() - start), engine.info());
		}
		FutureTask<Verdict> task = new FutureTask<>(() -> engine.scan(content, engineContext));
		Thread thread = Thread.ofVirtual().name("scan-" + engine.id()).start(task);
		Verdict verdict;
		try {
			verdict = ReadCheck.check(task.get(timeout.toNanos(), TimeUnit.NANOSECONDS), content, context, engine.id());
		}
		catch (TimeoutException ex) {
			content.abort();
			thread.interrupt();
			logger.warn("Engine '{}' did not finish {} within {}; going on without it", engine.id(),
					context.object().describe(), timeout);
			verdict = new Verdict.Error(ErrorKind.TIMEOUT,
					"Engine '" + engine.id() + "' did not finish within " + timeout, null);
		}
		catch (InterruptedException ex) {
			content.abort();
			thread.interrupt();
			Thread.currentThread().interrupt();
			verdict = new Verdict.Error(ErrorKind.TIMEOUT, "Interrupted while engine '" + engine.id() + "' scanned",
					ex);
		}
		catch (ExecutionException ex) {
			verdict = fromThrown(ex.getCause(), content, engine.id());
		}
		Duration duration = Duration.ofNanos(System.nanoTime() - start);
		return new EngineResult(engine.id(), member.required(), verdict, duration, engine.info());
	}

	private static Verdict fromThrown(Throwable thrown, MeteredInputStream content, String engineId) {
		if (thrown instanceof EngineException ex) {
			return ReadCheck.fromFailure(ex, content);
		}
		if (thrown instanceof RuntimeException || thrown instanceof StackOverflowError) {
			// An engine bug must not be able to turn into a verdict other than an error.
			return new Verdict.Error(ErrorKind.ENGINE_FAILURE,
					"Engine '" + engineId + "' failed unexpectedly: " + thrown, thrown);
		}
		if (thrown instanceof Error error) {
			throw error;
		}
		return new Verdict.Error(ErrorKind.ENGINE_FAILURE, "Engine '" + engineId + "' failed: " + thrown, thrown);
	}

}
