package dev.bucketwarden.console;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import dev.bucketwarden.local.oidc.OidcServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Real tokens and real sign-ins from the local OIDC server, shaped as Cognito's: access
 * tokens with {@code token_use=access} and {@code client_id}, ID tokens with
 * {@code token_use=id}, the user's groups in {@code cognito:groups}. The server puts the
 * claims of a sign-in into both tokens, so each helper signs in once for the token it
 * needs. Sessions come from the console's own sign-in (authorization code flow, the
 * console redeeming the code at the server's token endpoint), in MockMvc or over HTTP.
 */
final class OidcSignIn {

	/** Another app client of the same user pool: its tokens are not for the console. */
	static final String OTHER_CLIENT = "some-other-app";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private OidcSignIn() {
	}

	static Map<String, Object> claims(String username, List<String> groups, String tokenUse) {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("cognito:username", username);
		claims.put("cognito:groups", groups);
		claims.put("token_use", tokenUse);
		return claims;
	}

	/** An access token of the app client for the user in these groups. */
	static String accessToken(OidcServer oidc, String clientId, String username, List<String> groups) {
		return oidc.userTokens(clientId, username, claims(username, groups, "access")).accessToken();
	}

	/** The ID token of the console's client for the user in these groups. */
	static String idToken(OidcServer oidc, String username, List<String> groups) {
		return oidc.userTokens(OidcServer.CONSOLE_CLIENT_ID, username, claims(username, groups, "id")).idToken();
	}

	/** A console access token, signed by the server, that expired an hour ago. */
	static String expiredAccessToken(OidcServer oidc, String username, List<String> groups) {
		long now = System.currentTimeMillis() / 1000;
		Map<String, Object> claims = claims(username, groups, "access");
		claims.put("iat", now - 7200);
		claims.put("nbf", now - 7200);
		claims.put("exp", now - 3600);
		return oidc.userTokens(OidcServer.CONSOLE_CLIENT_ID, username, claims).accessToken();
	}

	/**
	 * A console access token in every claim but its issuer: another issuer of the same
	 * server, with keys of its own.
	 */
	static String foreignIssuerAccessToken(OidcServer oidc, String username, List<String> groups) {
		URI issuer = oidc.issuerUri("elsewhere");
		String redirect = "http://127.0.0.1/signed-in";
		URI authorize = URI.create(issuer + "/authorize?" + form(Map.of("client_id", OidcServer.CONSOLE_CLIENT_ID,
				"response_type", "code", "redirect_uri", redirect, "scope", "openid", "state", "s", "nonce", "n")));
		Map<String, String> code = query(signIn(authorize, username, claims(username, groups, "access")));
		Map<String, String> exchange = new LinkedHashMap<>();
		exchange.put("grant_type", "authorization_code");
		exchange.put("code", code.get("code"));
		exchange.put("redirect_uri", redirect);
		exchange.put("client_id", OidcServer.CONSOLE_CLIENT_ID);
		exchange.put("client_secret", OidcServer.CLIENT_SECRET);
		HttpResponse<String> tokens = post(URI.create(issuer + "/token"), exchange);
		assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
		return (String) JSON.readValue(tokens.body(), MAP).get("access_token");
	}

	/**
	 * Signs the user in to the console in MockMvc, as a browser would: the console sends
	 * it to the server's authorization endpoint, the login form posts the user with its
	 * groups, and the console redeems the code.
	 */
	static MockHttpSession session(MockMvc mvc, String username, List<String> groups) throws Exception {
		MockHttpSession session = new MockHttpSession();
		String authorize = mvc.perform(get("/oauth2/authorization/console").session(session))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		Map<String, String> answer = query(signIn(URI.create(authorize), username, claims(username, groups, "id")));
		String landing = mvc
			.perform(get("/login/oauth2/code/console").queryParam("code", answer.get("code"))
				.queryParam("state", answer.get("state"))
				.session(session))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		assertThat(landing).as("signed in, not sent back to sign in").doesNotContain("error");
		return session;
	}

	/**
	 * Signs the user in to a running console over HTTP: the {@code Cookie} header of the
	 * session. Kept by hand: the session cookie is {@code Secure}, and Java's cookie
	 * manager does not send those over http to 127.0.0.1 as browsers do.
	 */
	static String sessionCookie(URI console, String username, List<String> groups) throws Exception {
		HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
		HttpResponse<Void> start = client.send(
				HttpRequest.newBuilder(console.resolve("/oauth2/authorization/console")).build(),
				HttpResponse.BodyHandlers.discarding());
		String cookie = cookie(start, null);
		URI authorize = URI.create(start.headers().firstValue("Location").orElseThrow());
		URI callback = URI.create(signIn(authorize, username, claims(username, groups, "id")));
		HttpResponse<Void> signedIn = client
			.send(HttpRequest.newBuilder(console.resolve(callback.getRawPath() + "?" + callback.getRawQuery()))
				.header("Cookie", cookie)
				.build(), HttpResponse.BodyHandlers.discarding());
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
		return cookie(signedIn, cookie);
	}

	/** The session cookie the response sets (a new one at sign-in), else the one sent. */
	private static String cookie(HttpResponse<?> response, String sent) {
		return response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((header) -> header.startsWith("BW_SESSION="))
			.map((header) -> header.substring(0, header.indexOf(';')))
			.findFirst()
			.orElse(sent);
	}

	/** Posts the login form; the server answers with a redirect carrying the code. */
	private static String signIn(URI authorize, String username, Map<String, Object> claims) {
		HttpResponse<String> answer = post(authorize,
				Map.of("username", username, "claims", JSON.writeValueAsString(claims)));
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
		return answer.headers().firstValue("Location").orElseThrow();
	}

	private static HttpResponse<String> post(URI uri, Map<String, String> form) {
		try {
			return HTTP.send(HttpRequest.newBuilder(uri)
				.timeout(Duration.ofSeconds(10))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form(form)))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String form(Map<String, String> parameters) {
		return parameters.entrySet()
			.stream()
			.map((p) -> URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	static Map<String, String> query(String location) {
		Map<String, String> parameters = new LinkedHashMap<>();
		String query = URI.create(location).getRawQuery();
		for (String pair : (query != null) ? query.split("&") : new String[0]) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
		}
		return parameters;
	}

}
