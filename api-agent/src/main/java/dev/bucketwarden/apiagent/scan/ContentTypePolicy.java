package dev.bucketwarden.apiagent.scan;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;

/**
 * The Content-Type an upload is stored with. The content's type is detected from its
 * first bytes (tika-core's magic numbers, never the name). The client's claim is kept
 * when it is the detected type or a more specific kind of it ({@code application/json}
 * for detected {@code text/plain}), unless it is a type a browser runs (HTML, SVG, XML,
 * JavaScript): then only an exact match keeps it. Otherwise the detected type is stored
 * and the claim recorded beside it, so an app serving the object does not hand a browser
 * an HTML page that claimed to be a PNG.
 */
final class ContentTypePolicy {

	/** User metadata key of the client's claim when it was not stored. */
	static final String CLAIMED_METADATA = "bucketwarden-claimed-content-type";

	private static final MimeTypes TYPES = MimeTypes.getDefaultMimeTypes();

	private static final Set<String> ACTIVE = Set.of("text/html", "application/xhtml+xml", "image/svg+xml", "text/xml",
			"application/xml", "text/javascript", "application/javascript", "application/ecmascript");

	private ContentTypePolicy() {
	}

	/**
	 * @param stored the Content-Type to store
	 * @param claimed the client's claim when it was not stored, else {@code null}
	 */
	record Decision(String stored, String claimed) {
	}

	static Decision decide(Path content, String claim) throws IOException {
		MediaType detected;
		try (InputStream in = new BufferedInputStream(Files.newInputStream(content))) {
			detected = TYPES.detect(in, new Metadata());
		}
		MediaType claimed = (claim != null) ? MediaType.parse(claim.trim().toLowerCase(Locale.ROOT)) : null;
		if (claimed == null) {
			return new Decision(detected.toString(), (claim != null && !claim.isBlank()) ? printable(claim) : null);
		}
		if (keeps(claimed.getBaseType(), detected.getBaseType())) {
			return new Decision(claimed.toString(), null);
		}
		return new Decision(detected.toString(), printable(claim));
	}

	/** S3 metadata is sent as headers: printable ASCII, and short. */
	private static String printable(String claim) {
		String ascii = claim.replaceAll("[^\\x20-\\x7E]", "?");
		return (ascii.length() > 200) ? ascii.substring(0, 200) : ascii;
	}

	private static boolean keeps(MediaType claimed, MediaType detected) {
		if (claimed.equals(detected)) {
			return true;
		}
		MediaTypeRegistry registry = TYPES.getMediaTypeRegistry();
		MediaType normalized = registry.normalize(claimed);
		if (normalized.equals(registry.normalize(detected))) {
			return true;
		}
		return !ACTIVE.contains(normalized.toString()) && registry.isInstanceOf(normalized, detected);
	}

}
