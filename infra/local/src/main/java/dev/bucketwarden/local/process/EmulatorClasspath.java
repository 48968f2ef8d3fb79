package dev.bucketwarden.local.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The jars of one emulator, as its module under {@code infra/emulators} wrote them at
 * build time into {@code META-INF/bucketwarden/emulators/NAME.classpath}: absolute paths
 * into the local Maven repository, which the build itself downloaded. Reading a resource
 * rather than a path relative to the working directory makes this work the same for tests
 * in any module and for the local-stack jar.
 */
public final class EmulatorClasspath {

	private static final String DIR = "META-INF/bucketwarden/emulators/";

	private final String name;

	private final List<Path> entries;

	private final Path origin;

	private EmulatorClasspath(String name, List<Path> entries, Path origin) {
		this.name = name;
		this.entries = entries;
		this.origin = origin;
	}

	/** Reads the classpath of the named emulator and checks every file is there. */
	public static EmulatorClasspath of(String name) {
		URL resource = resource(name + ".classpath");
		List<Path> entries = paths(read(resource), name);
		return new EmulatorClasspath(name, entries, origin(resource, name + ".classpath"));
	}

	/**
	 * The paths that the emulator module listed in its file {@code NAME.EXTENSION}, such
	 * as a native library.
	 */
	public List<Path> extra(String extension) {
		return paths(read(resource(this.name + "." + extension)), this.name);
	}

	/** The emulator's own jars. */
	public List<Path> entries() {
		return this.entries;
	}

	/**
	 * The jar (or classes directory) of the emulator module itself, for adapters that run
	 * inside the child JVM.
	 */
	public Path origin() {
		return this.origin;
	}

	private static URL resource(String file) {
		URL url = EmulatorClasspath.class.getClassLoader().getResource(DIR + file);
		if (url == null) {
			throw new IllegalStateException("No " + DIR + file + " on the classpath: the emulator modules under "
					+ "infra/emulators are missing. Build with ./mvnw install (or -am) first.");
		}
		return url;
	}

	private static String read(URL url) {
		try (InputStream in = url.openStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + url, ex);
		}
	}

	private static List<Path> paths(String classpath, String name) {
		List<Path> paths = new ArrayList<>();
		for (String entry : classpath.split(java.io.File.pathSeparator)) {
			if (!entry.isBlank()) {
				paths.add(Path.of(entry));
			}
		}
		List<Path> missing = paths.stream().filter((path) -> !Files.exists(path)).toList();
		if (paths.isEmpty() || !missing.isEmpty()) {
			throw new IllegalStateException("The " + name + " jars are not in the local Maven repository "
					+ (paths.isEmpty() ? "(empty classpath)" : missing.toString())
					+ ". Run ./mvnw install, which downloads them.");
		}
		return List.copyOf(paths);
	}

	private static Path origin(URL url, String file) {
		try {
			if ("jar".equals(url.getProtocol())) {
				return Path.of(((JarURLConnection) url.openConnection()).getJarFileURL().toURI());
			}
			// A classes directory (tests in the reactor before packaging): strip the
			// resource's own path.
			Path path = Path.of(url.toURI());
			return path.getRoot().resolve(path.subpath(0, path.getNameCount() - Path.of(DIR, file).getNameCount()));
		}
		catch (IOException | URISyntaxException ex) {
			throw new IllegalStateException("Cannot locate the module that holds " + url, ex);
		}
	}

}
