package dev.bucketwarden.local.oidc;

import java.util.Map;
import java.util.Objects;

/**
 * An app client whose client-credentials tokens carry claims of its own, beside those
 * every client gets ({@code sub} and {@code client_id}: the client id, {@code scope}: the
 * requested scope, {@code token_use}: {@code access}). As in Cognito, what a client's
 * tokens say is fixed when it is declared, not chosen by the request.
 *
 * @param clientId the client id, which must come in the form body ({@code client_id}, not
 * HTTP Basic): the server picks the claims by form parameter
 * @param claims further claims; values are strings, numbers, booleans, lists or maps
 */
public record OidcClient(String clientId, Map<String, Object> claims) {

	public OidcClient {
		Objects.requireNonNull(clientId, "clientId");
		claims = Map.copyOf(claims);
	}

}
