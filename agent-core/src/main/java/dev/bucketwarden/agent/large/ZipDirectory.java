package dev.bucketwarden.agent.large;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.bucketwarden.agent.storage.ObjectInfo;
import dev.bucketwarden.engine.spi.UnscannableReason;

import static dev.bucketwarden.agent.large.LittleEndian.u16;
import static dev.bucketwarden.agent.large.LittleEndian.u32;
import static dev.bucketwarden.agent.large.LittleEndian.u64;

/**
 * Reads a zip's central directory through ranged GETs: the end of central directory
 * record (and for zip64 its locator and the zip64 record) from the object's last bytes,
 * then the directory itself as a stream, entry by entry. Only what planning needs is
 * kept: each member's offset, sizes, method and flags (about 60 bytes a member).
 * <p>
 * The directory must add up, or the archive is refused (Unscannable, never Clean): one
 * disk; the directory right before its end record; exactly the entries it declares;
 * members in the object, not overlapping, the first at byte 0 and the last ending before
 * the directory. A directory over {@link #MAX_DIRECTORY_BYTES} or with more than
 * {@link #MAX_MEMBERS} members is refused too (limits exceeded): planning holds the
 * member list, and that memory is bounded (with the plan's parts, under about 32 MiB).
 */
final class ZipDirectory {

	/** The longest directory read to plan: 64 MiB, streamed, never held. */
	static final long MAX_DIRECTORY_BYTES = 64L << 20;

	/**
	 * The most members planned: the list held while planning stays under about 16 MiB.
	 */
	static final int MAX_MEMBERS = 1 << 18;

	private static final int EOCD = 0x06054b50;

	private static final int ZIP64_LOCATOR = 0x07064b50;

	private static final int ZIP64_EOCD = 0x06064b50;

	private static final int CENTRAL_HEADER = 0x02014b50;

	private static final int EOCD_LENGTH = 22;

	private static final int LOCATOR_LENGTH = 20;

	private static final int ZIP64_EOCD_LENGTH = 56;

	private static final int CENTRAL_HEADER_LENGTH = 46;

	/** The smallest local header: what a member takes at least besides its data. */
	static final int LOCAL_HEADER_LENGTH = 30;

	/** The end record, a comment of at most 64 KiB, and the zip64 locator before it. */
	private static final int MAX_TAIL = EOCD_LENGTH + 0xFFFF + LOCATOR_LENGTH;

	private ZipDirectory() {
	}

	/**
	 * The members in the order of their offsets.
	 * @param reopens how often a broken read of the directory is resumed
	 * @throws UnplannableException when the directory does not add up or is too large
	 * @throws IOException when the object could not be read
	 */
	static Listing read(RangeReader reader, ObjectInfo pinned, int reopens) throws UnplannableException, IOException {
		long size = pinned.size();
		long tailStart = Math.max(0, size - MAX_TAIL);
		byte[] tail = readFully(reader, pinned, tailStart, size, reopens);
		int eocd = findEndRecord(tail);
		if (eocd < 0) {
			throw refused("no end of central directory record in the last " + tail.length + " bytes");
		}
		long entries = u16(tail, eocd + 10);
		long directorySize = u32(tail, eocd + 12);
		long directoryOffset = u32(tail, eocd + 16);
		if (u16(tail, eocd + 4) != 0 || u16(tail, eocd + 6) != 0) {
			throw new UnplannableException(UnscannableReason.UNSUPPORTED, "a zip split over several disks");
		}
		long directoryEnd = tailStart + eocd;
		if (eocd >= LOCATOR_LENGTH && (int) u32(tail, eocd - LOCATOR_LENGTH) == ZIP64_LOCATOR) {
			int locator = eocd - LOCATOR_LENGTH;
			long recordOffset = u64(tail, locator + 8);
			if (u32(tail, locator + 4) != 0 || u32(tail, locator + 16) > 1) {
				throw new UnplannableException(UnscannableReason.UNSUPPORTED, "a zip64 split over several disks");
			}
			long locatorOffset = tailStart + locator;
			if (recordOffset < 0 || recordOffset + ZIP64_EOCD_LENGTH > locatorOffset) {
				throw refused("the zip64 end record at " + recordOffset + " is not before its locator");
			}
			byte[] record = readFully(reader, pinned, recordOffset, recordOffset + ZIP64_EOCD_LENGTH, reopens);
			if ((int) u32(record, 0) != ZIP64_EOCD || u64(record, 4) + 12 != locatorOffset - recordOffset) {
				throw refused("no zip64 end record where the locator points (" + recordOffset + ")");
			}
			if (u32(record, 16) != 0 || u32(record, 20) != 0) {
				throw new UnplannableException(UnscannableReason.UNSUPPORTED, "a zip64 split over several disks");
			}
			entries = u64(record, 32);
			directorySize = u64(record, 40);
			directoryOffset = u64(record, 48);
			directoryEnd = recordOffset;
		}
		else if (entries == 0xFFFF || directorySize == 0xFFFFFFFFL || directoryOffset == 0xFFFFFFFFL) {
			throw refused("a zip64 end record is needed but there is no locator");
		}
		if (directorySize > MAX_DIRECTORY_BYTES || entries > MAX_MEMBERS) {
			throw new UnplannableException(UnscannableReason.LIMITS_EXCEEDED,
					"a central directory of " + directorySize + " bytes and " + entries + " members; at most "
							+ MAX_DIRECTORY_BYTES + " bytes and " + MAX_MEMBERS + " members are planned");
		}
		if (directoryOffset < 0 || directorySize < 0 || directoryOffset + directorySize != directoryEnd) {
			throw refused("the central directory [" + directoryOffset + ", +" + directorySize
					+ ") does not end where its end record starts (" + directoryEnd + ")");
		}
		if (entries * CENTRAL_HEADER_LENGTH > directorySize || (entries == 0) != (directorySize == 0)) {
			throw refused(entries + " members cannot fit a central directory of " + directorySize + " bytes");
		}
		if (entries == 0) {
			throw refused("no members, yet " + directoryOffset + " bytes before the central directory");
		}
		List<ZipMember> members = readEntries(reader, pinned, directoryOffset, directorySize, (int) entries, reopens);
		for (ZipMember member : members) {
			// Before the checks of sizes: an encrypted member's data is longer than its
			// content (the encryption header), and the honest answer is "encrypted".
			if (member.encrypted()) {
				throw new UnplannableException(UnscannableReason.ENCRYPTED,
						"The zip member at byte " + member.offset() + " is encrypted");
			}
		}
		members.sort(Comparator.comparingLong(ZipMember::offset));
		check(members, directoryOffset);
		return new Listing(members, directoryOffset);
	}

	/**
	 * The members by offset, and where the central directory starts (the last member's
	 * end).
	 */
	record Listing(List<ZipMember> members, long directoryOffset) {

		/** Where the member's bytes end: the next member's header, or the directory. */
		long next(int index) {
			return (index + 1 < this.members.size()) ? this.members.get(index + 1).offset() : this.directoryOffset;
		}

	}

	private static int findEndRecord(byte[] tail) {
		for (int at = tail.length - EOCD_LENGTH; at >= 0; at--) {
			if ((int) u32(tail, at) == EOCD && at + EOCD_LENGTH + u16(tail, at + 20) == tail.length) {
				return at;
			}
		}
		return -1;
	}

	private static List<ZipMember> readEntries(RangeReader reader, ObjectInfo pinned, long offset, long length,
			int entries, int reopens) throws UnplannableException, IOException {
		List<ZipMember> members = new ArrayList<>(entries);
		byte[] header = new byte[CENTRAL_HEADER_LENGTH];
		byte[] extra = new byte[0xFFFF];
		try (InputStream raw = new ResumingRangeStream(reader, pinned, offset, offset + length, reopens);
				CountingInput in = new CountingInput(new BufferedInputStream(raw, 64 << 10))) {
			for (int i = 0; i < entries; i++) {
				in.readFully(header, header.length);
				if ((int) u32(header, 0) != CENTRAL_HEADER) {
					throw refused("entry " + i + " of the central directory has no signature");
				}
				int flags = u16(header, 8);
				int method = u16(header, 10);
				long compressed = u32(header, 20);
				long size = u32(header, 24);
				int nameLength = u16(header, 28);
				int extraLength = u16(header, 30);
				int commentLength = u16(header, 32);
				int disk = u16(header, 34);
				long local = u32(header, 42);
				in.skipFully(nameLength);
				in.readFully(extra, extraLength);
				in.skipFully(commentLength);
				long[] wide = zip64(extra, extraLength, size == 0xFFFFFFFFL, compressed == 0xFFFFFFFFL,
						local == 0xFFFFFFFFL, disk == 0xFFFF, i);
				size = (wide[0] >= 0) ? wide[0] : size;
				compressed = (wide[1] >= 0) ? wide[1] : compressed;
				local = (wide[2] >= 0) ? wide[2] : local;
				disk = (wide[3] >= 0) ? (int) wide[3] : disk;
				if (disk != 0) {
					throw new UnplannableException(UnscannableReason.UNSUPPORTED, "a member on another disk");
				}
				if (size < 0 || compressed < 0 || local < 0) {
					throw refused("entry " + i + " has a size or offset over 2^63");
				}
				members.add(new ZipMember(local, compressed, size, method, flags));
			}
			if (in.count() != length || in.read() >= 0) {
				throw refused("the central directory holds more than its " + entries + " entries");
			}
		}
		catch (EOFException ex) {
			throw refused("the central directory ends inside an entry");
		}
		return members;
	}

	/**
	 * The zip64 extra field's values, in its order, for the fields the header marked as
	 * too large (all ones); -1 for the others.
	 */
	private static long[] zip64(byte[] extra, int length, boolean size, boolean compressed, boolean offset,
			boolean disk, int entry) throws UnplannableException {
		long[] values = { -1, -1, -1, -1 };
		if (!size && !compressed && !offset && !disk) {
			return values;
		}
		int at = 0;
		while (at + 4 <= length) {
			int id = u16(extra, at);
			int dataLength = u16(extra, at + 2);
			int data = at + 4;
			if (data + dataLength > length) {
				break;
			}
			if (id == 0x0001) {
				int field = data;
				boolean[] wanted = { size, compressed, offset, disk };
				for (int i = 0; i < 4; i++) {
					if (!wanted[i]) {
						continue;
					}
					int width = (i == 3) ? 4 : 8;
					if (field + width > data + dataLength) {
						throw refused("entry " + entry + " lacks a zip64 value its header defers to");
					}
					values[i] = (i == 3) ? u32(extra, field) : u64(extra, field);
					field += width;
				}
				return values;
			}
			at = data + dataLength;
		}
		throw refused("entry " + entry + " defers to a zip64 extra field it does not have");
	}

	/** Members must tile the object from byte 0 to the directory without overlapping. */
	private static void check(List<ZipMember> members, long directoryOffset) throws UnplannableException {
		if (members.getFirst().offset() != 0) {
			throw refused(members.getFirst().offset() + " bytes before the first member that no member claims");
		}
		for (int i = 0; i < members.size(); i++) {
			ZipMember member = members.get(i);
			long next = (i + 1 < members.size()) ? members.get(i + 1).offset() : directoryOffset;
			long least = member.offset() + LOCAL_HEADER_LENGTH + member.compressedSize();
			if (least < 0 || least > next) {
				throw refused("the member at " + member.offset() + " (" + member.compressedSize()
						+ " compressed bytes) overlaps "
						+ ((i + 1 < members.size()) ? "the member at " + next : "the central directory at " + next));
			}
			if (member.method() == ZipMember.STORED && member.size() != member.compressedSize()) {
				throw refused("the stored member at " + member.offset() + " declares " + member.size() + " bytes but "
						+ member.compressedSize() + " are stored");
			}
		}
	}

	private static UnplannableException refused(String why) {
		return new UnplannableException(UnscannableReason.UNSUPPORTED, "The zip's directory does not add up: " + why);
	}

	static byte[] readFully(RangeReader reader, ObjectInfo pinned, long start, long end, int reopens)
			throws IOException {
		try (InputStream in = new ResumingRangeStream(reader, pinned, start, end, reopens)) {
			byte[] bytes = in.readNBytes((int) (end - start));
			if (bytes.length != end - start) {
				throw new EOFException("Read " + bytes.length + " of " + (end - start) + " bytes at " + start);
			}
			return bytes;
		}
	}

}
