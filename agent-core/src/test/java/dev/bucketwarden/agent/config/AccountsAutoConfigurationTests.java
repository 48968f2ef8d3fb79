package dev.bucketwarden.agent.config;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.bucketwarden.agent.accounts.AccountClients;
import dev.bucketwarden.agent.accounts.AccountsProperties;
import dev.bucketwarden.agent.accounts.LinkedAccounts;
import dev.bucketwarden.agent.accounts.TableLinkedAccounts;
import dev.bucketwarden.agent.storage.BucketClients;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Linked accounts' wiring ({@code bucketwarden.accounts}): the object store calls S3
 * through the account clients; links come from the settings table when there is one.
 */
class AccountsAutoConfigurationTests {

	private final ApplicationContextRunner runner = AgentCoreAutoConfigurations.runner();

	@Test
	void shouldBindTheDefaultsAndReadNoLinksWithoutASettingsTable() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			AccountsProperties accounts = context.getBean(AccountsProperties.class);
			assertThat(accounts.sessionDuration()).isEqualTo(Duration.ofHours(1));
			assertThat(accounts.refreshBefore()).isEqualTo(Duration.ofMinutes(5));
			assertThat(context.getBean(LinkedAccounts.class)).isSameAs(LinkedAccounts.NONE);
			assertThat(context.getBean(BucketClients.class)).isInstanceOf(AccountClients.class);
		});
	}

	@Test
	void shouldReadLinksFromTheSettingsTable() {
		this.runner
			.withPropertyValues("bucketwarden.settings.table=settings",
					"bucketwarden.accounts.sts-endpoint=http://127.0.0.1:1",
					"bucketwarden.accounts.session-duration=2h", "bucketwarden.accounts.own-account=123456789012")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(LinkedAccounts.class)).isInstanceOf(TableLinkedAccounts.class);
				assertThat(context.getBean(AccountsProperties.class).ownAccount()).isEqualTo("123456789012");
			});
	}

	@Test
	void shouldRefuseARefreshAsLongAsTheSession() {
		this.runner
			.withPropertyValues("bucketwarden.accounts.session-duration=15m",
					"bucketwarden.accounts.refresh-before=15m")
			.run((context) -> assertThat(context).hasFailed());
	}

}
