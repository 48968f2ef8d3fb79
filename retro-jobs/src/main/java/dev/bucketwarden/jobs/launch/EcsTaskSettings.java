package dev.bucketwarden.jobs.launch;

import java.util.List;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where and how the retro agent's ECS tasks run; bound from the console's
 * {@code bucketwarden.console.retro.ecs} and the retro agent's
 * {@code bucketwarden.retro.launcher.ecs}, which say the same.
 *
 * @param cluster the ECS cluster
 * @param taskDefinition the retro agent's task definition (family or ARN)
 * @param containerName the retro agent's container in it
 * @param subnets subnets of the tasks (awsvpc)
 * @param securityGroups their security groups
 * @param assignPublicIp whether tasks get a public IP (no NAT gateway)
 * @param platformVersion the Fargate platform version
 * @param capacityProvider a capacity provider such as {@code FARGATE_SPOT}, or unset for
 * the FARGATE launch type
 */
public record EcsTaskSettings(String cluster, String taskDefinition, @DefaultValue("retro-agent") String containerName,
		@DefaultValue List<String> subnets, @DefaultValue List<String> securityGroups,
		@DefaultValue("false") boolean assignPublicIp, @DefaultValue("LATEST") String platformVersion,
		String capacityProvider) {

	/**
	 * Whether a task can be started with these settings: RunTask needs a cluster, a task
	 * definition and (awsvpc) subnets.
	 */
	public boolean complete() {
		return this.cluster != null && this.taskDefinition != null && !this.subnets.isEmpty();
	}

}
