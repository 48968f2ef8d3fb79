package dev.bucketwarden.bench.chaos.api;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;

import dev.bucketwarden.bench.support.AgentProcess;

/**
 * Samples the agent's heap in use (its platform MXBean, through the local management
 * agent the run starts in it: same user, loopback) and its resident set
 * ({@code /proc/PID/status}) twice a second until closed; notes when the agent ended.
 */
final class MemorySampler implements AutoCloseable {

	private static final Duration PERIOD = Duration.ofMillis(500);

	private final AgentProcess agent;

	private final long heapLimit;

	private final long rssLimit;

	private final JMXConnector connector;

	private final MemoryMXBean memory;

	private final AtomicInteger samples = new AtomicInteger();

	private final AtomicLong maxHeap = new AtomicLong();

	private final AtomicLong maxRss = new AtomicLong();

	private final AtomicReference<String> exit = new AtomicReference<>();

	private final Thread thread;

	private volatile boolean running = true;

	private MemorySampler(AgentProcess agent, long heapLimit, long rssLimit, JMXConnector connector)
			throws IOException {
		this.agent = agent;
		this.heapLimit = heapLimit;
		this.rssLimit = rssLimit;
		this.connector = connector;
		this.memory = ManagementFactory.newPlatformMXBeanProxy(connector.getMBeanServerConnection(),
				ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
		this.thread = Thread.ofPlatform().daemon().name("api-chaos-memory").start(this::sample);
	}

	static MemorySampler start(AgentProcess agent, long heapLimit, long rssLimit) {
		try {
			VirtualMachine vm = VirtualMachine.attach(Long.toString(agent.pid()));
			String address;
			try {
				address = vm.startLocalManagementAgent();
			}
			finally {
				vm.detach();
			}
			return new MemorySampler(agent, heapLimit, rssLimit,
					JMXConnectorFactory.connect(new JMXServiceURL(address)));
		}
		catch (IOException | AttachNotSupportedException ex) {
			throw new IllegalStateException("Cannot attach to the API agent's JVM " + agent.pid(), ex);
		}
	}

	private void sample() {
		while (this.running) {
			if (!this.agent.isAlive()) {
				this.exit.compareAndSet(null, "the JVM exited; the end of its log:\n" + this.agent.logTail());
				return;
			}
			try {
				long heap = this.memory.getHeapMemoryUsage().getUsed();
				long rss = rss(this.agent.pid());
				this.maxHeap.accumulateAndGet(heap, Math::max);
				this.maxRss.accumulateAndGet(rss, Math::max);
				this.samples.incrementAndGet();
			}
			catch (RuntimeException | IOException ex) {
				// the agent may be ending: the next round sees it
			}
			try {
				Thread.sleep(PERIOD);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	/** The process's resident set in bytes ({@code VmRSS}). */
	static long rss(long pid) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("[^0-9]", "")) << 10;
			}
		}
		throw new IOException("No VmRSS in /proc/" + pid + "/status");
	}

	MemorySamples samples() {
		return new MemorySamples(this.samples.get(), this.maxHeap.get(), this.heapLimit, this.maxRss.get(),
				this.rssLimit, this.exit.get());
	}

	@Override
	public void close() {
		this.running = false;
		this.thread.interrupt();
		try {
			this.thread.join(5_000);
			this.connector.close();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (IOException ex) {
			// the agent may be gone
		}
	}

}
