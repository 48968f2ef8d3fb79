package dev.bucketwarden.eventagent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The table of hostile inputs in docs/reliability.md lists exactly the corpus' cases, in
 * its order, with the outcomes the corpus test asserts: the two cannot drift apart. On a
 * mismatch the message holds the table's rows as they must be.
 */
class HostileInputsTableTests {

	private static final Path RELIABILITY = Path.of("..", "docs", "reliability.md");

	@Test
	void shouldListEveryCaseOfTheCorpusWithItsOutcome() throws IOException {
		List<String> expected = HostileCorpus.all().stream().map(HostileCase::tableRow).toList();

		assertThat(tableRows()).as("rows of the Hostile inputs table; they must be:%n%s", String.join("\n", expected))
			.containsExactlyElementsOf(expected);
	}

	@Test
	void shouldHoldAtLeastSixtyCasesInEveryGroupTheIssueNames() {
		List<HostileCase> cases = HostileCorpus.all();

		assertThat(cases).hasSizeGreaterThanOrEqualTo(60);
		assertThat(cases.stream().map(HostileCase::group).distinct()).containsExactly("S3 keys", "sizes", "content",
				"tags", "messages", "versions");
		assertThat(cases.stream().map((hostileCase) -> hostileCase.group() + ": " + hostileCase.name()))
			.doesNotHaveDuplicates();
	}

	/** The case rows of the table under "## Hostile inputs" (not its header). */
	private static List<String> tableRows() throws IOException {
		List<String> lines = Files.readAllLines(RELIABILITY);
		int start = lines.indexOf("## Hostile inputs");
		assertThat(start).as("the Hostile inputs section").isNotNegative();
		int end = start + 1;
		while (end < lines.size() && !lines.get(end).startsWith("## ")) {
			end++;
		}
		return lines.subList(start + 1, end)
			.stream()
			.filter((line) -> line.startsWith("| "))
			.filter((line) -> !line.startsWith("| Group |"))
			.toList();
	}

}
