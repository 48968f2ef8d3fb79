package dev.bucketwarden.bench.chaos.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The API agent's promises, checked over every request of the run and every object in the
 * upload bucket afterwards. Each check counts what it looked at and lists each violation.
 */
final class ApiInvariants {

	/** The answers a whole request may get, besides a 5xx that says it may be retried. */
	private static final Set<Integer> UPLOAD_REFUSED = Set.of(413, 422);

	private ApiInvariants() {
	}

	/**
	 * One invariant's line of the table.
	 *
	 * @param name what it promises
	 * @param checked how many requests or objects it looked at
	 * @param violations each violation, described
	 */
	record Check(String name, int checked, List<String> violations) {

		Check {
			violations = List.copyOf(violations);
		}

	}

	/**
	 * @param exchanges every request of the run with its answer
	 * @param stored every object in the upload bucket after the run: its key and the
	 * SHA-256 of its bytes
	 * @param memory the agent's memory as sampled during the run
	 */
	static List<Check> check(List<Exchange> exchanges, List<Exchange> retries, Map<String, String> stored,
			MemorySamples memory) {
		Map<String, Exchange> byKey = new HashMap<>();
		for (Exchange exchange : exchanges) {
			if (exchange.request().key() != null) {
				byKey.put(exchange.request().key(), exchange);
			}
		}
		List<Exchange> all = new ArrayList<>(exchanges);
		all.addAll(retries);
		return List.of(storedOnlyIfClean(stored, byKey), noCleanAnswerUnlessWholeAndClean(all),
				createdIsStored(all, stored), serverErrorsRetryable(exchanges),
				disconnectedNeverStored(exchanges, stored), answersFitBodies(exchanges),
				retriesSucceed(retries, stored), memory.check());
	}

	static Check storedOnlyIfClean(Map<String, String> stored, Map<String, Exchange> byKey) {
		List<String> violations = new ArrayList<>();
		stored.forEach((key, sha256) -> {
			Exchange exchange = byKey.get(key);
			if (exchange == null) {
				violations.add(key + " is stored but no request of the run named it");
				return;
			}
			ChaosBody body = exchange.request().body();
			if (!body.type().clean() || exchange.request().disconnects() || !body.sha256().equals(sha256)) {
				violations.add(key + " is stored (sha256 " + sha256 + ") from " + exchange);
			}
		});
		return new Check("no object stored unless its whole body was Clean", stored.size(), violations);
	}

	static Check noCleanAnswerUnlessWholeAndClean(List<Exchange> exchanges) {
		List<String> violations = new ArrayList<>();
		int checked = 0;
		for (Exchange exchange : exchanges) {
			if (!exchange.answer().answered()) {
				continue;
			}
			checked++;
			if (!"Clean".equals(exchange.answer().result())) {
				continue;
			}
			ChaosBody body = exchange.request().body();
			long size = exchange.answer().size();
			if (!body.type().clean() || exchange.request().disconnects() || size != body.length()) {
				violations.add("Clean for " + exchange + " (scanned size " + size + ")");
			}
		}
		return new Check("no Clean answer for an infected, encrypted, unscanned or truncated body", checked,
				violations);
	}

	static Check createdIsStored(List<Exchange> exchanges, Map<String, String> stored) {
		List<String> violations = new ArrayList<>();
		int checked = 0;
		for (Exchange exchange : exchanges) {
			if (exchange.answer().status() != 201) {
				continue;
			}
			checked++;
			String sha256 = stored.get(exchange.request().key());
			if (sha256 == null) {
				violations.add("201 but not in the bucket: " + exchange);
			}
			else if (!sha256.equals(exchange.request().body().sha256())) {
				violations.add("201 but the bucket holds other bytes (sha256 " + sha256 + "): " + exchange);
			}
		}
		return new Check("every upload answered 201 is stored with its bytes", checked, violations);
	}

	static Check serverErrorsRetryable(List<Exchange> exchanges) {
		List<String> violations = new ArrayList<>();
		int checked = 0;
		for (Exchange exchange : exchanges) {
			if (exchange.answer().status() < 500) {
				continue;
			}
			checked++;
			if (!exchange.answer().saysRetryable()) {
				violations.add("a 5xx that does not say it may be retried: " + exchange);
			}
		}
		return new Check("every 5xx says it may be retried (Retry-After, not retryable: false)", checked, violations);
	}

	static Check disconnectedNeverStored(List<Exchange> exchanges, Map<String, String> stored) {
		List<String> violations = new ArrayList<>();
		int checked = 0;
		for (Exchange exchange : exchanges) {
			if (!exchange.request().disconnects() || !exchange.request().upload()) {
				continue;
			}
			checked++;
			if (stored.containsKey(exchange.request().key())) {
				violations.add("stored although the client disconnected: " + exchange);
			}
		}
		return new Check("an upload whose client disconnected mid-body is never stored", checked, violations);
	}

	/**
	 * A 5xx that said it may be retried is worth retrying: sent again once the faults are
	 * over, an upload is stored (201), or finds its key holding its own bytes (409: the
	 * first attempt's write was stored although it failed and could not be read back); a
	 * scan gets its verdict. What its body allows is checked as for any answer.
	 */
	static Check retriesSucceed(List<Exchange> retries, Map<String, String> stored) {
		List<String> violations = new ArrayList<>();
		for (Exchange retry : retries) {
			PlannedRequest request = retry.request();
			int status = retry.answer().status();
			boolean ok;
			if (request.upload() && status == 409) {
				ok = request.body().sha256().equals(stored.get(request.key()));
			}
			else {
				ok = status < 500 && answersFitBodies(List.of(retry)).violations().isEmpty();
			}
			if (!ok) {
				violations.add("retried after the faults: " + retry);
			}
		}
		return new Check("every 5xx, retried after the faults, gets its answer", retries.size(), violations);
	}

	/**
	 * Every whole request gets an answer, and one its body allows: a clean upload 201, an
	 * infected or encrypted one 422 (413 too large), a scan 200 with its verdict; any of
	 * them a 5xx when the engine or S3 failed. A 409 for a key unique in the run means
	 * the agent refused its own write.
	 */
	static Check answersFitBodies(List<Exchange> exchanges) {
		List<String> violations = new ArrayList<>();
		int checked = 0;
		for (Exchange exchange : exchanges) {
			PlannedRequest request = exchange.request();
			if (request.disconnects()) {
				continue;
			}
			checked++;
			Answer answer = exchange.answer();
			if (!answer.answered()) {
				violations.add("no answer: " + exchange);
				continue;
			}
			int status = answer.status();
			if (status >= 500) {
				continue;
			}
			boolean clean = request.body().type().clean();
			boolean fits;
			if (request.upload()) {
				fits = clean ? status == 201 : UPLOAD_REFUSED.contains(status);
			}
			else {
				String result = answer.result();
				fits = (status == 200)
						&& (clean ? "Clean".equals(result) : "Infected".equals(result) || "Unscannable".equals(result));
			}
			if (!fits) {
				violations.add("an answer its body does not allow: " + exchange);
			}
		}
		return new Check("every whole request answered as its body allows (or a 5xx)", checked, violations);
	}

}
