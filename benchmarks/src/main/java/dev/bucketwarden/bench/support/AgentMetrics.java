package dev.bucketwarden.bench.support;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.sun.tools.attach.VirtualMachine;

/**
 * An agent's Micrometer counters, read from its actuator {@code metrics} endpoint over
 * JMX: the event agent has no web server, so the benchmark attaches to the agent's JVM
 * (same user, same machine), starts its local management agent (loopback only) and asks
 * the endpoint's MBean. The agent must run with {@link #PROPERTIES}.
 */
public final class AgentMetrics implements AutoCloseable {

	/** The agent's settings that publish the metrics endpoint as an MBean. */
	public static final Map<String, String> PROPERTIES = Map.of("spring.jmx.enabled", "true",
			"management.endpoints.jmx.exposure.include", "health,metrics");

	private static final String ENDPOINT = "org.springframework.boot:type=Endpoint,name=Metrics";

	private final JMXConnector connector;

	private final MBeanServerConnection server;

	private final ObjectName endpoint;

	private final String[] signature;

	private AgentMetrics(JMXConnector connector) throws IOException {
		this.connector = connector;
		this.server = connector.getMBeanServerConnection();
		try {
			this.endpoint = new ObjectName(ENDPOINT);
			MBeanOperationInfo metric = null;
			for (MBeanOperationInfo operation : this.server.getMBeanInfo(this.endpoint).getOperations()) {
				if (operation.getName().equals("metric") && operation.getSignature().length == 2) {
					metric = operation;
				}
			}
			if (metric == null) {
				throw new IllegalStateException("The agent's metrics MBean has no metric(name, tags) operation");
			}
			this.signature = new String[] { metric.getSignature()[0].getType(), metric.getSignature()[1].getType() };
		}
		catch (javax.management.JMException ex) {
			throw new IllegalStateException("Cannot read the agent's metrics MBean " + ENDPOINT, ex);
		}
	}

	/** Attaches to the agent's JVM and connects to its metrics endpoint. */
	public static AgentMetrics connect(long pid) {
		try {
			return new AgentMetrics(attach(pid));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot attach to the agent's JVM " + pid + " for its metrics", ex);
		}
	}

	/**
	 * Attaches to a JVM of this user on this machine, starts its local management agent
	 * (loopback only) and connects to its MBean server.
	 */
	public static JMXConnector attach(long pid) throws IOException {
		try {
			VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
			String address;
			try {
				address = vm.startLocalManagementAgent();
			}
			finally {
				vm.detach();
			}
			return JMXConnectorFactory.connect(new JMXServiceURL(address));
		}
		catch (com.sun.tools.attach.AttachNotSupportedException ex) {
			throw new IOException("Cannot attach to the JVM " + pid, ex);
		}
	}

	/**
	 * The counts of a counter per combination of its tags' values, keyed by the tags as
	 * {@code name=value} joined by blanks, in the tags' order; empty if the counter does
	 * not exist yet.
	 * @param metric the counter's name
	 * @param tags the tags to split by
	 */
	public Map<String, Double> counts(String metric, List<String> tags) {
		Map<String, Double> counts = new TreeMap<>();
		Map<?, ?> all = metric(metric, List.of());
		if (all == null) {
			return counts;
		}
		Map<String, List<String>> values = new TreeMap<>();
		for (Object available : (List<?>) all.get("availableTags")) {
			Map<?, ?> tag = (Map<?, ?>) available;
			List<String> tagValues = new ArrayList<>();
			((List<?>) tag.get("values")).forEach((value) -> tagValues.add(String.valueOf(value)));
			values.put(String.valueOf(tag.get("tag")), tagValues);
		}
		collect(metric, tags, 0, new ArrayList<>(), values, counts);
		return counts;
	}

	private void collect(String metric, List<String> tags, int index, List<String> chosen,
			Map<String, List<String>> values, Map<String, Double> counts) {
		if (index == tags.size()) {
			Map<?, ?> found = metric(metric, chosen);
			if (found != null) {
				for (Object measurement : (List<?>) found.get("measurements")) {
					Map<?, ?> m = (Map<?, ?>) measurement;
					if ("COUNT".equals(String.valueOf(m.get("statistic")))) {
						counts.put(String.join(" ", chosen), ((Number) m.get("value")).doubleValue());
					}
				}
			}
			return;
		}
		String tag = tags.get(index);
		for (String value : values.getOrDefault(tag, List.of())) {
			List<String> next = new ArrayList<>(chosen);
			next.add(tag + ":" + value);
			collect(metric, tags, index + 1, next, values, counts);
		}
	}

	/** The endpoint's answer for the metric and tags, or {@code null} when none match. */
	private Map<?, ?> metric(String metric, List<String> tags) {
		Object tagArgument = this.signature[1].equals(String.class.getName()) ? String.join(",", tags)
				: new ArrayList<>(tags);
		if (tags.isEmpty()) {
			tagArgument = null;
		}
		try {
			return (Map<?, ?>) this.server.invoke(this.endpoint, "metric", new Object[] { metric, tagArgument },
					this.signature);
		}
		catch (javax.management.JMException | IOException ex) {
			throw new IllegalStateException("Cannot read " + metric + " " + tags + " from the agent", ex);
		}
	}

	@Override
	public void close() {
		try {
			this.connector.close();
		}
		catch (IOException ex) {
			// the agent may be gone already
		}
	}

}
