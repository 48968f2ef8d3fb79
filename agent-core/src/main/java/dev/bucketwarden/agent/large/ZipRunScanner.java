package dev.bucketwarden.agent.large;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

import dev.bucketwarden.engine.spi.UnscannableReason;

import static dev.bucketwarden.agent.large.LittleEndian.u16;
import static dev.bucketwarden.agent.large.LittleEndian.u32;

/**
 * Scans a {@link MemberRun} from one stream of its range: for each member, its local
 * header is read for the name and extra field lengths (the sizes come from the central
 * directory, so members written with a data descriptor work), its data is decompressed as
 * a stream (stored or deflate) and scanned as one content. Every byte of the range must
 * belong to a member: a header, its data, and at most a data descriptor before the next
 * member; anything else is refused.
 */
final class ZipRunScanner {

	private static final int LOCAL_HEADER = 0x04034b50;

	/** A data descriptor: signature, CRC, and zip64 sizes at most. */
	private static final int MAX_DESCRIPTOR = 24;

	/**
	 * Local name and extra fields up to this length are skipped; longer ones (legitimate
	 * ones are a few dozen bytes) are scanned as content, so they cannot hide anything.
	 */
	private static final int MAX_PLAIN_HEADER = 1024;

	private final MemberScanner members;

	ZipRunScanner(MemberScanner members) {
		this.members = members;
	}

	/**
	 * @return whether the tally is still undecided (every member so far was Clean)
	 */
	boolean scan(InputStream range, MemberRun run, PartTally tally) throws IOException {
		CountingInput in = new CountingInput(new BufferedInputStream(range, 64 << 10));
		byte[] header = new byte[ZipDirectory.LOCAL_HEADER_LENGTH];
		List<ZipMember> list = run.members();
		for (int i = 0; i < list.size(); i++) {
			ZipMember member = list.get(i);
			long next = (i + 1 < list.size()) ? list.get(i + 1).offset() : run.end();
			long at = run.start() + in.count();
			if (at > member.offset() || member.offset() - at > MAX_DESCRIPTOR) {
				return tally.unscannable(UnscannableReason.UNSUPPORTED,
						"Bytes " + at + " to " + member.offset() + " of the zip belong to no member");
			}
			in.skipFully(member.offset() - at);
			in.readFully(header, header.length);
			if ((int) u32(header, 0) != LOCAL_HEADER) {
				return tally.unscannable(UnscannableReason.UNSUPPORTED,
						"No local header at byte " + member.offset() + " where the directory puts a member");
			}
			int flags = u16(header, 6);
			int method = u16(header, 8);
			String name = "at byte " + member.offset();
			if (member.encrypted() || (flags & 1) != 0 || method == ZipMember.AES) {
				return tally.unscannable(UnscannableReason.ENCRYPTED, "The zip member " + name + " is encrypted");
			}
			if (!member.supported() || method != member.method()) {
				return tally.unscannable(UnscannableReason.UNSUPPORTED, "The zip member " + name
						+ " uses compression method " + method + " (directory: " + member.method() + ")");
			}
			long dataEnd = member.offset() + header.length + u16(header, 26) + u16(header, 28)
					+ member.compressedSize();
			if (dataEnd > next || next - dataEnd > MAX_DESCRIPTOR) {
				return tally.unscannable(UnscannableReason.UNSUPPORTED,
						"The zip member " + name + " ends at " + dataEnd + ", the next starts at " + next);
			}
			// Names and extra fields (up to 128 KiB) could carry bytes that no member
			// holds: longer than legitimate ones, they are scanned as content.
			int headerRest = u16(header, 26) + u16(header, 28);
			if (headerRest <= MAX_PLAIN_HEADER) {
				in.skipFully(headerRest);
			}
			else if (!this.members.scan(new BoundedStream(in, headerRest), headerRest, "header " + name, tally)) {
				return false;
			}
			if (!scanMember(in, member, name, tally)) {
				return false;
			}
		}
		long at = run.start() + in.count();
		if (run.end() - at > MAX_DESCRIPTOR) {
			return tally.unscannable(UnscannableReason.UNSUPPORTED,
					"Bytes " + at + " to " + run.end() + " of the zip belong to no member");
		}
		return true;
	}

	private boolean scanMember(CountingInput in, ZipMember member, String name, PartTally tally) throws IOException {
		BoundedStream data = new BoundedStream(in, member.compressedSize());
		if (member.method() == ZipMember.STORED) {
			if (!this.members.scan(data, member.size(), name, tally)) {
				return false;
			}
			data.skipRest();
			return true;
		}
		Inflater inflater = new Inflater(true);
		try {
			InputStream inflated = new InflaterInputStream(data, inflater, 64 << 10);
			if (!this.members.scan(inflated, member.size(), name, tally)) {
				return false;
			}
			// Compressed bytes after the end of the deflate stream were never inflated
			// nor scanned: a member is its deflate stream and nothing else.
			long unread = data.left() + inflater.getRemaining();
			if (!inflater.finished() || unread > 0) {
				return tally.unscannable(UnscannableReason.UNSUPPORTED,
						"The zip member " + name + " has " + unread + " compressed bytes after its deflate stream");
			}
			return true;
		}
		finally {
			inflater.end();
		}
	}

}
