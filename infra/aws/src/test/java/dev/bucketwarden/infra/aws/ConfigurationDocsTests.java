package dev.bucketwarden.infra.aws;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/configuration.md against the configuration metadata the build generates from the
 * services' {@code @ConfigurationProperties} records: every documented
 * {@code bucketwarden.*} property exists, and every property is documented. Here because
 * this module is built after every service (its pom orders it so).
 */
class ConfigurationDocsTests {

	static final List<String> MODULES = List.of("agent-core", "event-agent", "api-agent", "retro-agent",
			"console-service");

	private static final Path DOCS = SynthesizedApp.REPOSITORY.resolve("docs/configuration.md");

	@Test
	void shouldDocumentOnlyPropertiesThatExist() throws IOException {
		assertThat(unknown(documented(Files.readAllLines(DOCS), true), metadata()))
			.as("properties in docs/configuration.md that no service has (renamed? add them to 'Renamed settings')")
			.isEmpty();
	}

	@Test
	void shouldDocumentEveryProperty() throws IOException {
		assertThat(undocumented(documented(Files.readAllLines(DOCS), false), metadata()))
			.as("properties of the services that docs/configuration.md does not document")
			.isEmpty();
	}

	@Test
	void shouldFindABogusOrMissingRow() throws IOException {
		Map<String, String> metadata = metadata();
		List<String> lines = new ArrayList<>(Files.readAllLines(DOCS));
		lines.add(0, "| `bucketwarden.results.tabel` | `x` | a typo |");
		assertThat(unknown(documented(lines, true), metadata)).containsExactly("bucketwarden.results.tabel");
		lines.removeIf((line) -> line.startsWith("| `bucketwarden.results.table`"));
		assertThat(undocumented(documented(lines, false), metadata)).containsExactly("bucketwarden.results.table");
	}

	/**
	 * The first cell of each table row, where it names {@code bucketwarden.*} properties
	 * (in backticks; {@code <id>} and the like stand for a map key). "Renamed settings"
	 * rows name an old property first: only their new one counts, and only when asked for
	 * (a new name must exist, but a rename documents nothing).
	 */
	static Set<String> documented(List<String> lines, boolean withRenamed) {
		Pattern name = Pattern.compile("`(bucketwarden\\.[^`\\s]+)`");
		Set<String> documented = new TreeSet<>();
		boolean renamed = false;
		for (String line : lines) {
			if (line.startsWith("#")) {
				renamed = line.toLowerCase().contains("renamed settings");
			}
			if (!line.startsWith("|") || (renamed && !withRenamed)) {
				continue;
			}
			String[] cells = line.split("\\|");
			if (cells.length < 3) {
				continue;
			}
			Matcher matcher = name.matcher(renamed ? cells[2] : cells[1]);
			while (matcher.find()) {
				// A list's entries (regions[N].name) document the list's properties.
				documented.add(matcher.group(1).replace("[N]", ""));
			}
		}
		return documented;
	}

	/** Documented names no generated property has, or stands for. */
	static Set<String> unknown(Set<String> documented, Map<String, String> metadata) {
		Set<String> unknown = new TreeSet<>();
		for (String name : documented) {
			boolean known = metadata.containsKey(name) || metadata.entrySet()
				.stream()
				.anyMatch((property) -> (name.startsWith(property.getKey() + ".") && isComposite(property.getValue()))
						|| (name.startsWith(property.getKey() + "[N].")
								&& property.getValue().startsWith("java.util.List")));
			if (!known) {
				unknown.add(name);
			}
		}
		return unknown;
	}

	/** Generated properties no documented name is, or lies under. */
	static Set<String> undocumented(Set<String> documented, Map<String, String> metadata) {
		Set<String> undocumented = new TreeSet<>();
		for (String property : metadata.keySet()) {
			if (!documented.contains(property) && documented.stream()
				.noneMatch((name) -> name.startsWith(property + ".") || name.startsWith(property + "[N]."))) {
				undocumented.add(property);
			}
		}
		return undocumented;
	}

	/**
	 * A map, a list, or a type of ours whose keys the processor does not list one by one.
	 */
	private static boolean isComposite(String type) {
		return type.startsWith("java.util.Map") || type.startsWith("java.util.List")
				|| type.startsWith("dev.bucketwarden.");
	}

	/** Every {@code bucketwarden.*} property of the services, with its type. */
	static Map<String, String> metadata() throws IOException {
		ObjectMapper json = new ObjectMapper();
		Map<String, String> properties = new TreeMap<>();
		for (String module : MODULES) {
			Path file = SynthesizedApp.REPOSITORY
				.resolve(module + "/target/classes/META-INF/spring-configuration-metadata.json");
			assertThat(file).as("the configuration metadata of " + module + " (made when it is compiled)").exists();
			for (JsonNode property : json.readTree(file.toFile()).path("properties")) {
				String name = property.path("name").asText();
				if (name.startsWith("bucketwarden.")) {
					properties.put(name, property.path("type").asText());
				}
			}
		}
		return properties;
	}

}
