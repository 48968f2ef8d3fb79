package dev.bucketwarden.engine.sophos;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import dev.bucketwarden.engine.spi.EngineException;

/**
 * An SSSP session on one connection: SAVDI's greeting, the version, the options, then
 * requests, each acknowledged with ACC or REJ and answered with lines up to an empty
 * line; {@code BYE} ends it.
 * <p>
 * Version negotiation: SAVDI greets with {@code OK SSSP/<major>.<minor>}, the highest
 * version it speaks; a client speaks that version or an older one, naming it in front of
 * every request. We speak SSSP/1.0, which every SSSP server understands, and refuse a
 * greeting of another major version (or no SSSP greeting at all: then the port is not
 * SAVDI's).
 */
final class SsspSession implements AutoCloseable {

	static final String VERSION = "SSSP/1.0";

	/** Bounds the lines of one reply, so a runaway server cannot fill memory. */
	private static final int MAX_REPLY_LINES = 10_000;

	private final SsspConnection connection;

	private final SophosSettings settings;

	private SsspSession(SsspConnection connection, SophosSettings settings) {
		this.connection = connection;
		this.settings = settings;
	}

	/** Connects, reads the greeting and sets the configured options. */
	static SsspSession open(SophosSettings settings, long deadline) {
		SsspConnection connection = SsspConnection.open(settings, deadline);
		SsspSession session = new SsspSession(connection, settings);
		try {
			session.greeting();
			if (!settings.options().isEmpty()) {
				session.options(settings.options());
			}
			return session;
		}
		catch (IOException ex) {
			connection.close();
			throw connection.failure("greeting", ex);
		}
		catch (RuntimeException ex) {
			connection.close();
			throw ex;
		}
	}

	SsspConnection connection() {
		return this.connection;
	}

	private void greeting() throws IOException {
		String line = this.connection.readLine(this.settings.readTimeout());
		if (line == null) {
			throw EngineException.unavailable(
					"SAVDI at " + this.connection.endpoint() + " closed the connection without a greeting", null);
		}
		if (!line.matches("OK SSSP/1\\.\\d+.*")) {
			throw EngineException.protocol("Not an SSSP/1 greeting from " + this.connection.endpoint() + ": '"
					+ SsspText.abbreviate(line) + "'");
		}
	}

	/**
	 * {@code OPTIONS}, one option per line, ended by an empty line; answered with ACC,
	 * then {@code DONE OK 0000}. Options that are refused fail the scan: scanning with
	 * other settings than configured (for example without looking into archives) could
	 * miss what the configuration promised to find.
	 */
	private void options(List<String> options) throws IOException {
		String[] lines = new String[options.size() + 2];
		lines[0] = VERSION + " OPTIONS";
		for (int i = 0; i < options.size(); i++) {
			lines[i + 1] = options.get(i);
		}
		lines[lines.length - 1] = "";
		this.connection.writeLines(this.settings.readTimeout(), lines);
		Acknowledgement ack = acknowledgement("OPTIONS");
		if (!ack.accepted()) {
			throw ack.rejection("OPTIONS " + options, this.connection.endpoint());
		}
		List<String> reply = replyLines("OPTIONS");
		if (reply.size() != 1 || !reply.getFirst().startsWith("DONE OK ")) {
			throw EngineException.engineFailure("SAVDI at " + this.connection.endpoint() + " did not take the options "
					+ options + ": " + String.join(" | ", reply));
		}
	}

	/** Sends a one-line request (without the version, which is added). */
	void request(String request) throws IOException {
		this.connection.writeLines(this.settings.readTimeout(), VERSION + " " + request);
	}

	Acknowledgement acknowledgement(String request) throws IOException {
		return Acknowledgement.parse(this.connection.readLine(this.settings.readTimeout()), request,
				this.connection.endpoint());
	}

	/** The lines of a reply up to the empty line that ends it. */
	List<String> replyLines(String request) throws IOException {
		List<String> lines = new ArrayList<>();
		while (true) {
			String line = this.connection.readLine(this.settings.readTimeout());
			if (line == null && lines.isEmpty()) {
				throw EngineException.unavailable("SAVDI at " + this.connection.endpoint()
						+ " closed the connection without answering " + request, null);
			}
			if (line == null) {
				// A reply cut off after some of its lines: what came is not the whole
				// answer.
				throw EngineException
					.protocol("SAVDI at " + this.connection.endpoint() + " closed the connection before the end of its "
							+ request + " reply (after '" + SsspText.abbreviate(String.join(" | ", lines)) + "')");
			}
			if (line.isEmpty()) {
				return lines;
			}
			if (lines.size() >= MAX_REPLY_LINES) {
				throw EngineException.protocol("SAVDI at " + this.connection.endpoint() + " sent more than "
						+ MAX_REPLY_LINES + " lines in its " + request + " reply");
			}
			lines.add(line);
		}
	}

	/**
	 * Says {@code BYE} (answered with {@code BYE}) so SAVDI ends the session cleanly,
	 * then closes. Best effort: the verdict is already known.
	 */
	@Override
	public void close() {
		try {
			if (!this.connection.timedOut()) {
				this.connection.writeLines(this.settings.connectTimeout(), "BYE");
				this.connection.readLine(this.settings.connectTimeout());
			}
		}
		catch (IOException | EngineException ex) {
			// the session is over either way
		}
		finally {
			this.connection.close();
		}
	}

}
