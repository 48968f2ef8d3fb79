package dev.bucketwarden.bench.chaos.api;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The API run's requests: every class of body, unique keys, cuts inside the body. */
class UploadMixTests {

	@Test
	void shouldSendEveryClassOfBodyBothWaysAndSomeDisconnects() {
		List<PlannedRequest> plan = UploadMix.plan(5, 400);

		for (BodyClass type : BodyClass.values()) {
			assertThat(plan).filteredOn((request) -> request.body().type() == type).isNotEmpty();
		}
		assertThat(plan).filteredOn(PlannedRequest::upload).isNotEmpty();
		assertThat(plan).filteredOn((request) -> !request.upload()).isNotEmpty();
		assertThat(plan).filteredOn(PlannedRequest::disconnects).isNotEmpty();
	}

	@Test
	void shouldNameEveryUploadByItsOwnKeyAndCutInsideTheBody() {
		List<PlannedRequest> plan = UploadMix.plan(6, 400);
		Set<String> keys = new HashSet<>();

		for (PlannedRequest request : plan) {
			if (request.upload()) {
				assertThat(keys.add(request.key())).as(request.key()).isTrue();
			}
			if (request.disconnects()) {
				assertThat(request.cutAt()).isBetween(0, request.body().length() - 1);
			}
		}
	}

	@Test
	void shouldMakeTheSameBytesAgainFromTheSeed() {
		PlannedRequest first = UploadMix.plan(8, 20).get(3);

		assertThat(ChaosBody.sha256(first.body().bytes())).isEqualTo(first.body().sha256());
		assertThat(first.body().bytes()).hasSize(first.body().length());
	}

}
