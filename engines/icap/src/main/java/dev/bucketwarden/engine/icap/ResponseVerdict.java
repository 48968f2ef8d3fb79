package dev.bucketwarden.engine.icap;

import java.util.List;
import java.util.function.Supplier;

import dev.bucketwarden.engine.spi.EngineException;
import dev.bucketwarden.engine.spi.UnscannableReason;
import dev.bucketwarden.engine.spi.Verdict;

/**
 * Maps an ICAP response to RESPMOD exactly onto a verdict. Clean is earned, never
 * assumed:
 * <ul>
 * <li>any infection header ({@link InfectionHeaders}), whatever the status: Infected with
 * the names (all of them ClamAV's encrypted or limits heuristics, as c-icap passes them
 * on from clamd: Unscannable);</li>
 * <li>204 No Content: Clean only when the server had the whole body (the preview carried
 * {@code ieof}, or the rest was sent after 100 Continue). A 204 in answer to a preview
 * that did not hold everything means the server chose not to look at the rest (a file
 * type or size it does not scan): Unscannable, never Clean;</li>
 * <li>200 OK without an infection header: the server sent back a modified message. An
 * encapsulated HTTP status of 400 or more is a block page: Infected (named
 * {@code ICAP-Blocked-HTTP-<status>}, as the server gave no name). Our own bytes sent
 * back unchanged (same length and CRC-32C) are what a server that does not use 204
 * answers for a clean file: Clean, if it had the whole body. Anything else is a change we
 * cannot explain: an engine failure, so that an operator looks at it rather than letting
 * it pass;</li>
 * <li>403 Forbidden (used by some servers for blocked content): Infected;</li>
 * <li>413: Unscannable (too large); 408: timeout; 503: unavailable; 500 and other 5xx:
 * engine failure; 400, 404, 405 and anything else: protocol error (or configuration, for
 * an unknown service).</li>
 * </ul>
 */
final class ResponseVerdict {

	private ResponseVerdict() {
	}

	/**
	 * @param allSeen whether the server received the whole body before answering
	 * @param answer reads what a 200 carried back; called only when needed
	 */
	static Verdict map(IcapResponse response, boolean allSeen, Supplier<Answer> answer, String uri) {
		List<String> threats = InfectionHeaders.threats(response);
		if (!threats.isEmpty()) {
			return infected(threats);
		}
		if (InfectionHeaders.present(response)) {
			return Verdict.Infected.of("ICAP-Infection-Unnamed");
		}
		String status = response.status() + " " + response.reason();
		return switch (response.status()) {
			case 204 -> allSeen ? new Verdict.Clean() : declined(uri);
			case 200 -> modified(answer.get(), allSeen, uri);
			case 403 -> Verdict.Infected.of("ICAP-Forbidden-403");
			case 413 -> new Verdict.Unscannable(UnscannableReason.TOO_LARGE, uri + " answered " + status);
			case 408 -> throw EngineException.timeout(uri + " answered " + status, null);
			case 503 -> throw EngineException.unavailable(uri + " answered " + status, null);
			case 404 -> throw EngineException.engineFailure(uri + " answered " + status + ": check the service name");
			default -> {
				if (response.status() >= 500) {
					throw EngineException.engineFailure(uri + " could not scan the content: " + status);
				}
				throw EngineException.protocol(uri + " answered RESPMOD with " + status);
			}
		};
	}

	private static Verdict infected(List<String> threats) {
		boolean encrypted = threats.stream().allMatch((name) -> name.startsWith("Heuristics.Encrypted."));
		boolean limits = threats.stream().allMatch((name) -> name.startsWith("Heuristics.Limits.Exceeded"));
		if (encrypted) {
			return new Verdict.Unscannable(UnscannableReason.ENCRYPTED, String.join(", ", threats));
		}
		if (limits) {
			return new Verdict.Unscannable(UnscannableReason.LIMITS_EXCEEDED, String.join(", ", threats));
		}
		return new Verdict.Infected(threats);
	}

	private static Verdict declined(String uri) {
		return new Verdict.Unscannable(UnscannableReason.UNSUPPORTED, uri
				+ " answered 204 to the preview without asking for the rest of the content, so it did not scan all of it");
	}

	private static Verdict modified(Answer answer, boolean allSeen, String uri) {
		if (answer.httpStatus() >= 400) {
			return Verdict.Infected.of("ICAP-Blocked-HTTP-" + answer.httpStatus());
		}
		if (answer.body() == Answer.Body.UNMODIFIED && answer.httpStatus() == 200 && allSeen) {
			return new Verdict.Clean();
		}
		throw EngineException.engineFailure(uri + " answered 200 with a modified message (HTTP " + answer.httpStatus()
				+ ", body " + answer.body().name().toLowerCase(java.util.Locale.ROOT)
				+ ") and no infection header: the change cannot be explained, so the content is not called clean");
	}

}
