package dev.bucketwarden.agent.large;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.agent.storage.ObjectChangedException;
import dev.bucketwarden.agent.storage.ObjectInfo;
import dev.bucketwarden.agent.storage.StorageAccessDeniedException;
import dev.bucketwarden.agent.storage.StorageException;
import dev.bucketwarden.engine.spi.UnscannableReason;
import dev.bucketwarden.store.results.Coverage;

/**
 * Plans by content (docs/large-objects.md): reads the pinned version's first bytes and,
 * for a zip, its central directory through ranged GETs, then cuts a zip into runs of
 * members (and its directory into windows, scanned raw), a tar or gzip into one
 * sequential part, and anything else into overlapping windows. A zip that cannot be
 * planned honestly (a directory that does not add up, too large to plan, an encrypted or
 * unsupported member) gets a {@link Refusal}: the object ends Unscannable. It does not
 * fall back to windows: windows would scan a zip's compressed bytes, not its content, and
 * call a hostile archive Clean.
 */
public final class ContentPlanner implements LargeObjectPlanner {

	private static final Logger logger = LoggerFactory.getLogger(ContentPlanner.class);

	private static final int ZIP_MAGIC = 0x04034b50;

	private final RangeReader reader;

	private final int reopens;

	/**
	 * @param reopens how often a broken read of the first bytes or the directory is
	 * resumed
	 */
	public ContentPlanner(RangeReader reader, int reopens) {
		this.reader = reader;
		this.reopens = reopens;
	}

	@Override
	public Plan plan(ObjectInfo pinned, long window, long overlap) {
		Plan windows = WindowPlan.of(pinned.size(), window, overlap);
		try {
			byte[] head = ZipDirectory.readFully(this.reader, pinned, 0, Math.min(pinned.size(), TarHeader.BLOCK),
					this.reopens);
			if (head.length >= 4 && (int) LittleEndian.u32(head, 0) == ZIP_MAGIC) {
				return zip(pinned, window, overlap);
			}
			if (head.length >= 2 && (head[0] & 0xFF) == 0x1f && (head[1] & 0xFF) == 0x8b) {
				return sequential(pinned, window, Sequential.Format.GZIP);
			}
			if (TarHeader.looksLikeTar(head, head.length)) {
				return sequential(pinned, window, Sequential.Format.TAR);
			}
			return windows;
		}
		catch (IOException ex) {
			if (ex.getCause() instanceof ObjectChangedException changed) {
				throw changed;
			}
			if (ex.getCause() instanceof StorageAccessDeniedException denied) {
				throw denied;
			}
			throw new StorageException(
					"Planning s3://" + pinned.bucket() + "/" + pinned.key() + " failed: " + ex.getMessage(), ex);
		}
	}

	private Plan zip(ObjectInfo pinned, long window, long overlap) throws IOException {
		ZipDirectory.Listing listing;
		try {
			listing = ZipDirectory.read(this.reader, pinned, this.reopens);
			for (ZipMember member : listing.members()) {
				if (!member.supported()) {
					throw new UnplannableException(UnscannableReason.UNSUPPORTED, "The zip member at byte "
							+ member.offset() + " uses compression method " + member.method());
				}
			}
		}
		catch (UnplannableException ex) {
			logger.info("s3://{}/{} (version {}) cannot be planned member by member: {}", pinned.bucket(), pinned.key(),
					pinned.versionId(), ex.getMessage());
			return new Plan(Coverage.members(window, 1),
					List.of(new Refusal(0, pinned.size(), ex.reason(), ex.getMessage())));
		}
		List<Part> parts = runs(listing, window);
		// The directory, its end records and comments are no member's, yet an
		// engine scanning the zip whole would have seen them: they are scanned raw.
		parts.addAll(WindowPlan.cut(parts.size(), listing.directoryOffset(), pinned.size(), window, overlap));
		return new Plan(Coverage.members(window, parts.size()), parts);
	}

	/**
	 * Consecutive members while their bytes (header, data, descriptor: up to the next
	 * member) fit one window and one message; a member larger than a window alone.
	 */
	static List<Part> runs(ZipDirectory.Listing listing, long window) {
		List<Part> parts = new ArrayList<>();
		List<ZipMember> run = new ArrayList<>();
		long runStart = 0;
		long runBytes = 0;
		List<ZipMember> members = listing.members();
		for (int i = 0; i < members.size(); i++) {
			ZipMember member = members.get(i);
			long span = listing.next(i) - member.offset();
			if (!run.isEmpty() && (runBytes + span > window || run.size() == MemberRun.MAX_MEMBERS)) {
				parts.add(new MemberRun(parts.size(), runStart, member.offset(), run));
				run = new ArrayList<>();
				runBytes = 0;
			}
			if (run.isEmpty()) {
				runStart = member.offset();
			}
			run.add(member);
			runBytes += span;
		}
		parts.add(new MemberRun(parts.size(), runStart, listing.directoryOffset(), run));
		return parts;
	}

	private static Plan sequential(ObjectInfo pinned, long window, Sequential.Format format) {
		return new Plan(Coverage.members(window, 1), List.of(new Sequential(0, pinned.size(), format)));
	}

}
