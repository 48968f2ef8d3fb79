package dev.bucketwarden.engine.premium;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.tika.mime.MediaType;

/**
 * The checks applied to the object and, the same way, to every archive entry: true type
 * against name, blocked types, macros, and archives opened and walked as they stream.
 */
final class ContentChecks {

	private final TypeDetector types;

	ContentChecks(TypeDetector types) {
		this.types = types;
	}

	/**
	 * Checks one content. Reads as far as the checks need; the caller drains the rest.
	 * @param depth 0 for the object, the archive nesting level for entries
	 */
	void check(InputStream content, String name, String where, int depth, ScanState state) throws IOException {
		BufferedInputStream buffered = new BufferedInputStream(content, TypeDetector.HEAD_BYTES);
		buffered.mark(TypeDetector.HEAD_BYTES);
		byte[] head = buffered.readNBytes(TypeDetector.HEAD_BYTES);
		buffered.reset();
		MediaType type = this.types.byContent(head, head.length);
		checkType(type, name, where, state.findings());
		if (this.types.isA(type, TypeDetector.ZIP)) {
			walkZip(buffered, where, depth + 1, state);
		}
		else if (this.types.isA(type, TypeDetector.OLE2) && state.findings().enabled(Rule.BLOCKED_MACRO)
				&& Ole2Macros.hasMacros(buffered)) {
			state.findings().hit(Rule.BLOCKED_MACRO, where + ": VBA project");
		}
	}

	private void checkType(MediaType type, String name, String where, PolicyHits findings) {
		MediaType named = this.types.byName(name);
		boolean executable = this.types.isExecutable(type);
		boolean script = this.types.isScript(type);
		boolean claimsType = !named.equals(MediaType.OCTET_STREAM);
		String detail = where + ": content is " + type + ", name says " + named;
		if (claimsType && (executable || script) && !this.types.nameIsExecutable(name)
				&& !this.types.compatible(type, named)) {
			findings.hit(Rule.DISGUISED_EXECUTABLE, detail);
		}
		else if (!this.types.compatible(type, named)) {
			findings.hit(Rule.TYPE_MISMATCH, detail);
		}
		if (executable) {
			findings.hit(Rule.BLOCKED_EXECUTABLE, detail);
		}
		if (script || this.types.nameIsScript(name)) {
			findings.hit(Rule.BLOCKED_SCRIPT, detail);
		}
		for (String blocked : findings.policy().blockedTypes()) {
			MediaType blockedType = MediaType.parse(blocked);
			if (blockedType != null && (this.types.isA(type, blockedType) || this.types.isA(named, blockedType))) {
				findings.hit(Rule.BLOCKED_TYPE, Rule.BLOCKED_TYPE.signature() + "." + safe(blocked), detail);
			}
		}
	}

	/**
	 * Walks a zip as it streams (local headers; no central directory needed), checking
	 * each entry like content of its own, within the policy's limits.
	 */
	private void walkZip(InputStream content, String where, int depth, ScanState state) throws IOException {
		PolicyHits findings = state.findings();
		if (depth > state.policy().maxNestingDepth()) {
			findings.hit(Rule.NESTING_TOO_DEEP,
					where + ": archives nested deeper than " + state.policy().maxNestingDepth());
			return;
		}
		ZipArchiveInputStream zip = new ZipArchiveInputStream(new Unclosable(content), "UTF-8", true, true);
		try {
			ZipArchiveEntry entry;
			while (!state.stopped() && (entry = zip.getNextEntry()) != null) {
				String entryWhere = where + "!/" + entry.getName();
				if (!state.countEntry(entryWhere) || entry.isDirectory()) {
					continue;
				}
				if (entry.getGeneralPurposeBit().usesEncryption()) {
					findings.hit(Rule.ENCRYPTED_ARCHIVE, entryWhere + ": encrypted");
					continue;
				}
				if (!zip.canReadEntryData(entry)) {
					findings.hit(Rule.CORRUPT_ARCHIVE, entryWhere + ": compression method " + entry.getMethod());
					continue;
				}
				if (entry.getName().toLowerCase(Locale.ROOT).endsWith("vbaproject.bin")) {
					findings.hit(Rule.BLOCKED_MACRO, entryWhere + ": VBA project");
				}
				ExpansionGuard data = new ExpansionGuard(zip, state, entryWhere);
				check(data, entry.getName(), entryWhere, depth, state);
				data.transferTo(OutputStreams.NULL);
			}
		}
		catch (ExpansionGuard.StopInspection ex) {
			// the limit that stopped it is recorded
		}
		catch (SourceGuard.SourceFailure ex) {
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			// commons-compress reports broken archives with IOExceptions and, for some
			// malformed headers, unchecked exceptions.
			findings.hit(Rule.CORRUPT_ARCHIVE, where + ": " + ex.getMessage());
		}
	}

	private static String safe(String value) {
		return value.replaceAll("[^A-Za-z0-9.+-]", "_");
	}

	/**
	 * Keeps the archive reader from closing the stream it reads (the entry's or ours).
	 */
	private static final class Unclosable extends java.io.FilterInputStream {

		Unclosable(InputStream in) {
			super(in);
		}

		@Override
		public void close() {
		}

	}

}
