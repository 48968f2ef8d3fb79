package dev.bucketwarden.console.security;

import java.util.List;
import java.util.Set;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Lets only access tokens of the configured app clients into the API. A user pool signs
 * ID tokens and the tokens of every other app client with the same key and issuer, so
 * signature and issuer alone would let them in: an ID token handed to some other site, or
 * a token of an app client meant for something else. Cognito marks its tokens with
 * {@code token_use} ({@code access} or {@code id}) and names the app client in
 * {@code client_id}. Boot adds this to the API's JWT decoder after the issuer, signature
 * and expiry checks; a failure is a 401.
 */
final class ApiTokenValidator implements OAuth2TokenValidator<Jwt> {

	private final Set<String> clientIds;

	ApiTokenValidator(List<String> clientIds) {
		this.clientIds = Set.copyOf(clientIds);
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt token) {
		if (!"access".equals(token.getClaimAsString("token_use"))) {
			return invalid("Not an access token (token_use must be access)");
		}
		String clientId = token.getClaimAsString("client_id");
		if (clientId == null || !this.clientIds.contains(clientId)) {
			return invalid("The token's app client may not use this API");
		}
		return OAuth2TokenValidatorResult.success();
	}

	private static OAuth2TokenValidatorResult invalid(String description) {
		return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
	}

}
