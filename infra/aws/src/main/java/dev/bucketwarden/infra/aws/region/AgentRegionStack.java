package dev.bucketwarden.infra.aws.region;

import java.nio.file.Path;
import java.util.List;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.constructs.Construct;

import dev.bucketwarden.infra.aws.monitoring.AlarmTopic;
import dev.bucketwarden.infra.aws.monitoring.OperationsDashboard;
import dev.bucketwarden.infra.aws.monitoring.ScanAlarms;
import dev.bucketwarden.infra.aws.monitoring.ScanMetrics;
import dev.bucketwarden.infra.aws.settings.DeploymentSettings;
import dev.bucketwarden.infra.aws.settings.DeploymentSettings.AgentRegion;

/**
 * A region with protected buckets but no console: its own VPC, cluster, S3 event topic,
 * scan queue and event agents (and the retro agent's task definition), scanning next to
 * the data; results and findings go to the console region's table and topic, by name.
 * Deploy the console region first.
 */
public final class AgentRegionStack extends Stack {

	private final ScanningAgents agents;

	public AgentRegionStack(Construct scope, String id, StackProps props, DeploymentSettings settings,
			AgentRegion region, Path repositoryRoot) {
		super(scope, id, props);
		Cluster cluster = Cluster.Builder.create(this, "Cluster")
			.clusterName(RegionResources.CLUSTER)
			.vpc(Network.vpc(this, null))
			.containerInsightsV2(ContainerInsights.ENABLED)
			.build();
		AlarmTopic alarms = new AlarmTopic(this, "Alarms");
		this.agents = new ScanningAgents(this, "Scanning", new ScanningAgents.Props(region.region(),
				settings.consoleRegion(), cluster, region.protectedBuckets(), null, region.eventAgents(),
				settings.backlogPerTask(), settings.maxAttempts(), settings.logRetentionDays(), alarms.topic(),
				repositoryRoot, settings.findingsOnEventBridge(), settings.eventBridgeIntake(), region.kmsKeys(),
				settings.agentRoleArns(), settings.trustedAccounts(region.region()), settings.allowedOrganizations(),
				null, settings.breakGlassRoleArns(), settings.quarantineReaders(), settings.quarantineLockDays(),
				settings.quarantineAccessLogs(), settings.monitoring(), settings.linkedAccountIds(region.region()),
				settings.centralQuarantineAccountIds(region.region()), settings.linkedBucketsOf(region.region())));
		// Where the console starts this region's retro jobs: the ids are generated, and
		// the console region's stack cannot read them (agentRegions[].retroSubnets and
		// retroSecurityGroups take them, see docs/deployment.md, Adding a region).
		CfnOutput.Builder.create(this, "RetroSubnets")
			.description("agentRegions[" + region.region() + "].retroSubnets")
			.value(this.agents.retroSubnets())
			.build();
		CfnOutput.Builder.create(this, "RetroSecurityGroups")
			.description("agentRegions[" + region.region() + "].retroSecurityGroups")
			.value(this.agents.retroTasks().getSecurityGroupId())
			.build();
		ScanMetrics metrics = new ScanMetrics(settings.monitoring().metricsNamespace());
		ScanAlarms scanAlarms = new ScanAlarms(this, "ScanAlarms", metrics, settings.monitoring(),
				this.agents.scanQueue().queue(), alarms.topic());
		new OperationsDashboard(this, "Dashboard", "BucketWarden-" + region.region())
			.scanning(metrics, settings.monitoring(), scanAlarms)
			.queues(List.of(this.agents.scanQueue(), this.agents.retroQueue()))
			.graphs("Event agents",
					List.<IMetric>of(this.agents.eventAgents().metricCpuUtilization(),
							this.agents.eventAgents().metricMemoryUtilization()))
			.alarmStatus();
	}

	public ScanningAgents agents() {
		return this.agents;
	}

}
