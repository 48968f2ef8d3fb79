package dev.bucketwarden.emulators.s3mock;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Makes a repeated {@code DeleteObject} of one version harmless, as it is on AWS S3.
 * S3Mock 5.2.3, asked to delete a version it already deleted, deletes the key's latest
 * remaining version instead: a retried delete (its first answer lost) then destroys an
 * object nobody asked to remove. Before such a delete goes on, this asks S3Mock's own
 * ListObjectVersions (by the key as prefix, on loopback) whether the version is still
 * there; when it is not, it answers 204 as S3 does and S3Mock never sees the request.
 * When the listing cannot say (an error, a truncated page, a key it cannot read), the
 * request goes on unchanged.
 */
class GoneVersionDelete extends HttpFilter {

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String versionId = request.getParameter("versionId");
		if (request.getMethod().equals("DELETE") && versionId != null && request.getParameterMap().size() == 1) {
			ObjectPath object = ObjectPath.of(request.getRequestURI());
			if (object != null && listing(request, object).isGone(object.key(), versionId)) {
				response.setStatus(HttpServletResponse.SC_NO_CONTENT);
				response.setHeader("x-amz-version-id", versionId);
				return;
			}
		}
		chain.doFilter(request, response);
	}

	private Versions listing(HttpServletRequest request, ObjectPath object) throws IOException {
		URI versions = URI.create("http://127.0.0.1:" + request.getLocalPort() + "/"
				+ URLEncoder.encode(object.bucket(), StandardCharsets.UTF_8) + "?versions&prefix="
				+ URLEncoder.encode(object.key(), StandardCharsets.UTF_8).replace("+", "%20"));
		try {
			HttpResponse<byte[]> answer = this.client.send(
					HttpRequest.newBuilder(versions).timeout(Duration.ofSeconds(30)).GET().build(),
					HttpResponse.BodyHandlers.ofByteArray());
			return (answer.statusCode() == 200) ? Versions.parse(answer.body()) : Versions.UNKNOWN;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while listing the versions of " + request.getRequestURI(), ex);
		}
	}

	/** A path-style object address: {@code /bucket/key}, its key decoded. */
	record ObjectPath(String bucket, String key) {

		static @Nullable ObjectPath of(String rawPath) {
			int slash = rawPath.indexOf('/', 1);
			if (slash < 0 || slash == rawPath.length() - 1) {
				return null;
			}
			try {
				return new ObjectPath(decode(rawPath.substring(1, slash)), decode(rawPath.substring(slash + 1)));
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		}

		/**
		 * Percent-decoding as in a path (a {@code +} stays a plus), bytes read as UTF-8.
		 */
		private static String decode(String raw) {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
			for (int i = 0; i < raw.length(); i++) {
				int c = raw.codePointAt(i);
				if (c == '%' && i + 2 < raw.length()) {
					bytes.write(HexFormat.fromHexDigits(raw, i + 1, i + 3));
					i += 2;
				}
				else if (c == '%') {
					throw new IllegalArgumentException("A truncated escape in " + raw);
				}
				else {
					bytes.writeBytes(Character.toString(c).getBytes(StandardCharsets.UTF_8));
					i += Character.charCount(c) - 1;
				}
			}
			return bytes.toString(StandardCharsets.UTF_8);
		}

	}

	/** What one page of ListObjectVersions says of the versions and delete markers. */
	static final class Versions {

		static final Versions UNKNOWN = new Versions(null);

		private final @Nullable Document document;

		private Versions(@Nullable Document document) {
			this.document = document;
		}

		static Versions parse(byte[] xml) {
			try {
				DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
				factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
				factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
				Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
				return "true".equals(text(document.getDocumentElement(), "IsTruncated")) ? UNKNOWN
						: new Versions(document);
			}
			catch (ParserConfigurationException | SAXException | IOException ex) {
				return UNKNOWN;
			}
		}

		/**
		 * True only when the listing is complete and names no such version of the key.
		 */
		boolean isGone(String key, String versionId) {
			if (this.document == null) {
				return false;
			}
			NodeList entries = this.document.getDocumentElement().getChildNodes();
			for (int i = 0; i < entries.getLength(); i++) {
				if (entries.item(i) instanceof Element entry
						&& (entry.getTagName().equals("Version") || entry.getTagName().equals("DeleteMarker"))
						&& key.equals(text(entry, "Key")) && versionId.equals(text(entry, "VersionId"))) {
					return false;
				}
			}
			return true;
		}

		private static @Nullable String text(Element parent, String name) {
			for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
				if (child instanceof Element element && element.getTagName().equals(name)) {
					return element.getTextContent();
				}
			}
			return null;
		}

	}

}
