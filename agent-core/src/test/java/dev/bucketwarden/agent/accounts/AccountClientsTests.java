package dev.bucketwarden.agent.accounts;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import dev.bucketwarden.agent.storage.StorageException;
import dev.bucketwarden.store.accounts.AccountQuarantine;
import dev.bucketwarden.store.accounts.LinkedAccount;
import dev.bucketwarden.store.settings.BucketConfiguration;
import dev.bucketwarden.store.settings.BucketHome;
import dev.bucketwarden.store.settings.BucketRules;
import dev.bucketwarden.store.settings.BucketSettings;
import dev.bucketwarden.store.settings.BucketSettingsProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Which client a bucket gets, and the lifecycle of a linked account's client: one per
 * account, kept while its role and external id stay, replaced (the old one closed) when
 * they change, closed when the link is removed. No S3 call is made.
 */
class AccountClientsTests {

	private static final String LINKED = "111122223333";

	private final S3Client own = client();

	private final Map<String, LinkedAccount> links = new ConcurrentHashMap<>();

	private final List<Made> made = new ArrayList<>();

	private final AccountClients clients = new AccountClients(this.own, "123456789012", new MapLinks(this.links),
			new Homes(Map.of("linked-bucket", LINKED, "other-bucket", "999988887777", "own-named", "123456789012")),
			(link) -> {
				Made client = new Made(link, client());
				this.made.add(client);
				return client.client();
			});

	@AfterEach
	void close() {
		this.clients.close();
		this.own.close();
	}

	@Test
	void shouldGiveTheOwnClientToTheDeploymentsBuckets() {
		assertThat(this.clients.forBucket("plain")).isSameAs(this.own);
		assertThat(this.clients.forBucket("own-named")).as("home names the own account").isSameAs(this.own);
		assertThat(this.made).isEmpty();
	}

	@Test
	void shouldKeepOneClientPerLinkedAccountAndUseItForItsQuarantineBucket() {
		this.links.put(LINKED, link("external-1", AccountQuarantine.IN_ACCOUNT));

		S3Client first = this.clients.forBucket("linked-bucket");

		assertThat(first).isNotSameAs(this.own);
		assertThat(this.clients.forBucket("linked-bucket")).isSameAs(first);
		assertThat(this.clients.forBucket("linked-q")).as("the account's own quarantine bucket").isSameAs(first);
		assertThat(this.made).hasSize(1);
	}

	@Test
	void shouldReplaceTheClientWhenTheRoleChangesAndDropItWhenTheLinkIsRemoved() {
		this.links.put(LINKED, link("external-1", AccountQuarantine.IN_ACCOUNT));
		S3Client first = this.clients.forBucket("linked-bucket");
		this.links.put(LINKED, link("external-1", AccountQuarantine.IN_ACCOUNT).verified(Instant.now(), "arn"));
		assertThat(this.clients.forBucket("linked-bucket")).as("a verification changes no role").isSameAs(first);

		this.links.put(LINKED, link("external-2", AccountQuarantine.IN_ACCOUNT));
		S3Client second = this.clients.forBucket("linked-bucket");

		assertThat(second).isNotSameAs(first);
		assertThat(this.made).hasSize(2);
		assertThat(this.made.get(1).link().externalId()).isEqualTo("external-2");
		assertThat(this.clients.linkedClients()).isEqualTo(1);

		this.links.remove(LINKED);
		assertThat(this.clients.forBucket("plain")).isSameAs(this.own);
		assertThat(this.clients.linkedClients()).as("closed with its link").isZero();
		assertThatExceptionOfType(StorageException.class).isThrownBy(() -> this.clients.forBucket("linked-bucket"))
			.withMessageContaining("Account " + LINKED + " is not linked");
	}

	@Test
	void shouldHaveNoClientForAnAccountThatIsNotLinked() {
		assertThatExceptionOfType(StorageException.class).isThrownBy(() -> this.clients.forBucket("other-bucket"))
			.withMessageContaining("999988887777");
		assertThat(this.made).isEmpty();
	}

	private static LinkedAccount link(String externalId, AccountQuarantine quarantine) {
		return new LinkedAccount(LINKED, "Team A", "arn:aws:iam::" + LINKED + ":role/bucketwarden-linked", externalId,
				quarantine, "linked-q", null, null, Instant.now(), "admin");
	}

	private static S3Client client() {
		return S3Client.builder()
			.region(Region.US_EAST_1)
			.endpointOverride(URI.create("http://127.0.0.1:1"))
			.credentialsProvider(AnonymousCredentialsProvider.create())
			.build();
	}

	private record Made(LinkedAccount link, S3Client client) {
	}

	private record MapLinks(Map<String, LinkedAccount> links) implements LinkedAccounts {

		@Override
		public Optional<LinkedAccount> link(String accountId) {
			return Optional.ofNullable(this.links.get(accountId));
		}

		@Override
		public Collection<LinkedAccount> all() {
			return this.links.values();
		}

	}

	/** Buckets whose home names an account; every other bucket is the deployment's. */
	private record Homes(Map<String, String> accounts) implements BucketSettingsProvider {

		@Override
		public BucketSettings forBucket(String bucket) {
			return BucketSettings.quarantineTo("central-q");
		}

		@Override
		public Set<String> quarantineBuckets() {
			return Set.of("central-q");
		}

		@Override
		public BucketConfiguration configuration(String bucket) {
			return new BucketConfiguration(bucket, forBucket(bucket), BucketRules.NONE, true, false,
					new BucketHome(null, this.accounts.get(bucket)));
		}

	}

}
