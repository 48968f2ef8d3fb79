package dev.bucketwarden.infra.aws.service;

/**
 * The ClamAV sidecar's contract with the agents in its task: clamd listens on the task's
 * loopback (containers of a Fargate task share it), and the agents' engine settings must
 * equal clamd's limits (docker/clamav/clamd.conf; a test keeps them equal).
 */
public final class ClamavSidecar {

	public static final String CONTAINER_NAME = "clamav";

	public static final String HOST = "127.0.0.1";

	public static final int PORT = 3310;

	/**
	 * clamd's StreamMaxLength: longer content is unscannable (too large), never clean.
	 */
	public static final String STREAM_MAX_LENGTH = "1000MB";

	/** clamd's MaxThreads: the scans one task runs at once. */
	public static final int MAX_THREADS = 8;

	/**
	 * Loading the signatures (and the first freshclam run on a cold start) takes minutes.
	 */
	public static final int START_PERIOD_SECONDS = 300;

	private ClamavSidecar() {
	}

}
