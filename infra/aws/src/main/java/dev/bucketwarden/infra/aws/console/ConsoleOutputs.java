package dev.bucketwarden.infra.aws.console;

import java.util.List;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.ssm.StringListParameter;
import software.amazon.awscdk.services.ssm.StringParameter;
import software.constructs.Construct;

import dev.bucketwarden.infra.aws.access.BucketGrants;
import dev.bucketwarden.infra.aws.access.ResultTagProtection;
import dev.bucketwarden.infra.aws.region.ScanningAgents;
import dev.bucketwarden.infra.aws.settings.DeploymentSettings;

/**
 * What others need to find after a deployment: SSM parameters under
 * {@link ConsoleRegionStack#PARAMETERS} for tools (and the console's settings page), and
 * stack outputs for the operator (where to point the domain name, the API's client and
 * token URL, the bucket policy statements to add by hand). Its resources keep the stack's
 * construct ids.
 */
final class ConsoleOutputs {

	private ConsoleOutputs() {
	}

	static void parameters(Construct scope, DeploymentSettings settings, ConsoleData data, ScanningAgents agents,
			ConsoleAuth auth) {
		string(scope, "ResultsTableParameter", "results-table", data.results().getTableName());
		string(scope, "FindingsTopicParameter", "findings-topic-arn", data.findings().getTopicArn());
		string(scope, "ScanQueueParameter", "scan-queue-url", agents.scanQueue().queue().getQueueUrl());
		string(scope, "RetroQueueParameter", "retro-queue-url", agents.retroQueue().queue().getQueueUrl());
		string(scope, "S3EventsTopicParameter", "s3-events-topic-arn", agents.s3Events().getTopicArn());
		string(scope, "QuarantineBucketParameter", "quarantine-bucket", agents.quarantineBucketName());
		string(scope, "UserPoolParameter", "user-pool-id", auth.userPool().getUserPoolId());
		StringListParameter.Builder.create(scope, "ProtectedBucketsParameter")
			.parameterName(ConsoleRegionStack.PARAMETERS + "protected-buckets")
			.stringListValue(settings.protectedBuckets())
			.build();
	}

	private static void string(Construct scope, String id, String name, String value) {
		StringParameter.Builder.create(scope, id)
			.parameterName(ConsoleRegionStack.PARAMETERS + name)
			.stringValue(value)
			.build();
	}

	static void outputs(Construct scope, DeploymentSettings settings, ConsoleIngress ingress, ConsoleAuth auth) {
		CfnOutput.Builder.create(scope, "LoadBalancerDnsName")
			.description("Point the console's domain name (the certificate's) here")
			.value(ingress.loadBalancer().getLoadBalancerDnsName())
			.build();
		CfnOutput.Builder.create(scope, "UserPoolId").value(auth.userPool().getUserPoolId()).build();
		CfnOutput.Builder.create(scope, "ApiClientId")
			.description("Client-credentials client of API callers (its secret is in the Cognito console)")
			.value(auth.apiClient().getUserPoolClientId())
			.build();
		CfnOutput.Builder.create(scope, "TokenUrl")
			.value(auth.domain().baseUrl() + "/oauth2/token")
			.description("POST grant_type=client_credentials&scope=" + ConsoleAuth.RESOURCE_SERVER + "/"
					+ ConsoleAuth.SCAN_SCOPE)
			.build();
		int index = 0;
		// A bucket policy names its own bucket: a pattern's buckets each need the
		// statements with their name (ResultTagProtection.statements).
		for (String bucket : settings.protectedBuckets().stream().filter((b) -> !BucketGrants.isPattern(b)).toList()) {
			List<Object> statements = ResultTagProtection.statements(Aws.PARTITION, bucket, settings.agentRoleArns())
				.stream()
				.map(PolicyStatement::toStatementJson)
				.toList();
			CfnOutput.Builder.create(scope, "ResultTagProtectionStatement" + index++)
				.description("Add these statements to the bucket policy of " + bucket
						+ ": only BucketWarden's agents may write, change or remove result tags")
				.value(Stack.of(scope).toJsonString(statements))
				.build();
		}
	}

}
