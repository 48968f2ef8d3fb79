package dev.bucketwarden.infra.aws.console;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.services.applicationautoscaling.EnableScalingProps;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.CpuUtilizationScalingProps;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.RequestCountScalingProps;
import software.amazon.awscdk.services.ecs.ScalableTaskCount;
import software.amazon.awscdk.services.iam.Role;
import software.constructs.Construct;

import dev.bucketwarden.infra.aws.access.AgentRoles;
import dev.bucketwarden.infra.aws.access.KmsAccess;
import dev.bucketwarden.infra.aws.access.LinkedRoles;
import dev.bucketwarden.infra.aws.access.ObjectAccess;
import dev.bucketwarden.infra.aws.access.SecurityHubAccess;
import dev.bucketwarden.infra.aws.access.TaskRoles;
import dev.bucketwarden.infra.aws.events.EventRouting;
import dev.bucketwarden.infra.aws.service.AgentEnvironment;
import dev.bucketwarden.infra.aws.service.ServiceImage;
import dev.bucketwarden.infra.aws.service.ServiceTask;
import dev.bucketwarden.infra.aws.service.ServiceTask.Spec;
import dev.bucketwarden.infra.aws.settings.DeploymentSettings;

/**
 * The API agents behind the load balancer: scan an S3 object on request, or scan an
 * upload before storing it into an upload bucket. They run the event agent's pipeline, so
 * their role scans, quarantines and records like an event agent's; they scale on requests
 * per target and on CPU. Its resources keep the stack's construct ids.
 */
final class ApiAgents {

	private ApiAgents() {
	}

	/**
	 * @param scanning the environment every scanning agent gets (results, findings,
	 * quarantine, trust)
	 */
	static FargateService create(Construct scope, DeploymentSettings settings, Path repositoryRoot, Cluster cluster,
			ConsoleData data, String quarantineBucket, ConsoleAuth auth, ConsoleIngress ingress,
			Map<String, String> scanning) {
		String region = settings.consoleRegion();
		Role role = TaskRoles.create(scope, "ApiAgentRole", AgentRoles.name(AgentRoles.API_AGENT, region));
		// /api/v1/scan/s3 runs the event agent's pipeline: it tags, quarantines and
		// records like an event agent; /api/v1/upload stores into the upload buckets.
		ObjectAccess.grantApi(role, settings.protectedBuckets(), quarantineBucket, settings.uploadBuckets());
		KmsAccess.grantThroughS3(role, settings.kmsKeys(), region);
		// The result store reads and (conditionally) puts records, nothing else.
		TaskRoles.allow(role, "RecordResults", List.of("dynamodb:GetItem", "dynamodb:PutItem"),
				List.of(data.results().getTableArn()));
		data.findings().grantPublish(role);
		TaskRoles.allow(role, "ReadBucketSettings", List.of("dynamodb:GetItem", "dynamodb:Query"),
				List.of(data.settings().getTableArn()));
		if (settings.findingsOnEventBridge()) {
			EventRouting.grantPutFindings(role, region);
		}
		SecurityHubAccess.grantFindings(role, region);
		// On-demand scans of linked accounts' objects, through their roles.
		LinkedRoles.grantAssume(role, settings.linkedAccountIds(region));
		ServiceTask task = ServiceTask.scanning(scope, "ApiAgent", Spec
			.of(ServiceImage.API_AGENT, repositoryRoot,
					AgentEnvironment.apiAgent(scanning, auth.userPool().getUserPoolProviderUrl(),
							ConsoleAuth.RESOURCE_SERVER + "/" + ConsoleAuth.SCAN_SCOPE, settings.uploadBuckets()),
					settings.logRetentionDays())
			.withPort(AgentEnvironment.HTTP_PORT)
			// Uploads are spooled until their verdict: up to the 5 GB limit each.
			.withEphemeralStorageGiB(60), role);
		FargateService service = BalancedService.create(scope, "ApiAgentService", "api-agent", cluster, task,
				settings.apiAgents().min());
		ingress.apiTargets().addTarget(service);
		ScalableTaskCount scaling = service.autoScaleTaskCount(EnableScalingProps.builder()
			.minCapacity(settings.apiAgents().min())
			.maxCapacity(settings.apiAgents().max())
			.build());
		scaling.scaleOnRequestCount("RequestsPerTarget",
				RequestCountScalingProps.builder()
					.requestsPerTarget(settings.apiRequestsPerTarget())
					.targetGroup(ingress.apiTargets())
					.build());
		scaling.scaleOnCpuUtilization("Cpu", CpuUtilizationScalingProps.builder().targetUtilizationPercent(60).build());
		return service;
	}

}
