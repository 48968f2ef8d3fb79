package dev.bucketwarden.local.process;

/**
 * A server's child process, a JVM ({@link JavaProcess}) or a native program
 * ({@link NativeProcess}): what an {@link EmulatorServer} needs to report and stop it.
 */
public interface ChildProcess extends AutoCloseable {

	long pid();

	boolean isAlive();

	/** Stops the process gracefully, forcibly if it does not stop in time. */
	@Override
	void close();

}
