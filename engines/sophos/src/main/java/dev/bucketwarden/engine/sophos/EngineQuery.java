package dev.bucketwarden.engine.sophos;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.bucketwarden.engine.spi.EngineException;
import dev.bucketwarden.engine.spi.EngineInfo;

/**
 * Parses SAVDI's answer to {@code QUERY ENGINE}: {@code name: value} lines such as
 * {@code engineversion}, {@code savversion}, {@code viruscount} and
 * {@code virusdatachecksum}. The product is SAVI's version (or the engine's); the
 * signature version is the virus data checksum, which changes with every update of the
 * threat data. SSSP reports no date for the data, so the signature date stays unknown.
 */
final class EngineQuery {

	static final String REQUEST = "QUERY ENGINE";

	private EngineQuery() {
	}

	static EngineInfo parse(String engineId, List<String> lines, String endpoint) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String line : lines) {
			if (line.startsWith("DONE ")) {
				if (!line.startsWith("DONE OK")) {
					throw EngineException.engineFailure("SAVDI at " + endpoint + " failed " + REQUEST + ": " + line);
				}
				continue;
			}
			int colon = line.indexOf(':');
			if (colon < 1) {
				throw EngineException.protocol("SAVDI at " + endpoint + " sent '" + SsspText.abbreviate(line)
						+ "' in its " + REQUEST + " reply, not 'name: value'");
			}
			values.put(line.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT),
					line.substring(colon + 1).strip());
		}
		String product;
		if (values.containsKey("savversion")) {
			product = "Sophos SAVI " + values.get("savversion");
		}
		else if (values.containsKey("engineversion")) {
			product = "Sophos engine " + values.get("engineversion");
		}
		else {
			throw EngineException
				.protocol("SAVDI at " + endpoint + " named neither savversion nor engineversion in " + REQUEST);
		}
		String signatures = values.getOrDefault("virusdataversion", values.get("virusdatachecksum"));
		return new EngineInfo(engineId, product, signatures, null);
	}

}
