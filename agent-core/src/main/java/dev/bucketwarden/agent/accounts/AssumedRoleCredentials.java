package dev.bucketwarden.agent.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * A linked role's credentials: assumed at first use, kept, and assumed again once the
 * clock is within {@code refreshBefore} of their expiry.
 *
 * <p>
 * Our own rather than the SDK's {@code StsAssumeRoleCredentialsProvider}: that one
 * decides staleness on the system clock inside its cached supplier (and refreshes in a
 * background thread when asked to prefetch), so "refreshed ahead of expiry" could only be
 * tested by waiting out a real session (15 min at least). Here the clock is given, the
 * refresh happens in the caller's thread (an S3 call waits for one STS round trip, once
 * an hour), and a failed refresh is the caller's exception, retried like any S3 failure.
 */
public final class AssumedRoleCredentials implements AwsCredentialsProvider {

	private static final Logger logger = LoggerFactory.getLogger(AssumedRoleCredentials.class);

	private final StsClient sts;

	private final AssumeRoleRequest request;

	private final Duration refreshBefore;

	private final Clock clock;

	private volatile @Nullable Session session;

	public AssumedRoleCredentials(StsClient sts, AssumeRoleRequest request, Duration refreshBefore, Clock clock) {
		this.sts = sts;
		this.request = request;
		this.refreshBefore = refreshBefore;
		this.clock = clock;
	}

	@Override
	public AwsCredentials resolveCredentials() {
		Session known = this.session;
		if (known != null && fresh(known)) {
			return known.credentials();
		}
		synchronized (this) {
			known = this.session;
			if (known == null || !fresh(known)) {
				known = assume();
				this.session = known;
			}
			return known.credentials();
		}
	}

	/** When the credentials in use expire, or {@code null} before the first use. */
	public @Nullable Instant expiration() {
		Session known = this.session;
		return (known != null) ? known.expiration() : null;
	}

	private boolean fresh(Session session) {
		return this.clock.instant().isBefore(session.expiration().minus(this.refreshBefore));
	}

	private Session assume() {
		Credentials credentials = this.sts.assumeRole(this.request).credentials();
		logger.info("Assumed {} as session {} until {}", this.request.roleArn(), this.request.roleSessionName(),
				credentials.expiration());
		return new Session(AwsSessionCredentials.builder()
			.accessKeyId(credentials.accessKeyId())
			.secretAccessKey(credentials.secretAccessKey())
			.sessionToken(credentials.sessionToken())
			.expirationTime(credentials.expiration())
			.build(), credentials.expiration());
	}

	private record Session(AwsSessionCredentials credentials, Instant expiration) {
	}

}
