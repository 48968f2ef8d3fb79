package dev.bucketwarden.agent.findings;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import dev.bucketwarden.local.moto.MotoServer;

/**
 * Security Hub on moto server for tests of any package: the target an agent would import
 * to, and GetFindings to read back what it holds. Moto's account is 123456789012; it
 * lacks BatchUpdateFindings, so the target leaves workflow updates off.
 */
public final class SecurityHubStandIn {

	public static final String ACCOUNT = "123456789012";

	private final MotoServer moto;

	public SecurityHubStandIn(MotoServer moto) {
		this.moto = moto;
	}

	public SecurityHubTarget target() {
		return new SecurityHubTarget(this.moto.endpoint(), "aws", this.moto.region(), ACCOUNT,
				StaticCredentialsProvider
					.create(AwsBasicCredentials.create(this.moto.accessKeyId(), this.moto.secretAccessKey())),
				Duration.ofSeconds(10), false);
	}

	public String productArn() {
		return "arn:aws:securityhub:" + this.moto.region() + ":" + ACCOUNT + ":product/" + ACCOUNT + "/default";
	}

	/** Every finding of the product, read back with GetFindings. */
	public List<Map<String, Object>> findings() {
		SecurityHubTarget target = target();
		return new SecurityHubApi(target.endpoint(), target.region(), target.credentials(), target.timeout())
			.findings(productArn());
	}

}
