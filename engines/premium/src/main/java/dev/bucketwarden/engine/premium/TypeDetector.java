package dev.bucketwarden.engine.premium;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;

/**
 * True file types with Apache Tika's magic database (tika-core): by content from the
 * first bytes, and by name from the extension, so the two can be compared. Thread-safe.
 */
final class TypeDetector {

	/** How many leading bytes detection looks at; Tika's magic needs no more. */
	static final int HEAD_BYTES = 64 * 1024;

	static final MediaType ZIP = MediaType.application("zip");

	static final MediaType OLE2 = MediaType.application("x-tika-msoffice");

	private static final List<MediaType> EXECUTABLES = List.of(MediaType.application("x-msdownload"),
			MediaType.application("x-elf"), MediaType.application("x-executable"), MediaType.application("x-sharedlib"),
			MediaType.application("x-mach-o"), MediaType.application("x-mach-o-universal"),
			MediaType.application("x-ms-installer"), MediaType.application("java-vm"));

	private static final List<MediaType> SCRIPTS = List.of(MediaType.application("x-sh"),
			MediaType.application("x-bat"), MediaType.text("x-python"), MediaType.text("x-perl"),
			MediaType.text("x-php"), MediaType.text("javascript"), MediaType.text("x-vbscript"),
			MediaType.application("javascript"));

	/** Windows script and executable extensions Tika has no type for. */
	private static final Set<String> SCRIPT_EXTENSIONS = Set.of("ps1", "psm1", "psd1", "hta", "wsf", "wsh", "vbe",
			"jse", "vbs", "js", "bat", "cmd", "sh", "py", "pl", "php");

	private static final Set<String> EXECUTABLE_EXTENSIONS = Set.of("exe", "dll", "com", "scr", "msi", "sys", "cpl",
			"ocx", "pif", "elf", "so", "dylib", "bin", "run", "appimage");

	private final MimeTypes types = MimeTypes.getDefaultMimeTypes();

	private final MediaTypeRegistry registry = this.types.getMediaTypeRegistry();

	/** The type of the content, from its first bytes alone (names lie). */
	MediaType byContent(byte[] head, int length) {
		try {
			return this.types.detect(new ByteArrayInputStream(head, 0, length), new Metadata());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The type a name claims, or {@code application/octet-stream} when it claims none.
	 */
	MediaType byName(String name) {
		if (name == null || name.isBlank() || extension(name).chars().allMatch(Character::isDigit)) {
			// Numeric suffixes (libssl.so.3, app.log.1) are versions and rotations, not
			// the
			// man page types Tika would read into them.
			return MediaType.OCTET_STREAM;
		}
		Metadata metadata = new Metadata();
		metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
		try {
			return this.types.detect(null, metadata);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	boolean isA(MediaType type, MediaType ancestor) {
		return this.registry.isInstanceOf(type, ancestor);
	}

	boolean isExecutable(MediaType type) {
		return EXECUTABLES.stream().anyMatch((executable) -> isA(type, executable));
	}

	boolean isScript(MediaType type) {
		return SCRIPTS.stream().anyMatch((script) -> isA(type, script));
	}

	/** Whether the name itself says "run me": an executable or script extension. */
	boolean nameIsExecutable(String name) {
		String extension = extension(name);
		return EXECUTABLE_EXTENSIONS.contains(extension) || SCRIPT_EXTENSIONS.contains(extension)
				|| isExecutable(byName(name)) || isScript(byName(name));
	}

	boolean nameIsScript(String name) {
		return SCRIPT_EXTENSIONS.contains(extension(name)) || isScript(byName(name));
	}

	/**
	 * Whether content of type {@code content} may honestly carry a name of type
	 * {@code named}: one is a kind of the other. A name that claims nothing claims no
	 * type.
	 */
	boolean compatible(MediaType content, MediaType named) {
		if (named.equals(MediaType.OCTET_STREAM) || content.equals(MediaType.OCTET_STREAM)) {
			return true;
		}
		return isA(content, named) || isA(named, content);
	}

	static String extension(String name) {
		if (name == null) {
			return "";
		}
		int dot = name.lastIndexOf('.');
		int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
		return (dot > slash) ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
	}

}
