package dev.bucketwarden.engine.icap;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The threat names an ICAP server reports in the headers antivirus vendors use (the ICAP
 * extensions of draft-stecher-icap-subid, and common practice):
 * <ul>
 * <li>{@code X-Infection-Found: Type=0; Resolution=2; Threat=<name>;}</li>
 * <li>{@code X-Violations-Found: <count>}, folded over further lines, four per violation:
 * file name, threat name, problem id, resolution;</li>
 * <li>{@code X-Virus-ID: <name>} (also {@code X-Virus-Name}, used by some servers).</li>
 * </ul>
 */
final class InfectionHeaders {

	/** Names a server may put where it has none. */
	private static final Set<String> PLACEHOLDERS = Set.of("", "-", "unknown", "none");

	private InfectionHeaders() {
	}

	/** Every threat named, in order, once; empty when no infection header is present. */
	static List<String> threats(IcapResponse response) {
		Set<String> names = new LinkedHashSet<>();
		for (String value : response.headerLines("X-Infection-Found")) {
			for (String parameter : value.split(";")) {
				String[] pair = parameter.strip().split("=", 2);
				if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("Threat")) {
					add(names, pair[1]);
				}
			}
		}
		List<String> violations = response.headerLines("X-Violations-Found");
		if (!violations.isEmpty() && violations.getFirst().matches("\\d{1,6}")) {
			int count = Integer.parseInt(violations.getFirst());
			for (int i = 0; i < count && 2 + i * 4 < violations.size(); i++) {
				add(names, violations.get(2 + i * 4));
			}
		}
		for (String header : List.of("X-Virus-ID", "X-Virus-Name")) {
			for (String value : response.headerLines(header)) {
				add(names, value);
			}
		}
		return List.copyOf(names);
	}

	/**
	 * Whether the response carries an infection header at all, even one without a usable
	 * name: such a response is never clean.
	 */
	static boolean present(IcapResponse response) {
		return !response.headerLines("X-Infection-Found").isEmpty()
				|| response.headerLines("X-Violations-Found").stream().anyMatch((line) -> !line.equals("0"))
				|| !response.headerLines("X-Virus-ID").isEmpty() || !response.headerLines("X-Virus-Name").isEmpty();
	}

	private static void add(Set<String> names, String value) {
		String name = ServiceOptions.unquote(value).strip();
		if (!PLACEHOLDERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
			names.add(name);
		}
	}

}
