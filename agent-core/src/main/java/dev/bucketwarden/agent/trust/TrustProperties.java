package dev.bucketwarden.agent.trust;

import java.util.List;

import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What the agents accept work for ({@code bucketwarden.trust}); infra/aws sets each from
 * the deployment's parameters. An empty list checks nothing, for the local stack.
 *
 * @param protectedBuckets the deployment's bucket names or patterns ({@code *} for any
 * run of characters): an object in any other bucket is never fetched, tagged or moved
 * @param allowedAccounts the AWS accounts whose buckets' events are acted on (checked
 * where the envelope names the account: SNS topic ARN, EventBridge {@code account})
 * @param allowedRegions the regions an event's record may name ({@code awsRegion})
 * @param topicArns the SNS topics an SNS-wrapped event must come from
 */
@Validated
@ConfigurationProperties("bucketwarden.trust")
public record TrustProperties(@DefaultValue List<String> protectedBuckets,
		@DefaultValue List<@Pattern(regexp = "\\d{12}",
				message = "must be a 12-digit AWS account id") String> allowedAccounts,
		@DefaultValue List<String> allowedRegions,
		@DefaultValue List<@Pattern(regexp = "arn:[\\w-]+:sns:[\\w-]+:\\d{12}:[\\w.-]+",
				message = "must be an SNS topic ARN") String> topicArns) {

	public TrustProperties {
		protectedBuckets = List.copyOf(protectedBuckets);
		allowedAccounts = List.copyOf(allowedAccounts);
		allowedRegions = List.copyOf(allowedRegions);
		topicArns = List.copyOf(topicArns);
	}

	/** Nothing checked: for tests and the local stack. */
	public static TrustProperties none() {
		return new TrustProperties(List.of(), List.of(), List.of(), List.of());
	}

}
