package dev.bucketwarden.agent.accounts;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

import dev.bucketwarden.local.moto.MotoOptions;
import dev.bucketwarden.local.moto.MotoServer;
import dev.bucketwarden.local.support.AwsEmulator;
import dev.bucketwarden.local.time.TestClock;
import dev.bucketwarden.store.accounts.AccountQuarantine;
import dev.bucketwarden.store.accounts.LinkedAccount;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A linked role's credentials against moto's STS: assumed once and kept, assumed again
 * once the clock is within {@code refresh-before} of their expiry, and they are the
 * role's session (GetCallerIdentity with them names the assumed role and the session).
 */
class AssumedRoleCredentialsIntegrationTests {

	private static MotoServer moto;

	private static StsClient sts;

	@BeforeAll
	static void startMoto() {
		moto = MotoServer.start(MotoOptions.in(Path.of("target", "moto-sts-" + ProcessHandle.current().pid())));
		sts = sts(StaticCredentialsProvider
			.create(AwsBasicCredentials.create(moto.accessKeyId(), moto.secretAccessKey())));
	}

	@AfterAll
	static void stopMoto() {
		if (sts != null) {
			sts.close();
		}
		if (moto != null) {
			moto.close();
		}
	}

	@Test
	void shouldAssumeTheRoleOnceAndAgainAheadOfExpiry() {
		TestClock clock = TestClock.at(Instant.now());
		LinkedAccount link = new LinkedAccount("111122223333", "Team A",
				"arn:aws:iam::111122223333:role/bucketwarden-linked", "external-1", AccountQuarantine.CENTRAL, null,
				null, null, Instant.now(), "admin");
		AssumedRoleCredentials credentials = new AssumedRoleCredentials(sts,
				AssumeRoleRequests.of(link, "bucketwarden-test-agent", Duration.ofMinutes(15)), Duration.ofMinutes(5),
				clock);

		AwsCredentials first = credentials.resolveCredentials();
		assertThat(credentials.expiration()).isAfter(clock.instant().plus(Duration.ofMinutes(14)));
		clock.advance(Duration.ofMinutes(9));
		assertThat(credentials.resolveCredentials().accessKeyId()).as("kept while fresh")
			.isEqualTo(first.accessKeyId());
		clock.advance(Duration.ofMinutes(1).plusSeconds(1));
		AwsCredentials second = credentials.resolveCredentials();
		assertThat(second.accessKeyId()).as("assumed again 5 min ahead of expiry").isNotEqualTo(first.accessKeyId());

		try (StsClient asRole = sts(StaticCredentialsProvider.create((AwsSessionCredentials) second))) {
			assertThat(asRole.getCallerIdentity().arn())
				.isEqualTo("arn:aws:sts::111122223333:assumed-role/bucketwarden-linked/bucketwarden-test-agent");
		}
	}

	private static StsClient sts(StaticCredentialsProvider credentials) {
		return StsClient.builder()
			.endpointOverride(moto.endpoint())
			.region(Region.of(AwsEmulator.REGION))
			.credentialsProvider(credentials)
			.build();
	}

}
