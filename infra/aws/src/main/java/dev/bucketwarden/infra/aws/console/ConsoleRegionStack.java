package dev.bucketwarden.infra.aws.console;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeTarget;
import software.constructs.Construct;

import dev.bucketwarden.infra.aws.access.AgentRoles;
import dev.bucketwarden.infra.aws.events.EventRouting;
import dev.bucketwarden.infra.aws.monitoring.AlarmTopic;
import dev.bucketwarden.infra.aws.monitoring.OperationsDashboard;
import dev.bucketwarden.infra.aws.monitoring.ScanAlarms;
import dev.bucketwarden.infra.aws.monitoring.ScanMetrics;
import dev.bucketwarden.infra.aws.region.Network;
import dev.bucketwarden.infra.aws.region.RegionResources;
import dev.bucketwarden.infra.aws.region.ScanningAgents;
import dev.bucketwarden.infra.aws.region.SharedResources;
import dev.bucketwarden.infra.aws.service.AgentEnvironment;
import dev.bucketwarden.infra.aws.settings.DeploymentSettings;
import dev.bucketwarden.infra.aws.settings.DeploymentSettings.AgentRegion;

/**
 * The console region: the scanning side every region has ({@link ScanningAgents}), plus
 * the results, jobs and settings tables and the findings topic ({@link ConsoleData}),
 * Cognito ({@link ConsoleAuth}), the load balancer ({@link ConsoleIngress}) in front of
 * the API agents ({@link ApiAgents}) and the console ({@link ConsoleService}), SSM
 * parameters and outputs with what others need to find ({@link ConsoleOutputs}), and the
 * dashboard.
 * <p>
 * The parts build into this stack, not into constructs of their own: a further level
 * would change every logical id, and CloudFormation would replace the tables, roles and
 * services of existing deployments.
 */
public final class ConsoleRegionStack extends Stack {

	public static final String PARAMETERS = "/bucketwarden/";

	private final ScanningAgents agents;

	public ConsoleRegionStack(Construct scope, String id, StackProps props, DeploymentSettings settings,
			Path repositoryRoot) {
		super(scope, id, props);
		String region = settings.consoleRegion();
		IVpc vpc = Network.vpc(this, settings.vpcId());
		Cluster cluster = Cluster.Builder.create(this, "Cluster")
			.clusterName("bucketwarden")
			.vpc(vpc)
			.containerInsightsV2(ContainerInsights.ENABLED)
			.build();
		AlarmTopic alarms = new AlarmTopic(this, "Alarms");
		ConsoleData data = new ConsoleData(this);

		this.agents = new ScanningAgents(this, "Scanning",
				new ScanningAgents.Props(region, region, cluster, settings.protectedBuckets(),
						settings.quarantineBucket(), settings.eventAgents(), settings.backlogPerTask(),
						settings.maxAttempts(), settings.logRetentionDays(), alarms.topic(), repositoryRoot,
						settings.findingsOnEventBridge(), settings.eventBridgeIntake(), settings.kmsKeys(),
						settings.agentRoleArns(), settings.trustedAccounts(region), settings.allowedOrganizations(),
						consoleRoleArn(region), settings.breakGlassRoleArns(), settings.quarantineReaders(),
						settings.quarantineLockDays(), settings.quarantineAccessLogs(), settings.monitoring(),
						settings.linkedAccountIds(region), settings.centralQuarantineAccountIds(region),
						settings.linkedBucketsOf(region)));
		// The agents find both by name; the dependency orders the deployment.
		this.agents.getNode().addDependency(data.results(), data.findings());
		// One scheduler for every region: a schedule of a further region's buckets runs
		// with that region's queue and task, by the names the console gets too.
		Map<String, String> furtherRegions = new LinkedHashMap<>();
		List<AgentRegion> agentRegions = settings.agentRegions();
		for (int i = 0; i < agentRegions.size(); i++) {
			furtherRegions.putAll(AgentEnvironment.retroRegion(i, RegionResources.forConsole(agentRegions.get(i),
					settings.linkedBucketsOf(agentRegions.get(i).region()))));
		}
		this.agents.addRetroScheduler(furtherRegions, settings.agentRegionNames());

		ConsoleIngress ingress = new ConsoleIngress(this, "Ingress", vpc);
		String consoleUrl = "https://" + ((settings.consoleDomainName() != null) ? settings.consoleDomainName()
				: ingress.loadBalancer().getLoadBalancerDnsName());
		ConsoleAuth auth = new ConsoleAuth(this, "Auth", settings.cognitoDomainPrefix(), consoleUrl, settings.mfa());
		ingress.listen();
		if (settings.wafRequestsPer5Minutes() > 0) {
			ingress.limitRequests(settings.wafRequestsPer5Minutes());
		}

		Map<String, String> scanning = AgentEnvironment.monitoring(
				AgentEnvironment.trust(
						AgentEnvironment.scanning(region, region, SharedResources.RESULTS_TABLE,
								SharedResources.SETTINGS_TABLE, data.findings().getTopicArn(),
								settings.findingsOnEventBridge() ? EventRouting.DEFAULT_BUS : null,
								this.agents.quarantineBucketName()),
						this.agents.intakeBuckets(), settings.trustedAccounts(region), region,
						this.agents.s3Events().getTopicArn()),
				settings.monitoring().metricsNamespace(), settings.monitoring().signatureMaxAgeHours());
		ScanMetrics metrics = new ScanMetrics(settings.monitoring().metricsNamespace());
		FargateService apiAgents = ApiAgents.create(this, settings, repositoryRoot, cluster, data,
				this.agents.quarantineBucketName(), auth, ingress, scanning);
		metrics.grantPublish(apiAgents.getTaskDefinition().getTaskRole());
		ConsoleService.create(this, settings, repositoryRoot, cluster, data, this.agents, auth, ingress, consoleUrl);

		ConsoleOutputs.parameters(this, settings, data, this.agents, auth);
		ScanAlarms scanAlarms = new ScanAlarms(this, "ScanAlarms", metrics, settings.monitoring(),
				this.agents.scanQueue().queue(), alarms.topic());
		new OperationsDashboard(this, "Dashboard", "BucketWarden-" + region)
			.scanning(metrics, settings.monitoring(), scanAlarms)
			.queues(List.of(this.agents.scanQueue(), this.agents.retroQueue()))
			.graphs("Event agents",
					List.<IMetric>of(this.agents.eventAgents().metricCpuUtilization(),
							this.agents.eventAgents().metricMemoryUtilization()))
			.graphs("API",
					List.<IMetric>of(ingress.loadBalancer().getMetrics().requestCount(),
							ingress.loadBalancer().getMetrics().httpCodeTarget(HttpCodeTarget.TARGET_5XX_COUNT),
							ingress.apiTargets().getMetrics().targetResponseTime()))
			.alarmStatus();
		ConsoleOutputs.outputs(this, settings, ingress, auth);
	}

	/** The console's role has a fixed name, so policies can name its exact ARN. */
	public static String consoleRoleName(String region) {
		return "bucketwarden-console-" + region;
	}

	private static String consoleRoleArn(String region) {
		return AgentRoles.arn(Aws.PARTITION, Aws.ACCOUNT_ID, consoleRoleName(region));
	}

	public ScanningAgents agents() {
		return this.agents;
	}

}
