package dev.bucketwarden.console.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The console's settings ({@code bucketwarden.console}).
 *
 * @param settingsTable the DynamoDB table of protected buckets, integrations and the
 * audit log (agents read it through {@code bucketwarden.settings.table})
 * @param groupsClaim the token claim with the user's groups
 * @param adminGroup members change settings and start scans
 * @param viewerGroup members only read
 * @param logoutUrl where sign-out sends the browser to end the IdP session when the
 * provider's discovery has no end_session_endpoint (Cognito:
 * {@code https://DOMAIN/logout}); the console sets its {@code client_id} and
 * {@code logout_uri} (its signed-out page, which must be one of the app client's sign-out
 * URLs); unset, the provider's end_session_endpoint is used
 * @param maxRecords how many scan records one view reads at most (the results table is
 * scanned: this bounds time and cost)
 * @param scanQueueUrl the scan queue; when set, admins can rescan an object from its
 * finding
 * @param notificationTarget the ARN of the SNS topic or SQS queue that protecting a
 * bucket wires its event notifications to (the local stack sets its scan topic, which the
 * S3 event relay serves); unset, protecting only records the settings
 * @param parametersPath an SSM Parameter Store path whose parameters are shown as global
 * settings; unset, SSM is not used
 * @param webhookTimeout how long a webhook test may take
 * @param ssmEndpoint SSM endpoint override, or unset for AWS's
 * @param protectableBuckets the buckets this deployment can protect: names or patterns
 * with {@code *} (infra/aws sets its {@code protectedBuckets}, whose buckets alone its
 * roles and S3 event topic cover); unset, any bucket (the local stack)
 * @param agentRoleArns the exact ARNs of every role that writes result tags (the event,
 * retro and API agents' roles of every region; infra/aws sets them): the bucket policy
 * statements the Bucket page shows and applies exempt these and no one else; unset (the
 * local stack), no statement can be built and applying is refused
 * @param breakGlassRoleArns the exact ARNs of the roles that may still read objects a
 * bucket's read gate holds back (incident response); infra/aws sets them
 * @param bucketPolicyEndpoint where the console reads and writes bucket policies, when
 * not through its S3 client: for the local stack and tests, whose S3 stand-in (S3Mock)
 * has no bucket policies; unset in AWS, where one S3 client does everything
 */
@Validated
@ConfigurationProperties("bucketwarden.console")
public record ConsoleProperties(@NotBlank @DefaultValue("bucketwarden-settings") String settingsTable,
		@NotBlank @DefaultValue("cognito:groups") String groupsClaim,
		@NotBlank @DefaultValue("admins") String adminGroup, @NotBlank @DefaultValue("viewers") String viewerGroup,
		URI logoutUrl, @Min(100) @Max(1_000_000) @DefaultValue("10000") int maxRecords, String scanQueueUrl,
		String notificationTarget, String parametersPath, @DefaultValue("5s") Duration webhookTimeout, URI ssmEndpoint,
		List<String> protectableBuckets,
		List<@Pattern(regexp = IAM_ROLE_ARN, message = IAM_ROLE_ARN_MESSAGE) String> agentRoleArns,
		List<@Pattern(regexp = IAM_ROLE_ARN, message = IAM_ROLE_ARN_MESSAGE) String> breakGlassRoleArns,
		URI bucketPolicyEndpoint) {

	/**
	 * An IAM role's ARN, its path included: what {@code aws:PrincipalArn} holds for a
	 * session of the role, in any partition.
	 */
	public static final String IAM_ROLE_ARN = "arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}";

	static final String IAM_ROLE_ARN_MESSAGE = "must be an IAM role ARN such as arn:aws:iam::123456789012:role/name";

	public ConsoleProperties {
		agentRoleArns = (agentRoleArns != null) ? List.copyOf(agentRoleArns) : List.of();
		breakGlassRoleArns = (breakGlassRoleArns != null) ? List.copyOf(breakGlassRoleArns) : List.of();
	}

}
