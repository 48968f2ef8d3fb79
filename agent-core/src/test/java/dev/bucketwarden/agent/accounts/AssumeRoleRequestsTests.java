package dev.bucketwarden.agent.accounts;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

import dev.bucketwarden.store.accounts.AccountQuarantine;
import dev.bucketwarden.store.accounts.LinkedAccount;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AssumeRole request names the link's role and external id (without it the role's
 * trust policy refuses us) and says which agent acts.
 */
class AssumeRoleRequestsTests {

	private static final LinkedAccount LINK = new LinkedAccount("111122223333", "Team A",
			"arn:aws:iam::111122223333:role/bucketwarden-linked", "c2VjcmV0LWlzLW5vdC1zZWNyZXQ",
			AccountQuarantine.CENTRAL, null, null, null, Instant.parse("2026-12-06T10:00:00Z"), "admin");

	@Test
	void shouldCarryTheRoleTheExternalIdAndTheSessionName() {
		AssumeRoleRequest request = AssumeRoleRequests.of(LINK, AssumeRoleRequests.sessionName("event-agent"),
				Duration.ofHours(1));

		assertThat(request.roleArn()).isEqualTo("arn:aws:iam::111122223333:role/bucketwarden-linked");
		assertThat(request.externalId()).isEqualTo("c2VjcmV0LWlzLW5vdC1zZWNyZXQ");
		assertThat(request.roleSessionName()).isEqualTo("bucketwarden-event-agent");
		assertThat(request.durationSeconds()).isEqualTo(3600);
	}

	@Test
	void shouldKeepTheSessionNameWithinWhatStsTakes() {
		assertThat(AssumeRoleRequests.sessionName("retro agent/1")).isEqualTo("bucketwarden-retro-agent-1");
		assertThat(AssumeRoleRequests.sessionName("x".repeat(80))).hasSize(64).startsWith("bucketwarden-x");
	}

}
