package dev.bucketwarden.engine.premium;

import dev.bucketwarden.engine.spi.UnscannableReason;

/**
 * The policy rules: each has the name an infected verdict carries, the reason an
 * unscannable verdict carries, its settings key and its default action.
 */
enum Rule {

	/** Executable content under a name that claims another type (a PE named .pdf). */
	DISGUISED_EXECUTABLE("DisguisedExecutable", UnscannableReason.UNSUPPORTED, Action.INFECTED),

	/**
	 * Content of another type than its name claims, executables aside. Off by default:
	 * names lie innocently too (JSON detected as text).
	 */
	TYPE_MISMATCH("TypeMismatch", UnscannableReason.UNSUPPORTED, Action.OFF),

	/** Executables (PE, ELF, Mach-O, MSI), by content. */
	BLOCKED_EXECUTABLE("BlockedType.Executable", UnscannableReason.UNSUPPORTED, Action.OFF),

	/** Scripts, by content (shebang) or by name (.ps1, .vbs, .js, .bat, ...). */
	BLOCKED_SCRIPT("BlockedType.Script", UnscannableReason.UNSUPPORTED, Action.OFF),

	/** Office documents with VBA macros (OOXML vbaProject.bin, OLE2 _VBA_PROJECT). */
	BLOCKED_MACRO("BlockedType.Macro", UnscannableReason.UNSUPPORTED, Action.OFF),

	/** A media type listed in {@code blocked-types}. */
	BLOCKED_TYPE("BlockedType", UnscannableReason.UNSUPPORTED, Action.INFECTED),

	/** An encrypted archive entry: nothing inside can be checked. */
	ENCRYPTED_ARCHIVE("EncryptedArchive", UnscannableReason.ENCRYPTED, Action.UNSCANNABLE),

	/** Archives nested deeper than {@code max-nesting-depth}. */
	NESTING_TOO_DEEP("ArchiveNesting", UnscannableReason.LIMITS_EXCEEDED, Action.UNSCANNABLE),

	/** An entry expanding more than {@code max-compression-ratio} times its size. */
	ZIP_BOMB("ZipBomb", UnscannableReason.LIMITS_EXCEEDED, Action.INFECTED),

	/** More entries than {@code max-entries}, all levels together. */
	TOO_MANY_ENTRIES("ArchiveEntries", UnscannableReason.LIMITS_EXCEEDED, Action.UNSCANNABLE),

	/** More expanded bytes than {@code max-expanded-size}, all levels together. */
	EXPANDED_TOO_LARGE("ArchiveExpandedSize", UnscannableReason.LIMITS_EXCEEDED, Action.UNSCANNABLE),

	/** An archive that cannot be read (corrupt, unsupported compression). */
	CORRUPT_ARCHIVE("CorruptArchive", UnscannableReason.UNSUPPORTED, Action.UNSCANNABLE),

	/** The content's SHA-256 is on the blocklist. */
	BLOCKLISTED("Blocklisted", UnscannableReason.UNSUPPORTED, Action.INFECTED);

	static final String PREFIX = "BucketWarden.Policy.";

	private final String signature;

	private final UnscannableReason reason;

	private final Action defaultAction;

	Rule(String name, UnscannableReason reason, Action defaultAction) {
		this.signature = PREFIX + name;
		this.reason = reason;
		this.defaultAction = defaultAction;
	}

	/** The name infected verdicts carry, such as {@code BucketWarden.Policy.ZipBomb}. */
	String signature() {
		return this.signature;
	}

	UnscannableReason reason() {
		return this.reason;
	}

	Action defaultAction() {
		return this.defaultAction;
	}

	/** The settings key, such as {@code zip-bomb}. */
	String key() {
		return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
	}

}
