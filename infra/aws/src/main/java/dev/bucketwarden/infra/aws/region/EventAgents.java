package dev.bucketwarden.infra.aws.region;

import java.util.Map;

import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.iam.Role;
import software.constructs.Construct;

import dev.bucketwarden.infra.aws.monitoring.BacklogScaling;
import dev.bucketwarden.infra.aws.queue.WorkQueue;
import dev.bucketwarden.infra.aws.service.AgentEnvironment;
import dev.bucketwarden.infra.aws.service.ServiceImage;
import dev.bucketwarden.infra.aws.service.ServiceTask;
import dev.bucketwarden.infra.aws.service.ServiceTask.Spec;

/**
 * The event agents: a service that consumes the scan queue, scaled on the queue's backlog
 * per task, under a role that may also send poison messages straight to the dead-letter
 * queue. Its resources keep the scanning side's construct ids.
 */
final class EventAgents {

	private final Role role;

	private final FargateService service;

	/**
	 * @param scanning the environment every scanning agent gets (results, findings,
	 * quarantine, trust)
	 */
	EventAgents(Construct scope, ScanningAgents.Props props, String quarantineBucket, WorkQueue scanQueue,
			WorkQueue largeObjectQueue, Map<String, String> scanning) {
		this.role = ScanningRole.create(scope, "EventAgentRole", "event", props, quarantineBucket);
		scanQueue.queue().grantConsumeMessages(this.role);
		// Poison messages go straight to the DLQ, with the reason as an attribute.
		scanQueue.deadLetterQueue().grantSendMessages(this.role);
		// Event agents start large-object jobs (one message per part) and scan the parts.
		largeObjectQueue.queue().grantSendMessages(this.role);
		largeObjectQueue.queue().grantConsumeMessages(this.role);
		ServiceTask task = ServiceTask.scanning(scope, "EventAgent",
				Spec.of(ServiceImage.EVENT_AGENT, props.repositoryRoot(),
						AgentEnvironment.eventAgent(scanning, scanQueue.queue().getQueueUrl(), props.maxAttempts()),
						props.logRetentionDays()),
				this.role);
		this.service = FargateService.Builder.create(scope, "EventAgentService")
			.serviceName("event-agent")
			.cluster(props.cluster())
			.taskDefinition(task.taskDefinition())
			.desiredCount(props.eventAgents().min())
			.minHealthyPercent(100)
			.circuitBreaker(DeploymentCircuitBreaker.builder().rollback(true).build())
			.vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build())
			.build();
		new BacklogScaling(scope, "EventAgentScaling", props.cluster(), this.service, scanQueue.queue(),
				largeObjectQueue.queue(), props.eventAgents(), props.backlogPerTask());
	}

	Role role() {
		return this.role;
	}

	FargateService service() {
		return this.service;
	}

}
