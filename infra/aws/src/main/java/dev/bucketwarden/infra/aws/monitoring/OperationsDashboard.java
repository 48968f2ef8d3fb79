package dev.bucketwarden.infra.aws.monitoring;

import java.util.ArrayList;
import java.util.List;

import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.constructs.Construct;

import dev.bucketwarden.infra.aws.queue.WorkQueue;

/**
 * One region's dashboard: queue backlogs and dead letters, the agents' CPU and memory,
 * the alarms, and whatever the stack adds (the console region adds the load balancer).
 */
public final class OperationsDashboard extends Construct {

	private final Dashboard dashboard;

	public OperationsDashboard(Construct scope, String id, String name) {
		super(scope, id);
		this.dashboard = Dashboard.Builder.create(this, "Dashboard").dashboardName(name).build();
	}

	public OperationsDashboard queues(List<WorkQueue> queues) {
		List<IMetric> backlog = new ArrayList<>();
		List<IMetric> dead = new ArrayList<>();
		List<IAlarm> alarms = new ArrayList<>();
		for (WorkQueue queue : queues) {
			backlog.add(queue.queue().metricApproximateNumberOfMessagesVisible());
			backlog.add(queue.queue().metricApproximateAgeOfOldestMessage());
			dead.add(queue.deadLetterQueue().metricApproximateNumberOfMessagesVisible());
			alarms.add(queue.deadLetterAlarm());
		}
		add(graph("Queue backlog and oldest message age", backlog), graph("Dead letters", dead),
				AlarmStatusWidget.Builder.create().title("Alarms").alarms(alarms).width(8).build());
		return this;
	}

	public OperationsDashboard graphs(String title, List<IMetric> metrics) {
		add(graph(title, metrics));
		return this;
	}

	private void add(IWidget... widgets) {
		this.dashboard.addWidgets(widgets);
	}

	private static GraphWidget graph(String title, List<IMetric> metrics) {
		return GraphWidget.Builder.create().title(title).left(metrics).width(8).build();
	}

}
