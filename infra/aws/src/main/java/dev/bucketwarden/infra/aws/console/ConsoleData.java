package dev.bucketwarden.infra.aws.console;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

import dev.bucketwarden.infra.aws.region.SharedResources;

/**
 * What the whole deployment records into, in the console region: the results, jobs and
 * settings tables and the findings topic, under the fixed names every region's agents
 * find them by ({@link SharedResources}). The tables are kept when the stack goes: they
 * are the deployment's history. Its resources keep the stack's construct ids.
 */
final class ConsoleData {

	private final Table results;

	private final Table jobs;

	private final Table settings;

	private final Topic findings;

	ConsoleData(Construct scope) {
		this.results = table(scope, "ResultsTable", SharedResources.RESULTS_TABLE);
		this.jobs = table(scope, "JobsTable", SharedResources.JOBS_TABLE);
		this.settings = table(scope, "SettingsTable", SharedResources.SETTINGS_TABLE);
		this.findings = Topic.Builder.create(scope, "Findings")
			.topicName(SharedResources.FINDINGS_TOPIC)
			.displayName("BucketWarden findings: infected, unscannable and failed scans")
			.enforceSsl(true)
			.build();
	}

	private static Table table(Construct scope, String id, String name) {
		// Every table is keyed (pk, sk) as the data model's and the retro jobs' code
		// defines.
		return Table.Builder.create(scope, id)
			.tableName(name)
			.partitionKey(Attribute.builder().name("pk").type(AttributeType.STRING).build())
			.sortKey(Attribute.builder().name("sk").type(AttributeType.STRING).build())
			.billingMode(BillingMode.PAY_PER_REQUEST)
			.encryption(TableEncryption.AWS_MANAGED)
			.pointInTimeRecoverySpecification(
					PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build())
			.removalPolicy(RemovalPolicy.RETAIN)
			.build();
	}

	Table results() {
		return this.results;
	}

	Table jobs() {
		return this.jobs;
	}

	Table settings() {
		return this.settings;
	}

	Topic findings() {
		return this.findings;
	}

}
