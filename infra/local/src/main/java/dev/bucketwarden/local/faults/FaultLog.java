package dev.bucketwarden.local.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every injected fault, kept in memory for the run's checks, logged, and appended to the
 * run's fault log file if it has one (several proxies may share the file).
 */
final class FaultLog {

	private static final Logger logger = LoggerFactory.getLogger(FaultProxy.class);

	/** One lock for every proxy of the JVM, since they may append to one file. */
	private static final Object FILE_LOCK = new Object();

	private final List<InjectedFault> injected = new ArrayList<>();

	private final @Nullable Path file;

	FaultLog(@Nullable Path file) {
		this.file = file;
	}

	void record(InjectedFault fault) {
		synchronized (this.injected) {
			this.injected.add(fault);
		}
		logger.info("Injected fault {}", fault.logLine());
		if (this.file != null) {
			synchronized (FILE_LOCK) {
				try {
					Files.writeString(this.file, fault.logLine() + System.lineSeparator(), StandardCharsets.UTF_8,
							StandardOpenOption.CREATE, StandardOpenOption.APPEND);
				}
				catch (IOException ex) {
					// The in-memory record and the log line still hold the fault.
					logger.warn("Could not append to the fault log {}: {}", this.file, ex.toString());
				}
			}
		}
	}

	List<InjectedFault> injected() {
		synchronized (this.injected) {
			return List.copyOf(this.injected);
		}
	}

}
