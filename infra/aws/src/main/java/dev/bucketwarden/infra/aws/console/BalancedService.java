package dev.bucketwarden.infra.aws.console;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.FargateService;
import software.constructs.Construct;

import dev.bucketwarden.infra.aws.service.ServiceTask;

/**
 * A service behind the load balancer (the console, the API agents), deployed the same
 * way: the old tasks stay until the new ones are healthy, a failed deployment rolls back,
 * and the load balancer gives a starting Spring Boot task ten minutes before its health
 * checks count.
 */
final class BalancedService {

	private BalancedService() {
	}

	static FargateService create(Construct scope, String id, String name, Cluster cluster, ServiceTask task,
			int desired) {
		return FargateService.Builder.create(scope, id)
			.serviceName(name)
			.cluster(cluster)
			.taskDefinition(task.taskDefinition())
			.desiredCount(desired)
			.minHealthyPercent(100)
			.healthCheckGracePeriod(Duration.minutes(10))
			.circuitBreaker(DeploymentCircuitBreaker.builder().rollback(true).build())
			.vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build())
			.build();
	}

}
