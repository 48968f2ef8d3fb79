package dev.bucketwarden.engine.icap;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import dev.bucketwarden.engine.spi.EngineException;
import dev.bucketwarden.engine.spi.ObjectRef;
import dev.bucketwarden.engine.spi.ScanContext;
import dev.bucketwarden.engine.spi.Verdict;

/**
 * Sends the EICAR test file and requires the service to find it. A 204 proves nothing by
 * itself: an ICAP service that has lost its scanner can answer 204 to everything
 * (c-icap's virus_scan does, when clamd was not reachable as it started: its engine list
 * is empty and every object passes). A service that passes EICAR is not scanning, and is
 * refused.
 */
final class SelfTest {

	private static final ObjectRef NAME = new ObjectRef.Upload("bucketwarden-self-test/eicar.com");

	private SelfTest() {
	}

	static void run(IcapSettings settings, ServiceOptions options, long deadline) {
		byte[] eicar = eicar();
		Verdict verdict;
		try (IcapConnection connection = IcapConnection.open(settings, deadline)) {
			verdict = new Respmod(settings)
				.send(connection, options, new ByteArrayInputStream(eicar), ScanContext.of(NAME, eicar.length),
						Long.MAX_VALUE)
				.verdict();
		}
		if (!(verdict instanceof Verdict.Infected)) {
			throw EngineException.engineFailure("The ICAP service " + settings.uri()
					+ " did not find the EICAR test file (it answered " + verdict.result().label()
					+ "), so it is not scanning; no content is sent to it until it does (self-test)");
		}
	}

	/** The 68-byte EICAR test file, assembled here so no class file holds a copy. */
	private static byte[] eicar() {
		String head = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$";
		String tail = "EICAR-STANDARD-ANTIVIRUS-" + "TEST-FILE!$H+H*";
		return (head + tail).getBytes(StandardCharsets.US_ASCII);
	}

}
