package dev.bucketwarden.infra.aws.access;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * SSE-KMS: S3 decrypts an object encrypted with a customer managed key only for a caller
 * that may use the key itself (kms:Decrypt; kms:GenerateDataKey to write a copy or an
 * upload into a bucket whose default encryption is that key). The deployment's
 * {@code kmsKeys} get these two actions, through S3 of the agent's region only
 * (kms:ViaService): the agents can never call KMS with them directly. The key policy must
 * let the account's IAM policies grant use of the key (the default key policy does).
 * Without a grant an object under such a key is recorded as Error/ACCESS_DENIED, never
 * Clean. Objects under the AWS managed key {@code aws/s3} need nothing: its key policy
 * lets every principal of the account use it through S3.
 */
public final class KmsAccess {

	static final List<String> ACTIONS = List.of("kms:Decrypt", "kms:GenerateDataKey");

	private KmsAccess() {
	}

	public static void grantThroughS3(IGrantable agent, List<String> keys, String region) {
		if (keys.isEmpty()) {
			return;
		}
		agent.getGrantPrincipal()
			.addToPrincipalPolicy(PolicyStatement.Builder.create()
				.sid("UseBucketKeysThroughS3")
				.effect(Effect.ALLOW)
				.actions(ACTIONS)
				.resources(keys)
				.conditions(Map.of("StringEquals", Map.of("kms:ViaService", "s3." + region + "." + Aws.URL_SUFFIX)))
				.build());
	}

}
