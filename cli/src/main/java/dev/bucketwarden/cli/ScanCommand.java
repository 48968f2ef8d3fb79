package dev.bucketwarden.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.engine.chain.EngineResult;
import dev.bucketwarden.engine.chain.ScanReport;
import dev.bucketwarden.engine.spi.EngineSettings;
import dev.bucketwarden.engine.spi.ErrorKind;
import dev.bucketwarden.engine.spi.ObjectRef;
import dev.bucketwarden.engine.spi.ScanContext;
import dev.bucketwarden.engine.spi.ScanEngine;
import dev.bucketwarden.engine.spi.ScanEngineRegistry;
import dev.bucketwarden.engine.spi.ScanResult;
import dev.bucketwarden.engine.spi.Verdict;

/**
 * Scans files and directory trees (symbolic links are not followed) and prints one line
 * each.
 */
final class ScanCommand {

	private final ScanOptions options;

	private final PrintStream out;

	ScanCommand(ScanOptions options, PrintStream out) {
		this.options = options;
		this.out = out;
	}

	int run() {
		ScanEngineRegistry registry = ScanEngineRegistry.load();
		List<ScanEngine> engines = this.options.engines()
			.stream()
			.map((id) -> registry.create(id, EngineSettings.of(this.options.settings().getOrDefault(id, Map.of()))))
			.toList();
		EngineChain.Builder builder = EngineChain.builder().policy(this.options.policy());
		engines.forEach(builder::engine);
		EngineChain chain = builder.build();
		List<Path> files = files();
		int width = files.stream().mapToInt((file) -> file.toString().length()).max().orElse(4);
		String format = "%-12s %-" + width + "s  %s%n";
		this.out.printf(format, "RESULT", "FILE", "DETAIL");
		int status = 0;
		for (Path file : files) {
			ScanReport report = scan(chain, file);
			this.out.printf(format, report.verdict().result().label(), file, detail(report));
			status = Math.max(status, exitStatus(report.verdict().result()));
		}
		engines.forEach(ScanEngine::close);
		return status;
	}

	private List<Path> files() {
		List<Path> files = new ArrayList<>();
		for (Path path : this.options.paths()) {
			if (Files.isDirectory(path)) {
				try (Stream<Path> tree = Files.walk(path)) {
					tree.filter(Files::isRegularFile).sorted().forEach(files::add);
				}
				catch (IOException ex) {
					throw new IllegalArgumentException("Cannot list " + path + ": " + ex.getMessage(), ex);
				}
			}
			else {
				files.add(path);
			}
		}
		return files;
	}

	private static ScanReport scan(EngineChain chain, Path file) {
		ScanContext context;
		try {
			context = ScanContext.of(new ObjectRef.LocalFile(file.toString()), Files.size(file));
		}
		catch (IOException ex) {
			return unreadable(file, ex);
		}
		try (InputStream content = Files.newInputStream(file)) {
			return chain.scan(content, context);
		}
		catch (IOException ex) {
			return unreadable(file, ex);
		}
	}

	private static ScanReport unreadable(Path file, IOException ex) {
		Verdict error = new Verdict.Error(ErrorKind.CONTENT_READ, "Cannot read " + file + ": " + ex.getMessage(), ex);
		return new ScanReport(error, List.of(), 0, java.time.Duration.ZERO);
	}

	private static String detail(ScanReport report) {
		String engines = report.engines()
			.stream()
			.filter((result) -> result.info() != null)
			.map(ScanCommand::describe)
			.collect(Collectors.joining("; "));
		String verdict = switch (report.verdict()) {
			case Verdict.Clean clean -> "";
			case Verdict.Infected infected -> String.join(", ", infected.signatures()) + " | ";
			case Verdict.Unscannable unscannable -> unscannable.reason() + ": " + unscannable.detail() + " | ";
			case Verdict.Error error -> error.kind() + ": " + error.message() + " | ";
		};
		return verdict + engines;
	}

	private static String describe(EngineResult result) {
		return result.engineId() + " " + result.info().describe() + " " + result.duration().toMillis() + " ms";
	}

	private static int exitStatus(ScanResult result) {
		return switch (result) {
			case CLEAN -> 0;
			case INFECTED -> 1;
			case UNSCANNABLE, ERROR -> 2;
		};
	}

}
