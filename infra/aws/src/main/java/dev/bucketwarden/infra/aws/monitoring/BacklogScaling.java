package dev.bucketwarden.infra.aws.monitoring;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import software.amazon.awscdk.services.applicationautoscaling.CfnScalingPolicy;
import software.amazon.awscdk.services.applicationautoscaling.ScalableTarget;
import software.amazon.awscdk.services.applicationautoscaling.ServiceNamespace;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.ICluster;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

import dev.bucketwarden.infra.aws.settings.DeploymentSettings.Capacity;

/**
 * Scales the event agents on the scan queue's backlog per task (visible messages divided
 * by running tasks), the measure AWS recommends for queue workers: a fixed queue-depth
 * threshold scales too late with few tasks and too early with many. The CDK's target
 * tracking accepts no metric math, so the policy is written at the CloudFormation level.
 * Running tasks come from Container Insights, which the cluster enables; at least one
 * task always runs so the division is defined.
 */
public final class BacklogScaling extends Construct {

	private final ScalableTarget target;

	public BacklogScaling(Construct scope, String id, ICluster cluster, FargateService service, IQueue queue,
			Capacity capacity, int backlogPerTask) {
		this(scope, id, cluster, service, queue, null, capacity, backlogPerTask);
	}

	/**
	 * Scales on the scan queue's backlog and the large-object queue's together: the same
	 * agents take both, and a large object's parts are work like objects are.
	 * @param parts the large-object queue, or {@code null}
	 */
	public BacklogScaling(Construct scope, String id, ICluster cluster, FargateService service, IQueue queue,
			@Nullable IQueue parts, Capacity capacity, int backlogPerTask) {
		super(scope, id);
		this.target = ScalableTarget.Builder.create(this, "Target")
			.serviceNamespace(ServiceNamespace.ECS)
			.scalableDimension("ecs:service:DesiredCount")
			.resourceId("service/" + cluster.getClusterName() + "/" + service.getServiceName())
			.minCapacity(capacity.min())
			.maxCapacity(capacity.max())
			.build();
		this.target.getNode().addDependency(service);
		CfnScalingPolicy.Builder.create(this, "BacklogPerTask")
			.policyName("scan-backlog-per-task")
			.policyType("TargetTrackingScaling")
			.scalingTargetId(this.target.getScalableTargetId())
			.targetTrackingScalingPolicyConfiguration(
					CfnScalingPolicy.TargetTrackingScalingPolicyConfigurationProperty.builder()
						.targetValue(backlogPerTask)
						.scaleOutCooldown(60)
						.scaleInCooldown(300)
						.customizedMetricSpecification(CfnScalingPolicy.CustomizedMetricSpecificationProperty.builder()
							.metrics(metrics(cluster, service, queue, parts))
							.build())
						.build())
			.build();
	}

	private static List<CfnScalingPolicy.TargetTrackingMetricDataQueryProperty> metrics(ICluster cluster,
			FargateService service, IQueue queue, @Nullable IQueue parts) {
		List<CfnScalingPolicy.TargetTrackingMetricDataQueryProperty> metrics = new ArrayList<>();
		metrics.add(query("visible", "AWS/SQS", "ApproximateNumberOfMessagesVisible",
				List.of(dimension("QueueName", queue.getQueueName())), "Sum"));
		if (parts != null) {
			metrics.add(query("parts", "AWS/SQS", "ApproximateNumberOfMessagesVisible",
					List.of(dimension("QueueName", parts.getQueueName())), "Sum"));
		}
		metrics.add(query("tasks", "ECS/ContainerInsights", "RunningTaskCount", List
			.of(dimension("ClusterName", cluster.getClusterName()), dimension("ServiceName", service.getServiceName())),
				"Average"));
		metrics.add(CfnScalingPolicy.TargetTrackingMetricDataQueryProperty.builder()
			.id("backlogPerTask")
			.expression((parts != null) ? "(visible + parts) / tasks" : "visible / tasks")
			.label((parts != null) ? "Scan queue messages and large-object parts per running event agent"
					: "Scan queue messages per running event agent")
			.returnData(true)
			.build());
		return metrics;
	}

	public ScalableTarget target() {
		return this.target;
	}

	private static CfnScalingPolicy.TargetTrackingMetricDataQueryProperty query(String id, String namespace,
			String name, List<CfnScalingPolicy.TargetTrackingMetricDimensionProperty> dimensions, String stat) {
		return CfnScalingPolicy.TargetTrackingMetricDataQueryProperty.builder()
			.id(id)
			.returnData(false)
			.metricStat(CfnScalingPolicy.TargetTrackingMetricStatProperty.builder()
				.metric(CfnScalingPolicy.TargetTrackingMetricProperty.builder()
					.namespace(namespace)
					.metricName(name)
					.dimensions(dimensions)
					.build())
				.stat(stat)
				.build())
			.build();
	}

	private static CfnScalingPolicy.TargetTrackingMetricDimensionProperty dimension(String name, String value) {
		return CfnScalingPolicy.TargetTrackingMetricDimensionProperty.builder().name(name).value(value).build();
	}

}
