package dev.bucketwarden.bench.chaos.api;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each of the API run's checks passes what is right and catches what is not. */
class ApiInvariantsTests {

	private static final ChaosBody CLEAN = ChaosBody.of(1, BodyClass.CLEAN, 1000, 7);

	private static final ChaosBody EICAR = ChaosBody.of(2, BodyClass.EICAR, 0, 8);

	private static final ChaosBody ENCRYPTED = ChaosBody.of(3, BodyClass.ENCRYPTED, 100, 9);

	private static final ChaosBody CUT = ChaosBody.of(4, BodyClass.CLEAN, 2000, 10);

	private static final MemorySamples MEMORY = new MemorySamples(10, 100 << 20, 256 << 20, 300 << 20, 768 << 20, null);

	@Test
	void shouldPassARunThatKeptEveryPromise() {
		List<Exchange> exchanges = List.of(upload(CLEAN, 201, null, "Clean", CLEAN.length()),
				upload(EICAR, 422, null, "Infected", EICAR.length()), upload(ENCRYPTED, 503, "5", "Error", -1, true),
				scan(ENCRYPTED, 200, "Unscannable"), disconnected(CUT));
		List<Exchange> retries = List.of(upload(ENCRYPTED, 422, null, "Unscannable", ENCRYPTED.length()));
		Map<String, String> stored = Map.of(key(CLEAN), CLEAN.sha256());

		assertThat(ApiInvariants.check(exchanges, retries, stored, MEMORY))
			.allSatisfy((check) -> assertThat(check.violations()).as(check.name()).isEmpty());
	}

	@Test
	void shouldCatchAnInfectedBodyInTheBucket() {
		Exchange exchange = upload(EICAR, 422, null, "Infected", EICAR.length());

		assertThat(ApiInvariants.storedOnlyIfClean(Map.of(key(EICAR), EICAR.sha256()), Map.of(key(EICAR), exchange))
			.violations()).hasSize(1);
	}

	@Test
	void shouldCatchOtherBytesOrAnUnknownKeyInTheBucket() {
		Exchange exchange = upload(CLEAN, 201, null, "Clean", CLEAN.length());

		assertThat(ApiInvariants
			.storedOnlyIfClean(Map.of(key(CLEAN), EICAR.sha256(), "stray", CLEAN.sha256()),
					Map.of(key(CLEAN), exchange))
			.violations()).hasSize(2);
	}

	@Test
	void shouldCatchACleanAnswerForAnInfectedOrPartlyScannedBody() {
		List<Exchange> exchanges = List.of(scan(EICAR, 200, "Clean"),
				upload(CLEAN, 201, null, "Clean", CLEAN.length() - 1));

		assertThat(ApiInvariants.noCleanAnswerUnlessWholeAndClean(exchanges).violations()).hasSize(2);
	}

	@Test
	void shouldCatchACreatedUploadThatIsNotInTheBucket() {
		List<Exchange> exchanges = List.of(upload(CLEAN, 201, null, "Clean", CLEAN.length()));

		assertThat(ApiInvariants.createdIsStored(exchanges, Map.of()).violations()).hasSize(1);
		assertThat(ApiInvariants.createdIsStored(exchanges, Map.of(key(CLEAN), EICAR.sha256())).violations())
			.hasSize(1);
	}

	@Test
	void shouldCatchAServerErrorThatDoesNotSayItMayBeRetried() {
		List<Exchange> exchanges = List.of(upload(CLEAN, 502, null, null, -1, true),
				upload(CLEAN, 503, "5", null, -1, false), upload(CLEAN, 500, "5", null, -1, true));

		assertThat(ApiInvariants.serverErrorsRetryable(exchanges).violations()).hasSize(2);
	}

	@Test
	void shouldCatchADisconnectedUploadInTheBucket() {
		List<Exchange> exchanges = List.of(disconnected(CLEAN));

		assertThat(ApiInvariants.disconnectedNeverStored(exchanges, Map.of(key(CLEAN), CLEAN.sha256())).violations())
			.hasSize(1);
	}

	@Test
	void shouldCatchAnswersTheBodyDoesNotAllow() {
		List<Exchange> exchanges = List.of(upload(CLEAN, 409, null, null, -1), upload(EICAR, 201, null, "Clean", 68),
				scan(CLEAN, 200, "Infected"), scan(EICAR, 200, "Clean"),
				exchange(request(CLEAN, true, -1), Answer.none("Connection reset")));

		assertThat(ApiInvariants.answersFitBodies(exchanges).violations()).hasSize(5);
	}

	@Test
	void shouldCatchARetryThatStillFailsOrMeetsOtherBytes() {
		List<Exchange> retries = List.of(upload(CLEAN, 503, "5", null, -1, true), upload(CLEAN, 409, null, null, -1),
				scan(EICAR, 503, "Error"));

		assertThat(ApiInvariants.retriesSucceed(retries, Map.of(key(CLEAN), EICAR.sha256())).violations()).hasSize(3);
		assertThat(ApiInvariants.retriesSucceed(retries.subList(1, 2), Map.of(key(CLEAN), CLEAN.sha256())).violations())
			.isEmpty();
		assertThat(ApiInvariants.check(List.of(), retries.subList(2, 3), Map.of(), MEMORY))
			.flatExtracting(ApiInvariants.Check::violations)
			.hasSize(1);
	}

	@Test
	void shouldCatchMemoryOverItsLimitsAndAnAgentThatEnded() {
		MemorySamples memory = new MemorySamples(10, 100 << 20, 256 << 20, 800 << 20, 768 << 20, "exited");

		assertThat(memory.check().violations()).hasSize(2);
		assertThat(new MemorySamples(0, 0, 256 << 20, 0, 768 << 20, null).check().violations()).hasSize(1);
	}

	private static String key(ChaosBody body) {
		return "chaos/" + body.index() + ".bin";
	}

	private static PlannedRequest request(ChaosBody body, boolean upload, int cutAt) {
		return new PlannedRequest(body, upload, upload ? key(body) : null, cutAt, false);
	}

	private static Exchange upload(ChaosBody body, int status, String retryAfter, String result, long size) {
		return upload(body, status, retryAfter, result, size, false);
	}

	private static Exchange upload(ChaosBody body, int status, String retryAfter, String result, long size,
			boolean retryable) {
		return exchange(request(body, true, -1), new Answer(status, retryAfter, json(result, size, retryable), null));
	}

	private static Exchange scan(ChaosBody body, int status, String result) {
		return exchange(request(body, false, -1), new Answer(status, null, json(result, body.length(), false), null));
	}

	private static Exchange disconnected(ChaosBody body) {
		return exchange(request(body, true, body.length() / 2), Answer.none("disconnected"));
	}

	private static Exchange exchange(PlannedRequest request, Answer answer) {
		return new Exchange(request, answer, 0, 1);
	}

	private static String json(String result, long size, boolean retryable) {
		return "{" + ((result != null) ? "\"result\":\"" + result + "\"," : "") + "\"size\":" + size + ",\"retryable\":"
				+ retryable + "}";
	}

}
