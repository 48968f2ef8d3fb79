package dev.bucketwarden.local.clamd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SyntheticSignaturesTests {

	@TempDir
	Path dir;

	@Test
	void shouldWriteTheSameBytesForTheSameSeed() throws IOException {
		Path first = Files.createDirectory(this.dir.resolve("first"));
		Path second = Files.createDirectory(this.dir.resolve("second"));
		new SyntheticSignatures(3000, 300, 7L).writeTo(first);
		new SyntheticSignatures(3000, 300, 7L).writeTo(second);
		for (String file : List.of(SyntheticSignatures.HASH_FILE, SyntheticSignatures.BODY_FILE)) {
			assertThat(Files.readAllBytes(second.resolve(file))).isEqualTo(Files.readAllBytes(first.resolve(file)));
		}
	}

	@Test
	void shouldWriteOtherSignaturesForAnotherSeed() throws IOException {
		Path first = Files.createDirectory(this.dir.resolve("first"));
		Path second = Files.createDirectory(this.dir.resolve("second"));
		new SyntheticSignatures(100, 100, 7L).writeTo(first);
		new SyntheticSignatures(100, 100, 8L).writeTo(second);
		for (String file : List.of(SyntheticSignatures.HASH_FILE, SyntheticSignatures.BODY_FILE)) {
			assertThat(Files.readAllLines(second.resolve(file)))
				.doesNotContainAnyElementsOf(Files.readAllLines(first.resolve(file)));
		}
	}

	@Test
	void shouldKeepTheBodySignaturesWhenOnlyTheHashCountChanges() throws IOException {
		Path first = Files.createDirectory(this.dir.resolve("first"));
		Path second = Files.createDirectory(this.dir.resolve("second"));
		new SyntheticSignatures(10, 50, 7L).writeTo(first);
		new SyntheticSignatures(20, 50, 7L).writeTo(second);
		assertThat(Files.readAllBytes(second.resolve(SyntheticSignatures.BODY_FILE)))
			.isEqualTo(Files.readAllBytes(first.resolve(SyntheticSignatures.BODY_FILE)));
	}

	@Test
	void shouldWriteHashSignaturesInClamavsMd5Format() throws IOException {
		new SyntheticSignatures(5000, 0, 1L).writeTo(this.dir);
		List<String> lines = Files.readAllLines(this.dir.resolve(SyntheticSignatures.HASH_FILE));
		assertThat(lines).hasSize(5000);
		assertThat(lines).allMatch((line) -> line.matches("[0-9a-f]{32}:[0-9]+:BwBench\\.Synthetic\\.Hdb-[0-9]{7}"));
		assertThat(lines.getFirst()).endsWith(":BwBench.Synthetic.Hdb-0000001");
		assertThat(lines.getLast()).endsWith(":BwBench.Synthetic.Hdb-0005000");
		List<Long> sizes = lines.stream().map((line) -> Long.parseLong(line.split(":")[1])).toList();
		assertThat(sizes).allMatch((size) -> size >= 64 && size <= (16 << 20));
		// Spread over the whole range, mostly small as malware samples are.
		assertThat(sizes).anyMatch((size) -> size < 1024).anyMatch((size) -> size > (4 << 20));
		assertThat(new HashSet<>(lines.stream().map((line) -> line.substring(0, 32)).toList())).hasSize(5000);
		assertThat(lines.stream().map((line) -> line.substring(0, 2)).distinct().count()).isGreaterThan(250);
	}

	@Test
	void shouldWriteBodySignaturesOfRandomPatternsWithoutSharedPrefixes() throws IOException {
		new SyntheticSignatures(0, 4000, 1L).writeTo(this.dir);
		List<String> lines = Files.readAllLines(this.dir.resolve(SyntheticSignatures.BODY_FILE));
		assertThat(lines).hasSize(4000);
		assertThat(lines)
			.allMatch((line) -> line.matches("BwBench\\.Synthetic\\.Ndb-[0-9]{7}:0:\\*:([0-9a-f]{2}){16,32}"));
		List<String> patterns = lines.stream().map((line) -> line.substring(line.lastIndexOf(':') + 1)).toList();
		assertThat(patterns).anyMatch((hex) -> hex.length() == 32).anyMatch((hex) -> hex.length() == 64);
		// Three-byte prefixes: 4000 random ones out of 16.7 million hardly ever repeat.
		Set<String> prefixes = new HashSet<>(patterns.stream().map((hex) -> hex.substring(0, 6)).toList());
		assertThat(prefixes).hasSizeGreaterThan(3990);
		// Every byte value is possible, high nibbles too: no narrowed alphabet.
		assertThat(patterns.stream().map((hex) -> hex.charAt(0)).distinct()).hasSize(16);
		assertThat(patterns.stream().map((hex) -> hex.substring(0, 2)).distinct().count()).isGreaterThan(250);
	}

	@Test
	void shouldRemoveTheFilesOfAnEarlierRunWhenEmpty() throws IOException {
		new SyntheticSignatures(10, 10, 1L).writeTo(this.dir);
		SyntheticSignatures.NONE.writeTo(this.dir);
		assertThat(this.dir.resolve(SyntheticSignatures.HASH_FILE)).doesNotExist();
		assertThat(this.dir.resolve(SyntheticSignatures.BODY_FILE)).doesNotExist();
	}

	@Test
	void shouldRefuseNegativeCounts() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SyntheticSignatures(-1, 0, 1L));
	}

}
