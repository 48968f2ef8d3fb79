package dev.bucketwarden.infra.aws.region;

import software.amazon.awscdk.Aws;

/**
 * The console region's tables and findings topic, which the agents of every region use.
 * Their names are fixed: a further region's stack names them (and grants on them) before
 * or without any reference to the console region's stack, which creates them.
 */
public final class SharedResources {

	public static final String RESULTS_TABLE = "bucketwarden-results";

	public static final String FINDINGS_TOPIC = "bucketwarden-findings";

	/** The retro jobs' table (console region): their counters and checkpoints. */
	public static final String JOBS_TABLE = "bucketwarden-jobs";

	/** The console's settings table, which the agents read bucket settings from. */
	public static final String SETTINGS_TABLE = "bucketwarden-settings";

	private SharedResources() {
	}

	/** A table of the console region, in the stack's partition and account. */
	static String tableArn(String consoleRegion, String table) {
		return "arn:" + Aws.PARTITION + ":dynamodb:" + consoleRegion + ":" + Aws.ACCOUNT_ID + ":table/" + table;
	}

	/** The findings topic of the console region, in the stack's partition and account. */
	static String findingsTopicArn(String consoleRegion) {
		return "arn:" + Aws.PARTITION + ":sns:" + consoleRegion + ":" + Aws.ACCOUNT_ID + ":" + FINDINGS_TOPIC;
	}

}
