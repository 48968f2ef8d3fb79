package dev.bucketwarden.local.oidc;

import java.util.List;

import tools.jackson.databind.json.JsonMapper;

/**
 * The page that the authorization endpoint shows (mock-oauth2-server's
 * {@code loginPagePath}): one button per user of the options, which signs that user in
 * with its groups, and the server's own form (any username, any claims as JSON). Each
 * form posts {@code username} and {@code claims} back to the same address, authorization
 * request included, which is what the server expects. Buttons have the id
 * {@code sign-in-USERNAME} for browser tests.
 */
final class LoginPage {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private LoginPage() {
	}

	static String render(List<OidcUser> users) {
		StringBuilder html = new StringBuilder();
		html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">");
		html.append("<title>BucketWarden local sign-in</title></head>\n<body>\n");
		html.append("<h1>BucketWarden local sign-in</h1>\n");
		html.append("<p>The local stack's stand-in for Cognito: no passwords.</p>\n");
		for (OidcUser user : users) {
			html.append("<form method=\"post\">");
			hidden(html, "username", user.username());
			hidden(html, "claims", JSON.writeValueAsString(user.claims()));
			html.append("<button type=\"submit\" id=\"sign-in-").append(escape(user.username())).append("\">");
			html.append("Sign in as ").append(escape(user.username()));
			html.append(" (").append(escape(String.join(", ", user.groups()))).append(")</button></form>\n");
		}
		html.append("<h2>Someone else</h2>\n<form method=\"post\">\n");
		html.append("<p><label>Username <input type=\"text\" name=\"username\" required></label></p>\n");
		html.append("<p><label>Claims (JSON) <textarea name=\"claims\" rows=\"4\" cols=\"60\">");
		html.append("{\"cognito:groups\": [\"viewers\"]}</textarea></label></p>\n");
		html.append("<p><button type=\"submit\" id=\"sign-in\">Sign in</button></p>\n</form>\n");
		html.append("</body>\n</html>\n");
		return html.toString();
	}

	private static void hidden(StringBuilder html, String name, String value) {
		html.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"").append(escape(value));
		html.append("\">");
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
	}

}
