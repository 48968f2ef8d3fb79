package dev.bucketwarden.console.buckets;

import java.util.List;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.S3Exception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Which buckets a deployment can protect (its protectedBuckets: names and patterns where
 * {@code *} is any characters), and what the console says when S3 refuses to wire one.
 */
class ProtectableBucketsTests {

	@Test
	void shouldMatchNamesExactlyAndPatternsWithAnyCharactersForTheWildcard() {
		ProtectableBuckets protectable = ProtectableBuckets
			.of(List.of("acme-uploads", "acme-shared-*", "logs.*.example"));

		assertThat(protectable.limited()).isTrue();
		assertThat(List.of("acme-uploads", "acme-shared-", "acme-shared-eu.1", "logs.eu-west-1.example"))
			.allMatch(protectable::allows);
		assertThat(List.of("acme-uploads2", "acme-invoices", "xacme-shared-1", "logs.example", "logs.eu.example.org"))
			.noneMatch(protectable::allows);
	}

	@Test
	void shouldTakeRegexCharactersLiterally() {
		ProtectableBuckets protectable = ProtectableBuckets.of(List.of("a.b-*"));

		assertThat(protectable.allows("a.b-c")).isTrue();
		assertThat(protectable.allows("axb-c")).as("'.' is a dot, not any character").isFalse();
	}

	@Test
	void shouldAllowEveryBucketWithoutPatternsOrWithStar() {
		assertThat(ProtectableBuckets.of(null).allows("anything")).isTrue();
		assertThat(ProtectableBuckets.of(null).limited()).isFalse();
		assertThat(ProtectableBuckets.of(List.of()).allows("anything")).isTrue();
		assertThat(ProtectableBuckets.of(List.of("*")).allows("anything")).isTrue();
		assertThat(ProtectableBuckets.of(List.of("*")).limited()).isTrue();
	}

	@Test
	void shouldSayWhatToChangeForABucketOutsideThePatterns() {
		assertThat(ProtectableBuckets.of(List.of("acme-uploads", "acme-*")).refusal("other"))
			.isEqualTo("bucket other is outside this deployment's protectedBuckets (patterns acme-uploads, acme-*):"
					+ " add it and deploy");
	}

	@Test
	void shouldRefuseEntriesThatAreNeitherNamesNorPatterns() {
		for (String entry : List.of("", "acme uploads", "arn:aws:s3:::acme", "acme/*")) {
			assertThatIllegalArgumentException().isThrownBy(() -> ProtectableBuckets.of(List.of(entry)))
				.withMessageContaining("bucketwarden.console.protectable-buckets");
		}
	}

	@Test
	void shouldExplainAccessDeniedAndADestinationS3CannotValidate() {
		S3Exception denied = (S3Exception) S3Exception.builder()
			.statusCode(403)
			.awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").errorMessage("Access Denied").build())
			.build();
		assertThat(S3NotificationWiring.refused("change the event notifications of", "acme-x", denied).getMessage())
			.isEqualTo("S3 did not let BucketWarden change the event notifications of bucket acme-x"
					+ " (AccessDenied: Access Denied): the console's role needs s3:GetBucketNotification and"
					+ " s3:PutBucketNotification on it, which infra/aws grants for the buckets its protectedBuckets"
					+ " name or match");
		S3Exception unvalidated = (S3Exception) S3Exception.builder()
			.statusCode(400)
			.awsErrorDetails(AwsErrorDetails.builder()
				.errorCode("InvalidArgument")
				.errorMessage("Unable to validate the following destination configurations")
				.build())
			.build();
		assertThat(
				S3NotificationWiring.refused("change the event notifications of", "acme-x", unvalidated).getMessage())
			.endsWith("(InvalidArgument: Unable to validate the following destination configurations): the scan"
					+ " topic's (or queue's) policy does not let this bucket send events; infra/aws lets the buckets"
					+ " its protectedBuckets name or match");
	}

}
