package dev.bucketwarden.emulators.s3mock;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Makes S3Mock answer GET and HEAD of an object with {@code x-amz-tagging-count} when the
 * object has tags, as AWS S3 does and S3Mock does not: clients that trust the header (the
 * agents skip reading the tags of an object S3 says has none) then behave here as they do
 * against AWS. The count comes from S3Mock's own tagging API, asked on loopback before
 * the request goes on.
 */
class TagCountHeader extends HttpFilter {

	private static final Pattern TAG = Pattern.compile("<Tag>");

	/** Query parameters that still address the object's content, not a sub-resource. */
	private static final Set<String> CONTENT_PARAMETERS = Set.of("versionId", "partNumber", "response-content-type",
			"response-content-disposition", "response-content-encoding", "response-content-language",
			"response-cache-control", "response-expires", "x-id");

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (addressesObjectContent(request)) {
			int count = tagCount(request);
			if (count > 0) {
				response.setHeader("x-amz-tagging-count", Integer.toString(count));
			}
		}
		chain.doFilter(request, response);
	}

	private static boolean addressesObjectContent(HttpServletRequest request) {
		String method = request.getMethod();
		if (!method.equals("GET") && !method.equals("HEAD")) {
			return false;
		}
		String path = request.getRequestURI();
		int slash = path.indexOf('/', 1);
		if (slash < 0 || slash == path.length() - 1) {
			return false;
		}
		for (String name : request.getParameterMap().keySet()) {
			if (!CONTENT_PARAMETERS.contains(name)) {
				return false;
			}
		}
		return true;
	}

	/** The object's tag count, or 0 when it has none or S3Mock cannot say. */
	private int tagCount(HttpServletRequest request) throws IOException {
		String versionId = request.getParameter("versionId");
		URI tagging = URI.create("http://127.0.0.1:" + request.getLocalPort() + request.getRequestURI() + "?tagging"
				+ ((versionId != null) ? "&versionId=" + URLEncoder.encode(versionId, StandardCharsets.UTF_8) : ""));
		try {
			HttpResponse<String> answer = this.client.send(
					HttpRequest.newBuilder(tagging).timeout(Duration.ofSeconds(30)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			if (answer.statusCode() != 200) {
				return 0;
			}
			Matcher tags = TAG.matcher(answer.body());
			int count = 0;
			while (tags.find()) {
				count++;
			}
			return count;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while reading the tags of " + request.getRequestURI(), ex);
		}
	}

}
