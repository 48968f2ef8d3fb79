package dev.bucketwarden.infra.aws;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;

import dev.bucketwarden.infra.aws.console.ConsoleRegionStack;
import dev.bucketwarden.infra.aws.linked.LinkedAccountStack;
import dev.bucketwarden.infra.aws.region.AgentRegionStack;
import dev.bucketwarden.infra.aws.settings.DeploymentSettings;
import dev.bucketwarden.infra.aws.settings.LinkedAccount;

/**
 * The CDK app: {@code BucketWarden-Console} in the console region, one
 * {@code BucketWarden-Agents-<region>} per further region, and one
 * {@code BucketWarden-Linked-<account>} per linked account (deployed into that account).
 * cdk.json runs {@link #main}; tests call {@link #build} on an app of their own.
 */
public final class BucketWardenApp {

	public static final String CONSOLE_STACK = "BucketWarden-Console";

	public static final String AGENT_STACK_PREFIX = "BucketWarden-Agents-";

	/** The CDK feature flag that makes server access logs use a bucket policy. */
	static final String ACCESS_LOGS_BY_POLICY = "@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy";

	private final ConsoleRegionStack console;

	private final List<AgentRegionStack> agentRegions;

	private final List<LinkedAccountStack> linkedAccounts;

	private BucketWardenApp(ConsoleRegionStack console, List<AgentRegionStack> agentRegions,
			List<LinkedAccountStack> linkedAccounts) {
		this.console = console;
		this.agentRegions = List.copyOf(agentRegions);
		this.linkedAccounts = List.copyOf(linkedAccounts);
	}

	public static void main(String[] args) {
		App app = new App();
		build(app, Path.of(String.valueOf(app.getNode().tryGetContext("repositoryRoot")).replace("null", "../..")));
		app.synth();
	}

	/**
	 * Adds the stacks to the app, from the settings in its context.
	 * @param repositoryRoot the repository, the images' build context
	 */
	public static BucketWardenApp build(App app, Path repositoryRoot) {
		DeploymentSettings settings = DeploymentSettings.from(app.getNode());
		// S3 delivers the quarantine bucket's access logs under a bucket policy (for the
		// logging service, from that bucket only), not a log-delivery ACL: the log bucket
		// keeps ACLs off (bucket owner enforced).
		app.getNode().setContext(ACCESS_LOGS_BY_POLICY, true);
		Path root = repositoryRoot.toAbsolutePath().normalize();
		ConsoleRegionStack console = new ConsoleRegionStack(app, CONSOLE_STACK,
				props(settings, settings.consoleRegion(), "BucketWarden console region: console, API, event agents"),
				settings, root);
		List<AgentRegionStack> regions = new ArrayList<>();
		for (DeploymentSettings.AgentRegion region : settings.agentRegions()) {
			AgentRegionStack stack = new AgentRegionStack(app, AGENT_STACK_PREFIX + region.region(),
					props(settings, region.region(), "BucketWarden agents of " + region.region()), settings, region,
					root);
			stack.addDependency(console, "results go to the console region's table and findings topic");
			regions.add(stack);
		}
		List<LinkedAccountStack> linked = new ArrayList<>();
		for (LinkedAccount account : settings.linkedAccounts()) {
			// Deployed into the linked account, with its credentials, after the central
			// stacks (its role trusts their roles, which must exist).
			linked.add(new LinkedAccountStack(app, LinkedAccountStack.PREFIX + account.account(),
					StackProps.builder()
						.env(Environment.builder().account(account.account()).region(settings.consoleRegion()).build())
						.description("BucketWarden linked account " + account.name() + ": the role the deployment in "
								+ settings.account() + " assumes")
						.build(),
					settings, account));
		}
		for (Stack stack : app.getNode()
			.getChildren()
			.stream()
			.filter(Stack.class::isInstance)
			.map(Stack.class::cast)
			.toList()) {
			Tags.of(stack).add("application", "bucketwarden");
		}
		return new BucketWardenApp(console, regions, linked);
	}

	private static StackProps props(DeploymentSettings settings, String region, String description) {
		return StackProps.builder()
			.env(Environment.builder().account(settings.account()).region(region).build())
			.description(description)
			.build();
	}

	public ConsoleRegionStack console() {
		return this.console;
	}

	public List<AgentRegionStack> agentRegions() {
		return this.agentRegions;
	}

	public List<LinkedAccountStack> linkedAccounts() {
		return this.linkedAccounts;
	}

}
