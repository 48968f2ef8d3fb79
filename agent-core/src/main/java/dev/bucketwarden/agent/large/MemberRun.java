package dev.bucketwarden.agent.large;

import java.util.List;

/**
 * Consecutive members of a zip, fetched with one ranged GET of {@code [start, end)} and
 * scanned member by member. The range ends where the next member (or the central
 * directory) starts, so the runs of a plan cover every member's bytes exactly once. A run
 * holds at most one window of compressed bytes, except a member larger than a window,
 * which is a run of its own.
 */
public record MemberRun(int index, long start, long end, List<ZipMember> members) implements Part {

	/**
	 * The most members one run carries: keeps a queue message (about 55 characters a
	 * member at most) near 56 KiB, well under SQS's 256 KiB.
	 */
	public static final int MAX_MEMBERS = 1024;

	public MemberRun {
		members = List.copyOf(members);
		if (index < 0 || start < 0 || end <= start || members.isEmpty() || members.size() > MAX_MEMBERS) {
			throw new IllegalArgumentException(
					"A member run needs an index, a non-empty range and 1 to " + MAX_MEMBERS + " members");
		}
		long previous = -1;
		for (ZipMember member : members) {
			if (member.offset() < start || member.offset() >= end || member.offset() <= previous) {
				throw new IllegalArgumentException(
						"Member at " + member.offset() + " is out of order or outside [" + start + ", " + end + ")");
			}
			previous = member.offset();
		}
		if (members.getFirst().offset() != start) {
			throw new IllegalArgumentException("A member run starts at its first member");
		}
	}

}
