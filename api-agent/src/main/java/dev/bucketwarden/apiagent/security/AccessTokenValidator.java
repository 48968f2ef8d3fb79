package dev.bucketwarden.apiagent.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Accepts only access tokens meant for this API: {@code token_use} (Cognito's) is
 * {@code access} when present, an {@code aud} names one of ours, and the
 * {@code client_id} is one of the configured app clients. Spring Boot adds it to the
 * validators of the decoder it builds from the issuer, after signature, issuer and
 * lifetime; a failure is a 401, like a bad signature.
 */
class AccessTokenValidator implements OAuth2TokenValidator<Jwt> {

	private final TokenProperties properties;

	AccessTokenValidator(TokenProperties properties) {
		this.properties = properties;
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt token) {
		List<OAuth2Error> errors = new ArrayList<>();
		Object tokenUse = token.getClaims().get("token_use");
		if (tokenUse != null && !"access".equals(tokenUse)) {
			errors.add(invalid("not an access token"));
		}
		List<String> audience = token.getAudience();
		if (audience != null && !audience.isEmpty() && !intersects(audience, this.properties.audiences())) {
			errors.add(invalid("not meant for this API (audience)"));
		}
		if (!this.properties.clientIds().isEmpty()
				&& !this.properties.clientIds().contains(token.getClaimAsString("client_id"))) {
			errors.add(invalid("not from an app client of this API"));
		}
		return errors.isEmpty() ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(errors);
	}

	private static boolean intersects(Collection<String> audience, Collection<String> ours) {
		return audience.stream().anyMatch(ours::contains);
	}

	private static OAuth2Error invalid(String description) {
		return new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The token is " + description, null);
	}

}
