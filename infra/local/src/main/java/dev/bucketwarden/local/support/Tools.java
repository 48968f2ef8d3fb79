package dev.bucketwarden.local.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the programs of the local stack, and says how to install a missing one. */
public final class Tools {

	private static final List<String> SYSTEM_DIRS = List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin",
			"/usr/local/bin", "/sbin", "/bin");

	private Tools() {
	}

	public static Optional<Path> find(String program) {
		String path = System.getenv().getOrDefault("PATH", "");
		return Stream.concat(Stream.of(path.split(":")), SYSTEM_DIRS.stream())
			.filter((dir) -> !dir.isEmpty())
			.map((dir) -> Path.of(dir, program))
			.filter(Files::isExecutable)
			.findFirst();
	}

	/** The program, or a failure that names the Debian package and bin/setup. */
	public static Path require(String program, String debianPackage) {
		return find(program).orElseThrow(() -> new IllegalStateException(program + " is not installed. Run bin/setup, "
				+ "which installs the Debian package " + debianPackage + " (apt-get install " + debianPackage + ")."));
	}

}
