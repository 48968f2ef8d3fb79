package dev.bucketwarden.engine.icap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import dev.bucketwarden.engine.spi.EngineException;
import dev.bucketwarden.engine.spi.ObjectRef;
import dev.bucketwarden.engine.spi.ScanContext;
import dev.bucketwarden.engine.spi.UnscannableReason;
import dev.bucketwarden.engine.spi.Verdict;

/**
 * One RESPMOD request (RFC 3507 section 4.9): the content travels as the body of an HTTP
 * response ({@code res-body}) behind a short HTTP request header naming the object, in
 * chunks (section 4.4.1; HTTP/1.1 chunked encoding).
 * <p>
 * With a preview (section 4.5) the first bytes go first, ended by {@code 0; ieof} when
 * they are all there is, or by a zero chunk otherwise; the server then answers 100
 * Continue (the rest follows, ended by a zero chunk) or answers at once.
 * {@code Allow: 204} is sent when the server advertised it, so that clean content needs
 * no copy back. Content is streamed; nothing is buffered beyond one chunk.
 */
final class Respmod {

	private static final byte[] CRLF = { '\r', '\n' };

	private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] LAST_CHUNK_IEOF = "0; ieof\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

	private final IcapSettings settings;

	Respmod(IcapSettings settings) {
		this.settings = settings;
	}

	/** The verdict, and the ISTag the server answered with (or {@code null}). */
	record Outcome(Verdict verdict, String istag) {
	}

	Outcome send(IcapConnection connection, ServiceOptions options, InputStream source, ScanContext context,
			long limit) {
		Body body = new Body(source, limit, this.settings.chunkSize());
		// Capped at one chunk, so the preview always goes out whole in one chunk.
		int preview = Math.min(options.previewFor(this.settings), this.settings.chunkSize());
		IcapResponse response;
		boolean allSeen;
		try {
			ByteBuffer head = ByteBuffer.wrap(head(options, preview, context));
			if (preview >= 0) {
				int n = body.read(preview);
				boolean ended = body.ended();
				if (body.overLimit()) {
					return tooLarge(limit);
				}
				connection.write(this.settings.readTimeout(),
						concat(head, chunk(body, n), ByteBuffer.wrap(ended ? LAST_CHUNK_IEOF : LAST_CHUNK)));
				response = IcapResponse.read(connection, this.settings.readTimeout());
				allSeen = ended;
				if (response.status() == 100) {
					if (ended) {
						throw EngineException.protocol(this.settings.uri()
								+ " answered 100 Continue to a preview that ended with ieof: there is nothing more");
					}
					Verdict stopped = streamRest(connection, body, limit);
					if (stopped != null) {
						return new Outcome(stopped, null);
					}
					response = IcapResponse.read(connection, this.settings.readTimeout());
					allSeen = true;
				}
			}
			else {
				connection.write(this.settings.readTimeout(), head);
				Verdict stopped = streamRest(connection, body, limit);
				if (stopped != null) {
					return new Outcome(stopped, null);
				}
				response = IcapResponse.read(connection, this.settings.readTimeout());
				allSeen = true;
			}
		}
		catch (IOException ex) {
			return new Outcome(answerAfterBrokenRequest(connection, ex), null);
		}
		if (allSeen) {
			body.checkDeclaredSize(context);
		}
		IcapResponse answered = response;
		Verdict verdict = ResponseVerdict.map(answered, allSeen, () -> Answers.read(connection, answered, body.sent(),
				body.checksum(), this.settings.readTimeout(), this.settings.uri()), this.settings.uri());
		return new Outcome(verdict, answered.header("ISTag").map(ServiceOptions::unquote).orElse(null));
	}

	/**
	 * Sends the rest of the body and the zero chunk; a verdict only if over the limit.
	 */
	private Verdict streamRest(IcapConnection connection, Body body, long limit) throws IOException {
		while (true) {
			int n = body.read(this.settings.chunkSize());
			if (body.overLimit()) {
				return tooLarge(limit).verdict();
			}
			if (n == 0) {
				connection.write(this.settings.readTimeout(), ByteBuffer.wrap(LAST_CHUNK));
				return null;
			}
			connection.write(this.settings.readTimeout(), chunk(body, n));
		}
	}

	/**
	 * A server may answer early and close (for example after finding a virus, or on an
	 * error) while the body is still being sent; read that answer before calling the
	 * failure a broken connection. It came before the whole body, so it cannot be clean.
	 */
	private Verdict answerAfterBrokenRequest(IcapConnection connection, IOException writeFailure) {
		if (connection.timedOut()) {
			throw connection.failure("sending the content to", writeFailure);
		}
		IcapResponse response;
		try {
			response = IcapResponse.read(connection, this.settings.connectTimeout());
		}
		catch (IOException | EngineException ex) {
			throw connection.failure("sending the content to", writeFailure);
		}
		return ResponseVerdict.map(response, false, () -> new Answer(0, Answer.Body.NONE), this.settings.uri());
	}

	private byte[] head(ServiceOptions options, int preview, ScanContext context) {
		String request = "GET " + path(context.object()) + " HTTP/1.1\r\nHost: bucketwarden.local\r\n\r\n";
		String response = "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
				+ (context.sizeKnown() ? "Content-Length: " + context.size() : "Transfer-Encoding: chunked")
				+ "\r\n\r\n";
		StringBuilder icap = new StringBuilder().append("RESPMOD ")
			.append(this.settings.uri())
			.append(" ICAP/1.0\r\nHost: ")
			.append(this.settings.host())
			.append(':')
			.append(this.settings.port())
			.append("\r\n");
		if (options.allow204()) {
			icap.append("Allow: 204\r\n");
		}
		if (preview >= 0) {
			icap.append("Preview: ").append(preview).append("\r\n");
		}
		int responseOffset = request.length();
		icap.append("Encapsulated: req-hdr=0, res-hdr=")
			.append(responseOffset)
			.append(", res-body=")
			.append(responseOffset + response.length())
			.append("\r\n\r\n")
			.append(request)
			.append(response);
		return icap.toString().getBytes(StandardCharsets.ISO_8859_1);
	}

	/** The object's name as an HTTP path: vendors use it for reports and type hints. */
	static String path(ObjectRef object) {
		String name = switch (object) {
			case ObjectRef.S3Object s3 -> "/" + s3.bucket() + "/" + s3.key();
			case ObjectRef.LocalFile file -> file.path().startsWith("/") ? file.path() : "/" + file.path();
			case ObjectRef.Upload upload -> "/" + upload.name();
		};
		StringBuilder path = new StringBuilder();
		for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
			char c = (char) (b & 0xff);
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "/._~-".indexOf(c) >= 0) {
				path.append(c);
			}
			else {
				path.append('%').append(String.format("%02X", b & 0xff));
			}
		}
		return path.toString();
	}

	private static ByteBuffer[] chunk(Body body, int n) {
		if (n == 0) {
			return new ByteBuffer[0];
		}
		return new ByteBuffer[] {
				ByteBuffer.wrap((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII)),
				ByteBuffer.wrap(body.buffer(), 0, n), ByteBuffer.wrap(CRLF) };
	}

	private static ByteBuffer[] concat(ByteBuffer first, ByteBuffer[] middle, ByteBuffer last) {
		ByteBuffer[] all = new ByteBuffer[middle.length + 2];
		all[0] = first;
		System.arraycopy(middle, 0, all, 1, middle.length);
		all[all.length - 1] = last;
		return all;
	}

	static Outcome tooLarge(long limit) {
		return new Outcome(new Verdict.Unscannable(UnscannableReason.TOO_LARGE,
				"Content is larger than the ICAP size limit of " + limit + " bytes"), null);
	}

}
