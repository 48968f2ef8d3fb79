package dev.bucketwarden.console.security;

import java.net.URI;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cognito's {@code /logout} takes the app client and the sign-out URL, which must be one
 * of the client's sign-out URLs exactly: the console's signed-out page at the address the
 * browser used.
 */
class CognitoLogoutTests {

	private static final URI LOGOUT = URI.create("https://acme.auth.eu-west-1.amazoncognito.com/logout");

	@Test
	void shouldSendTheBrowserToCognitoWithTheClientAndTheSignedOutPage() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/logout");
		request.setScheme("https");
		request.setServerName("bucketwarden.acme.example");
		request.setServerPort(443);
		MockHttpServletResponse response = new MockHttpServletResponse();

		new CognitoLogout(LOGOUT, "abc123client").onLogoutSuccess(request, response, null);

		assertThat(response.getRedirectedUrl())
			.isEqualTo("https://acme.auth.eu-west-1.amazoncognito.com/logout?client_id=abc123client"
					+ "&logout_uri=https://bucketwarden.acme.example/signed-out");
	}

	@Test
	void shouldReplaceAClientAndSignOutUrlSpelledOutInTheSetting() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/logout");
		request.setServerName("127.0.0.1");
		request.setServerPort(8080);

		String target = new CognitoLogout(URI.create(LOGOUT + "?client_id=old&logout_uri=https://console/"), "abc")
			.target(request);

		assertThat(target).isEqualTo("https://acme.auth.eu-west-1.amazoncognito.com/logout?client_id=abc"
				+ "&logout_uri=http://127.0.0.1:8080/signed-out");
	}

}
