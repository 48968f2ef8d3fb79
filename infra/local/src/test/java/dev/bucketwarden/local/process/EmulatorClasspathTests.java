package dev.bucketwarden.local.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class EmulatorClasspathTests {

	@Test
	void shouldReadTheJarsTheBuildResolved() {
		EmulatorClasspath classpath = EmulatorClasspath.of("elasticmq");

		assertThat(classpath.entries()).isNotEmpty().allSatisfy((jar) -> assertThat(jar).isRegularFile());
		assertThat(classpath.entries())
			.anySatisfy((jar) -> assertThat(jar.getFileName().toString()).startsWith("elasticmq-server_"));
	}

	@Test
	void shouldFindTheModuleThatCarriesTheClasspath() throws IOException {
		Path origin = EmulatorClasspath.of("dynamodb-local").origin();

		if (Files.isDirectory(origin)) {
			assertThat(origin.resolve("dev/bucketwarden/emulators/dynamodb/LoopbackDynamoDbLocal.class")).exists();
		}
		else {
			try (ZipFile jar = new ZipFile(origin.toFile())) {
				assertThat(jar.getEntry("dev/bucketwarden/emulators/dynamodb/LoopbackDynamoDbLocal.class")).isNotNull();
			}
		}
	}

	@Test
	void shouldReadTheNativeLibraryOfDynamoDbLocal() {
		assertThat(EmulatorClasspath.of("dynamodb-local").extra("native")).singleElement()
			.satisfies(
					(library) -> assertThat(library.getFileName().toString()).startsWith("libsqlite4java-linux-amd64"));
	}

	@Test
	void shouldSayHowToBuildWhenAnEmulatorIsMissing() {
		assertThatIllegalStateException().isThrownBy(() -> EmulatorClasspath.of("no-such-emulator"))
			.withMessageContaining("infra/emulators")
			.withMessageContaining("./mvnw install");
	}

}
