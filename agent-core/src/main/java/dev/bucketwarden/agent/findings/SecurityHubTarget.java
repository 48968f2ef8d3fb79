package dev.bucketwarden.agent.findings;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

import dev.bucketwarden.store.settings.StoredIntegrations;

/**
 * Where an agent imports Security Hub findings: its own deployment's account and region
 * (the console only turns the integration on and says which results).
 *
 * @param endpoint the Security Hub endpoint, or {@code null} for the region's
 * @param partition the AWS partition ({@code aws}, {@code aws-cn}, ...)
 * @param region the agent's region
 * @param account the agent's account id
 * @param credentials the agent's credentials
 * @param timeout connect and read timeout of each call
 * @param workflowUpdates whether resolving an existing finding also sets its workflow
 * with BatchUpdateFindings
 */
public record SecurityHubTarget(@Nullable URI endpoint, String partition, String region, String account,
		AwsCredentialsProvider credentials, Duration timeout, boolean workflowUpdates) {

	/** A publisher of the results the toggle asks for. */
	public SecurityHubFindingPublisher publisher(StoredIntegrations.SecurityHub toggle, Clock clock) {
		URI uri = (this.endpoint != null) ? this.endpoint : SecurityHubApi.endpointOf(this.region);
		return new SecurityHubFindingPublisher(new SecurityHubApi(uri, this.region, this.credentials, this.timeout),
				new AsffFindings(this.partition, this.region, this.account), toggle, this.workflowUpdates, clock);
	}

}
