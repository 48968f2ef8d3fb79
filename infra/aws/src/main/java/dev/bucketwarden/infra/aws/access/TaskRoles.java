package dev.bucketwarden.infra.aws.access;

import java.util.List;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

/**
 * The roles BucketWarden's tasks run as, and the one-statement grants they get. Every
 * task role has a fixed name, so bucket, topic and queue policies can name its exact ARN
 * (a pattern would let anyone who may create a role match it), and short sessions.
 */
public final class TaskRoles {

	private TaskRoles() {
	}

	/** A role ECS tasks assume, named {@code roleName}, with one-hour sessions. */
	public static Role create(Construct scope, String id, String roleName) {
		return Role.Builder.create(scope, id)
			.roleName(roleName)
			.assumedBy(new ServicePrincipal("ecs-tasks.amazonaws.com"))
			.maxSessionDuration(Duration.hours(1))
			.build();
	}

	/**
	 * Allows {@code actions} on {@code resources}, under a statement id that says why.
	 */
	public static void allow(Role role, String sid, List<String> actions, List<String> resources) {
		role.addToPolicy(PolicyStatement.Builder.create()
			.sid(sid)
			.effect(Effect.ALLOW)
			.actions(actions)
			.resources(resources)
			.build());
	}

}
