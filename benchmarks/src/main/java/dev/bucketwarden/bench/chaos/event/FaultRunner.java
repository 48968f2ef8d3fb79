package dev.bucketwarden.bench.chaos.event;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.bucketwarden.local.clamd.ClamdServer;

/**
 * Injects a {@link FaultSchedule} while the run drains, in order, on a thread of its own:
 * each fault at its time or, when the one before took longer (a restart), right after it.
 * Every process fault is logged with its time to {@code faults.log} in the run directory
 * (the proxies log their own).
 */
final class FaultRunner {

	/** The longest a kill waits for its agent to have started. */
	private static final Duration AGENT_START = Duration.ofMinutes(3);

	private final FaultSchedule schedule;

	private final EventAgents agents;

	private final ClamdServer clamd;

	private final Duration stopFor;

	private final Consumer<FaultSchedule.Fault> aws;

	private final Path log;

	private final List<String> failures = new CopyOnWriteArrayList<>();

	private final Map<FaultSchedule.Action, Integer> done = new TreeMap<>();

	private Thread thread;

	/**
	 * @param stopFor how long clamd stays stopped: longer than the engine's read timeout
	 * @param aws arms an AWS fault on its proxy
	 */
	FaultRunner(FaultSchedule schedule, EventAgents agents, ClamdServer clamd, Duration stopFor,
			Consumer<FaultSchedule.Fault> aws, Path log) {
		this.schedule = schedule;
		this.agents = agents;
		this.clamd = clamd;
		this.stopFor = stopFor;
		this.aws = aws;
		this.log = log;
	}

	void start() {
		Instant start = Instant.now();
		this.thread = Thread.ofPlatform().daemon().name("chaos-faults").start(() -> {
			for (FaultSchedule.Fault fault : this.schedule.faults()) {
				Duration wait = Duration.between(Instant.now(), start.plus(fault.at()));
				if (!wait.isNegative() && !sleep(wait)) {
					return;
				}
				try {
					inject(fault);
					synchronized (this.done) {
						this.done.merge(fault.action(), 1, Integer::sum);
					}
				}
				catch (RuntimeException ex) {
					this.failures.add(fault + ": " + ex.getMessage());
					log("FAILED " + fault + ": " + ex);
				}
			}
		});
	}

	private void inject(FaultSchedule.Fault fault) {
		switch (fault.action()) {
			case KILL_AGENT -> {
				if (!this.agents.awaitStarted(fault.agent(), AGENT_START)) {
					throw new IllegalStateException("event agent " + (fault.agent() + 1) + " did not start within "
							+ AGENT_START.toSeconds() + " s");
				}
				long pid = this.agents.killAndRestart(fault.agent());
				log("kill -9 event agent " + (fault.agent() + 1) + " (PID " + pid + "), restarted as PID "
						+ this.agents.pids().get("event agent " + (fault.agent() + 1)));
			}
			case KILL_CLAMD -> {
				long pid = this.clamd.pid();
				this.clamd.kill();
				log("kill -9 clamd (PID " + pid + ")");
				this.clamd.restart();
				log("clamd restarted as PID " + this.clamd.pid() + " on port " + this.clamd.port());
			}
			case STOP_CLAMD -> {
				long pid = this.clamd.pid();
				signal("STOP", pid);
				log("SIGSTOP clamd (PID " + pid + ") for " + this.stopFor.toSeconds() + " s");
				sleep(this.stopFor);
				signal("CONT", pid);
				log("SIGCONT clamd (PID " + pid + ")");
			}
			case AWS -> {
				this.aws.accept(fault);
				log("armed " + fault.kind() + " on " + fault.operation() + " for " + fault.times() + " request(s)");
			}
		}
	}

	/**
	 * Waits for the schedule to be through.
	 * @return whether it is
	 */
	boolean await(Duration timeout) {
		try {
			this.thread.join(timeout);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return !this.thread.isAlive();
	}

	void stop() {
		this.thread.interrupt();
	}

	/** The faults injected so far, by action. */
	Map<FaultSchedule.Action, Integer> done() {
		synchronized (this.done) {
			return new TreeMap<>(this.done);
		}
	}

	List<String> failures() {
		return List.copyOf(this.failures);
	}

	private static void signal(String signal, long pid) {
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
			if (kill.waitFor() != 0) {
				throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	private static boolean sleep(Duration duration) {
		try {
			Thread.sleep(duration);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private synchronized void log(String line) {
		try {
			Files.writeString(this.log, Instant.now() + " " + line + "\n", StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
