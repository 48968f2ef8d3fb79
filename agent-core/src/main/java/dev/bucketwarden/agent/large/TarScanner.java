package dev.bucketwarden.agent.large;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import dev.bucketwarden.engine.spi.UnscannableReason;

/**
 * Streams a tar once, member by member: each header gives the next member's length, its
 * data goes through the chain as one content (or sequential windows), and the padding to
 * the next 512-byte block is skipped. GNU long names ({@code L}) and pax headers
 * ({@code x}) are read as far as boundaries need (pax {@code size} overrides the
 * header's; {@code path} names the member). Bytes after the end-of-archive blocks that
 * are not zeros are scanned as one more content, so nothing hides behind the end. GNU
 * sparse members are refused (Unscannable, unsupported): their data is not their content.
 */
final class TarScanner {

	/** The longest long name or pax header read: metadata, not content. */
	private static final int MAX_METADATA = 1 << 20;

	private final MemberScanner members;

	TarScanner(MemberScanner members) {
		this.members = members;
	}

	/**
	 * @return whether the tally is still undecided (every member so far was Clean)
	 */
	boolean scan(InputStream stream, PartTally tally) throws IOException {
		CountingInput in = new CountingInput(stream);
		byte[] block = new byte[TarHeader.BLOCK];
		@Nullable String longName = null;
		long paxSize = -1;
		while (true) {
			int read = in.readNBytes(block, 0, TarHeader.BLOCK);
			if (read == 0) {
				return true;
			}
			if (read < TarHeader.BLOCK) {
				return tally.unscannable(UnscannableReason.UNSUPPORTED,
						"The tar ends inside a header at byte " + (in.count() - read));
			}
			if (TarHeader.zero(block)) {
				return rest(in, tally);
			}
			TarHeader header;
			try {
				header = TarHeader.parse(block);
			}
			catch (IllegalArgumentException ex) {
				return tally.unscannable(UnscannableReason.UNSUPPORTED,
						"Not a tar header at byte " + (in.count() - TarHeader.BLOCK) + ": " + ex.getMessage());
			}
			long size = (paxSize >= 0) ? paxSize : header.size();
			String name = (longName != null) ? longName : header.name();
			switch (header.type()) {
				case 'L', 'x', 'g', 'K' -> {
					if (size > MAX_METADATA) {
						return tally.unscannable(UnscannableReason.LIMITS_EXCEEDED,
								"A tar metadata header of " + size + " bytes at byte " + in.count());
					}
					byte[] data = new byte[(int) size];
					in.readFully(data, data.length);
					in.skipFully(TarHeader.padding(size));
					// Up to 1 MiB that an engine scanning the tar whole would see.
					if (size > 0
							&& !this.members.scan(new ByteArrayInputStream(data), size, "metadata of " + name, tally)) {
						return false;
					}
					if (header.type() == 'L') {
						longName = text(data);
					}
					else if (header.type() == 'x') {
						Pax pax;
						try {
							pax = Pax.parse(data);
						}
						catch (IllegalArgumentException ex) {
							return tally.unscannable(UnscannableReason.UNSUPPORTED,
									"A pax header the tar cannot be read past: " + ex.getMessage());
						}
						paxSize = pax.size();
						longName = (pax.path() != null) ? pax.path() : longName;
					}
					continue;
				}
				case 'S' -> {
					return tally.unscannable(UnscannableReason.UNSUPPORTED, "A GNU sparse tar member: " + name);
				}
				default -> {
				}
			}
			longName = null;
			paxSize = -1;
			// A link or directory with data is odd; its bytes are scanned all the same.
			if (header.content() || size > 0) {
				BoundedStream data = new BoundedStream(in, size);
				if (!this.members.scan(data, size, name, tally)) {
					return false;
				}
				data.skipRest();
			}
			in.skipFully(TarHeader.padding(size));
		}
	}

	/**
	 * After the end-of-archive block: zeros (tar pads to its record size) are nothing;
	 * anything else is scanned as one more content of unknown length.
	 */
	private boolean rest(CountingInput in, PartTally tally) throws IOException {
		byte[] buffer = new byte[8192];
		int read;
		while ((read = in.read(buffer, 0, buffer.length)) >= 0) {
			for (int i = 0; i < read; i++) {
				if (buffer[i] != 0) {
					InputStream rest = new SequenceInputStream(new ByteArrayInputStream(buffer, i, read - i), in);
					return this.members.scan(rest, -1, "after the tar's end", tally);
				}
			}
		}
		return true;
	}

	private static String text(byte[] data) {
		int end = 0;
		while (end < data.length && data[end] != 0) {
			end++;
		}
		return new String(data, 0, end, StandardCharsets.UTF_8).strip();
	}

	/** The two pax keys that matter for boundaries and names. */
	private record Pax(long size, @Nullable String path) {

		static Pax parse(byte[] data) {
			long size = -1;
			@Nullable String path = null;
			for (String record : new String(data, StandardCharsets.UTF_8).split("\n")) {
				int space = record.indexOf(' ');
				int equals = record.indexOf('=');
				if (space < 0 || equals < space) {
					continue;
				}
				String key = record.substring(space + 1, equals);
				String value = record.substring(equals + 1);
				if (key.equals("size")) {
					try {
						size = Long.parseLong(value.strip());
					}
					catch (NumberFormatException ex) {
						throw new IllegalArgumentException("a pax size of '" + value + "'", ex);
					}
				}
				else if (key.equals("path")) {
					path = value;
				}
			}
			return new Pax(size, path);
		}

	}

}
