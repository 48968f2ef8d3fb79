package dev.bucketwarden.local.oidc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How to run one OIDC server.
 *
 * @param workDir where its login page and log go (keys and tokens live in memory: a new
 * server signs with new keys)
 * @param issuerId the path of the issuer whose tokens carry our claims
 * ({@code http://127.0.0.1:PORT/ISSUER_ID})
 * @param clients app clients with claims of their own
 * @param users the users of the login page's one-click buttons
 * @param heap the child JVM's maximum heap
 * @param startTimeout how long to wait until it serves its discovery document
 */
public record OidcOptions(Path workDir, String issuerId, List<OidcClient> clients, List<OidcUser> users, String heap,
		Duration startTimeout) {

	/** The issuer of the local stack and of tests. */
	public static final String ISSUER_ID = "bucketwarden";

	public OidcOptions {
		Objects.requireNonNull(workDir, "workDir");
		if (!issuerId.matches("[A-Za-z0-9._-]+")) {
			throw new IllegalArgumentException("An issuer id is one path segment: " + issuerId);
		}
		clients = List.copyOf(clients);
		users = List.copyOf(users);
	}

	/**
	 * Defaults for tests and the local stack, in the given work directory: the
	 * {@code bucketwarden} issuer and the users {@link OidcUser#ADMIN} and
	 * {@link OidcUser#VIEWER}.
	 */
	public static OidcOptions in(Path workDir) {
		return new OidcOptions(workDir, ISSUER_ID, List.of(), List.of(OidcUser.ADMIN, OidcUser.VIEWER), "64m",
				Duration.ofSeconds(60));
	}

	public OidcOptions withClients(OidcClient... clients) {
		List<OidcClient> all = new ArrayList<>(this.clients);
		all.addAll(List.of(clients));
		return new OidcOptions(this.workDir, this.issuerId, all, this.users, this.heap, this.startTimeout);
	}

	public OidcOptions withHeap(String heap) {
		return new OidcOptions(this.workDir, this.issuerId, this.clients, this.users, heap, this.startTimeout);
	}

}
