package dev.bucketwarden.agent.large;

import java.util.ArrayList;
import java.util.List;

import dev.bucketwarden.engine.spi.UnscannableReason;

/**
 * Writes a part as the text a large-object queue message carries, and reads it back.
 * <ul>
 * <li>a window: {@code W:<index>:<start>:<end>}</li>
 * <li>a zip member run: {@code Z:<index>:<start>:<end>:<member>;<member>...}, each member
 * {@code <offset>,<compressed size>,<size>,<method>,<flags>} (at most
 * {@link MemberRun#MAX_MEMBERS}, so a message stays well under SQS's 256 KiB)</li>
 * <li>a sequential part: {@code S:<index>:<end>:<TAR|GZIP>}</li>
 * <li>a refusal: {@code X:<index>:<end>:<reason>:<detail>}</li>
 * </ul>
 */
public final class PartCodec {

	private static final int MAX_DETAIL = 512;

	private PartCodec() {
	}

	public static String encode(Part part) {
		return switch (part) {
			case Window window -> "W:" + window.index() + ":" + window.start() + ":" + window.end();
			case MemberRun run -> "Z:" + run.index() + ":" + run.start() + ":" + run.end() + ":" + members(run);
			case Sequential sequential ->
				"S:" + sequential.index() + ":" + sequential.end() + ":" + sequential.format();
			case Refusal refusal ->
				"X:" + refusal.index() + ":" + refusal.end() + ":" + refusal.reason() + ":" + detail(refusal.detail());
		};
	}

	/**
	 * Reads a part back.
	 * @throws IllegalArgumentException when the text is not a part's
	 */
	public static Part decode(String text) {
		String[] fields = text.split(":", 5);
		try {
			switch (fields[0]) {
				case "W" -> {
					if (fields.length == 4) {
						return new Window(Integer.parseInt(fields[1]), Long.parseLong(fields[2]),
								Long.parseLong(fields[3]));
					}
				}
				case "Z" -> {
					if (fields.length == 5) {
						return new MemberRun(Integer.parseInt(fields[1]), Long.parseLong(fields[2]),
								Long.parseLong(fields[3]), members(fields[4]));
					}
				}
				case "S" -> {
					if (fields.length == 4) {
						return new Sequential(Integer.parseInt(fields[1]), Long.parseLong(fields[2]),
								Sequential.Format.valueOf(fields[3]));
					}
				}
				case "X" -> {
					if (fields.length == 5) {
						return new Refusal(Integer.parseInt(fields[1]), Long.parseLong(fields[2]),
								UnscannableReason.valueOf(fields[3]), fields[4]);
					}
				}
				default -> {
				}
			}
		}
		catch (IllegalArgumentException ex) {
			// NumberFormatException and an unknown enum name are both this.
			throw new IllegalArgumentException("Not a part: " + abbreviate(text), ex);
		}
		throw new IllegalArgumentException("Not a part: " + abbreviate(text));
	}

	private static String members(MemberRun run) {
		StringBuilder text = new StringBuilder(run.members().size() * 32);
		for (ZipMember member : run.members()) {
			if (!text.isEmpty()) {
				text.append(';');
			}
			text.append(member.offset())
				.append(',')
				.append(member.compressedSize())
				.append(',')
				.append(member.size())
				.append(',')
				.append(member.method())
				.append(',')
				.append(member.flags());
		}
		return text.toString();
	}

	private static List<ZipMember> members(String text) {
		String[] items = text.split(";", MemberRun.MAX_MEMBERS + 1);
		if (items.length > MemberRun.MAX_MEMBERS) {
			throw new IllegalArgumentException("More than " + MemberRun.MAX_MEMBERS + " members");
		}
		List<ZipMember> members = new ArrayList<>(items.length);
		for (String item : items) {
			String[] values = item.split(",", -1);
			if (values.length != 5) {
				throw new IllegalArgumentException("Not a member: " + abbreviate(item));
			}
			members.add(new ZipMember(Long.parseLong(values[0]), Long.parseLong(values[1]), Long.parseLong(values[2]),
					Integer.parseInt(values[3]), Integer.parseInt(values[4])));
		}
		return members;
	}

	/** A refusal's detail on one line and short: it is for people, not for parsing. */
	private static String detail(String detail) {
		String line = detail.replaceAll("[\\r\\n]+", " ");
		return (line.length() > MAX_DETAIL) ? line.substring(0, MAX_DETAIL) : line;
	}

	private static String abbreviate(String text) {
		return (text.length() > 80) ? text.substring(0, 80) + "..." : text;
	}

}
