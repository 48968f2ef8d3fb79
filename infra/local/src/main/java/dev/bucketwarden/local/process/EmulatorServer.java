package dev.bucketwarden.local.process;

import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * A server of the local stack run as a child process on 127.0.0.1 at a free port: the
 * lifecycle every emulator shares. {@link #start} launches it on a free port and waits
 * until it answers, stopping it and trying another port when the chosen one was taken;
 * {@link #close()} stops it by PID. A subclass adds how it is launched, when it is ready,
 * and what its clients need to reach it.
 *
 * @param <P> the kind of child process
 */
public abstract class EmulatorServer<P extends ChildProcess> implements AutoCloseable {

	/** Every server binds the loopback interface only. */
	public static final String HOST = "127.0.0.1";

	private final int port;

	private final P process;

	protected EmulatorServer(int port, P process) {
		this.port = port;
		this.process = process;
	}

	/**
	 * Launches a server on a free port and returns it once {@link #awaitReady()} returns.
	 * A server that is not ready is stopped; it is launched again on another port, up to
	 * three times in all, while {@code portTaken} says the failure was the port's.
	 * @param launch starts the server's process on the given port
	 * @param portTaken whether a failure of {@link #awaitReady()} means that another
	 * process took the port before the server bound it
	 */
	protected static <S extends EmulatorServer<?>> S start(IntFunction<S> launch,
			Predicate<RuntimeException> portTaken) {
		return OnFreePort.start((port) -> {
			S server = launch.apply(port);
			try {
				server.awaitReady();
				return server;
			}
			catch (RuntimeException ex) {
				server.close();
				throw ex;
			}
		}, portTaken);
	}

	/** A child JVM's failure is the port's when its log says so. */
	protected static boolean childPortTaken(RuntimeException failure) {
		return failure instanceof ChildExitedException exited && exited.portTaken();
	}

	/**
	 * A native server's failure to answer is most likely the port's (taken between
	 * choosing it and the server binding it): its log does not tell.
	 */
	protected static boolean notAnswering(RuntimeException failure) {
		return failure instanceof IllegalStateException;
	}

	/** Returns once the server answers; throws if it does not in time. */
	protected abstract void awaitReady();

	public String host() {
		return HOST;
	}

	public int port() {
		return this.port;
	}

	/** The PID of the server's process. */
	public long pid() {
		return this.process.pid();
	}

	public boolean isRunning() {
		return this.process.isAlive();
	}

	/** Stops the server gracefully, forcibly if it does not stop in time. */
	@Override
	public void close() {
		this.process.close();
	}

	protected P process() {
		return this.process;
	}

	/** {@code http://127.0.0.1:PORT}, for the servers that speak HTTP. */
	protected String httpRoot() {
		return "http://" + HOST + ":" + this.port;
	}

}
