package dev.bucketwarden.bench.chaos.event;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.bucketwarden.bench.support.AgentProcess;
import dev.bucketwarden.bench.support.Pause;

/**
 * The run's event agents, each a JVM of its own that the schedule kills with SIGKILL and
 * restarts with the same settings. Every incarnation logs to a file of its own, so the
 * logs of killed agents stay for the counts at the end.
 */
final class EventAgents implements AutoCloseable {

	private static final String STARTED = "Started EventAgentApplication";

	private final Path jar;

	private final List<String> jvmOptions;

	private final Map<String, String> properties;

	private final Path logs;

	private final AgentProcess[] current;

	private final int[] incarnations;

	private final List<AgentProcess> all = new ArrayList<>();

	EventAgents(Path jar, List<String> jvmOptions, Map<String, String> properties, Path logs, int count) {
		this.jar = jar;
		this.jvmOptions = List.copyOf(jvmOptions);
		this.properties = Map.copyOf(properties);
		this.logs = logs;
		this.current = new AgentProcess[count];
		this.incarnations = new int[count];
	}

	synchronized void startAll() {
		for (int i = 0; i < this.current.length; i++) {
			start(i);
		}
	}

	private void start(int index) {
		this.incarnations[index]++;
		AgentProcess agent = AgentProcess.start(this.jar, this.jvmOptions, this.properties,
				this.logs.resolve("event-agent-" + (index + 1) + "." + this.incarnations[index] + ".log"));
		this.current[index] = agent;
		this.all.add(agent);
	}

	/**
	 * Waits until agent {@code index} has started (its "Started" log line), so a kill
	 * hits a working agent rather than a JVM still starting; bounded.
	 * @return whether it started in time
	 */
	boolean awaitStarted(int index, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			AgentProcess agent;
			synchronized (this) {
				agent = this.current[index];
			}
			if (agent.logLines().stream().anyMatch((line) -> line.contains(STARTED))) {
				return true;
			}
			if (!agent.isAlive()) {
				return false;
			}
			Pause.sleep(Duration.ofMillis(500));
		}
		return false;
	}

	/**
	 * Kills agent {@code index} with SIGKILL and starts it again; returns the old PID.
	 */
	synchronized long killAndRestart(int index) {
		AgentProcess agent = this.current[index];
		long pid = agent.pid();
		agent.kill();
		start(index);
		return pid;
	}

	/** The running agents' PIDs, by name. */
	synchronized Map<String, Long> pids() {
		Map<String, Long> pids = new LinkedHashMap<>();
		for (int i = 0; i < this.current.length; i++) {
			pids.put("event agent " + (i + 1), this.current[i].pid());
		}
		return pids;
	}

	/**
	 * Fails with the agent's log tail if one of the current agents has died by itself.
	 */
	synchronized List<String> unexpectedExits() {
		List<String> exits = new ArrayList<>();
		for (int i = 0; i < this.current.length; i++) {
			if (!this.current[i].isAlive()) {
				exits.add("event agent " + (i + 1) + " exited by itself; the end of " + this.current[i].log() + ":\n"
						+ this.current[i].logTail());
			}
		}
		return exits;
	}

	/** Every line every incarnation logged. */
	synchronized List<String> logLines() {
		List<String> lines = new ArrayList<>();
		this.all.forEach((agent) -> lines.addAll(agent.logLines()));
		return lines;
	}

	int count() {
		return this.current.length;
	}

	@Override
	public synchronized void close() {
		for (AgentProcess agent : this.current) {
			if (agent != null) {
				agent.close();
			}
		}
	}

}
