package dev.bucketwarden.infra.aws.access;

import java.util.ArrayList;
import java.util.List;

/**
 * The names and ARNs of the roles that write result tags: the event and retro agents of
 * every region the deployment has, and the API agents of the console region. The names
 * are fixed (no CloudFormation-generated suffix), so a stack can name the roles of the
 * other regions' stacks before those exist, and a bucket policy can exempt exactly these
 * ARNs: a name pattern would let anyone who may create a role match it.
 */
public final class AgentRoles {

	/** Every agent's role name starts with this (and ends with its region). */
	static final String PREFIX = "bucketwarden-agent-";

	/** The agents that scan in every region. */
	static final List<String> REGIONAL_AGENTS = List.of("event", "retro");

	/** The agent that runs in the console region only. */
	public static final String API_AGENT = "api";

	private AgentRoles() {
	}

	/**
	 * The role name of one agent ({@code event}, {@code retro}, {@code api}) in a region.
	 */
	public static String name(String agent, String region) {
		return PREFIX + agent + "-" + region;
	}

	public static String arn(String partition, String account, String roleName) {
		return "arn:" + partition + ":iam::" + account + ":role/" + roleName;
	}

	/**
	 * The ARNs of every role that writes result tags, in a fixed order: the console
	 * region's event, retro and API agents, then each further region's event and retro
	 * agents.
	 */
	public static List<String> arns(String partition, String account, String consoleRegion, List<String> agentRegions) {
		List<String> arns = new ArrayList<>();
		for (String agent : REGIONAL_AGENTS) {
			arns.add(arn(partition, account, name(agent, consoleRegion)));
		}
		arns.add(arn(partition, account, name(API_AGENT, consoleRegion)));
		for (String region : agentRegions) {
			for (String agent : REGIONAL_AGENTS) {
				arns.add(arn(partition, account, name(agent, region)));
			}
		}
		return List.copyOf(arns);
	}

}
