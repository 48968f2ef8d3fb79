package dev.bucketwarden.console.security;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Ends the Cognito session after ours through its {@code /logout} endpoint, which takes
 * the app client ({@code client_id}) and where to go next ({@code logout_uri}, one of the
 * client's sign-out URLs, exactly): the console's signed-out page, so that the browser
 * does not land on a page that signs it straight in again. The console's own address
 * comes from the request (behind the load balancer, from its X-Forwarded headers).
 */
final class CognitoLogout implements LogoutSuccessHandler {

	private final URI logoutUrl;

	private final String clientId;

	CognitoLogout(URI logoutUrl, String clientId) {
		this.logoutUrl = logoutUrl;
		this.clientId = clientId;
	}

	@Override
	public void onLogoutSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
			throws IOException {
		response.sendRedirect(target(request));
	}

	String target(HttpServletRequest request) {
		String signedOut = ServletUriComponentsBuilder.fromContextPath(request)
			.path("/signed-out")
			.replaceQuery(null)
			.build()
			.toUriString();
		// Replaces what an older setting spelled out in the URL itself.
		return UriComponentsBuilder.fromUri(this.logoutUrl)
			.replaceQueryParam("client_id", this.clientId)
			.replaceQueryParam("logout_uri", signedOut)
			.encode()
			.build()
			.toUriString();
	}

}
