package dev.bucketwarden.console.accounts;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.Ec2ClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3ServiceClientConfiguration;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

import dev.bucketwarden.store.accounts.LinkedAccount;

/**
 * The console acting in a linked account: assumes the link's role with its external id
 * (session {@code bucketwarden-console}) for one piece of work: verifying the link,
 * listing the account's buckets, wiring one, listing its EBS volumes and snapshots. Each
 * use assumes afresh: the console acts in a linked account a few times a day, so the
 * agents' credential cache (agent-core, which the console may not depend on) is not worth
 * duplicating here.
 */
public class AccountRoles {

	static final String SESSION_NAME = "bucketwarden-console";

	private final StsClient sts;

	private final S3Client own;

	private final boolean pathStyle;

	/**
	 * @param own the console's own S3 client, whose region and endpoint a linked
	 * account's client takes
	 * @param pathStyle whether buckets are addressed path-style (the local stack)
	 */
	public AccountRoles(StsClient sts, S3Client own, boolean pathStyle) {
		this.sts = sts;
		this.own = own;
		this.pathStyle = pathStyle;
	}

	/** The link's role's temporary credentials (15 minutes: one piece of work). */
	AwsSessionCredentials assume(LinkedAccount account) {
		Credentials credentials = this.sts
			.assumeRole((request) -> request.roleArn(account.roleArn())
				.externalId(account.externalId())
				.roleSessionName(SESSION_NAME)
				.durationSeconds(900))
			.credentials();
		return AwsSessionCredentials.builder()
			.accessKeyId(credentials.accessKeyId())
			.secretAccessKey(credentials.secretAccessKey())
			.sessionToken(credentials.sessionToken())
			.expirationTime(credentials.expiration())
			.build();
	}

	/** Who STS says these credentials are. */
	GetCallerIdentityResponse identity(AwsSessionCredentials credentials) {
		StsClientBuilder builder = StsClient.builder()
			.region(this.sts.serviceClientConfiguration().region())
			.credentialsProvider(StaticCredentialsProvider.create(credentials));
		this.sts.serviceClientConfiguration().endpointOverride().ifPresent(builder::endpointOverride);
		try (StsClient asRole = builder.build()) {
			return asRole.getCallerIdentity();
		}
	}

	/**
	 * An S3 client of the linked account, through its role; the caller closes it.
	 */
	public S3Client s3(LinkedAccount account) {
		return s3(account, this.own.serviceClientConfiguration().region(), null);
	}

	/**
	 * An S3 client of the linked account in a region, through its role; the caller closes
	 * it. S3 takes a bucket's notification configuration only through its own region's
	 * endpoint.
	 * @param endpoint the region's endpoint (the local stack's relay of the region), or
	 * {@code null} for the console's own override, if any
	 */
	public S3Client s3(LinkedAccount account, Region region, @Nullable URI endpoint) {
		S3ServiceClientConfiguration config = this.own.serviceClientConfiguration();
		S3ClientBuilder builder = S3Client.builder()
			.region(region)
			.forcePathStyle(this.pathStyle)
			.credentialsProvider(StaticCredentialsProvider.create(assume(account)));
		if (endpoint != null) {
			builder.endpointOverride(endpoint);
		}
		else {
			config.endpointOverride().ifPresent(builder::endpointOverride);
		}
		return builder.build();
	}

	/**
	 * An EC2 client of the linked account in a region, through its role; the caller
	 * closes it.
	 * @param endpoint the EC2 endpoint override (the local stack's moto), or {@code null}
	 * for AWS's
	 */
	public Ec2Client ec2(LinkedAccount account, Region region, @Nullable URI endpoint) {
		Ec2ClientBuilder builder = Ec2Client.builder()
			.region(region)
			.httpClientBuilder(ApacheHttpClient.builder())
			.credentialsProvider(StaticCredentialsProvider.create(assume(account)));
		if (endpoint != null) {
			builder.endpointOverride(endpoint);
		}
		return builder.build();
	}

}
