package dev.bucketwarden.bench.chaos.event;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the checker reads out of findings and dead letters. */
class ServerStateTests {

	@Test
	void shouldReadTheVersionAFindingNames() {
		String finding = "{\"notificationType\":\"SCAN_RESULT\",\"id\":\"x\",\"bucket\":\"b\",\"key\":\"k/a b.bin\","
				+ "\"versionId\":null,\"eTag\":\"\\\"abc\\\"\",\"size\":3}";

		assertThat(ServerState.fields(finding)).containsEntry("bucket", "b")
			.containsEntry("key", "k/a b.bin")
			.containsEntry("eTag", "\"abc\"")
			.doesNotContainKey("versionId");
		assertThat(VersionRef.of("b", "k/a b.bin", null, ServerState.fields(finding).get("eTag")))
			.isEqualTo(new VersionRef("b", "k/a b.bin", null, "abc"));
	}

	@Test
	void shouldReadTheObjectsOfAnEventWhetherRawOrInAnEnvelope() {
		String raw = "{\"Records\":[{\"s3\":{\"bucket\":{\"name\":\"b1\",\"arn\":\"x\"},\"object\":{\"key\":\"a%2Bb+c.bin\",\"size\":1}}}]}";
		String wrapped = "{\"Type\":\"Notification\",\"Message\":\"{\\\"Records\\\":[{\\\"s3\\\":{\\\"bucket\\\":{\\\"name\\\":\\\"b2\\\"},\\\"object\\\":{\\\"key\\\":\\\"k.bin\\\"}}}]}\"}";

		assertThat(ServerState.objects(raw)).containsExactly("b1/a+b c.bin");
		assertThat(ServerState.objects(wrapped)).containsExactly("b2/k.bin");
	}

}
