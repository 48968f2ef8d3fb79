package dev.bucketwarden.local.process;

/** A child JVM exited before it was ready. */
public class ChildExitedException extends IllegalStateException {

	private final boolean portTaken;

	ChildExitedException(String message, boolean portTaken) {
		super(message);
		this.portTaken = portTaken;
	}

	/**
	 * Whether it could not bind its port: another process took the free port we chose
	 * before the child bound it, and a new port will do.
	 */
	public boolean portTaken() {
		return this.portTaken;
	}

}
