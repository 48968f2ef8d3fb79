package dev.bucketwarden.engine.sophos;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.engine.spi.EngineException;
import dev.bucketwarden.engine.spi.ErrorKind;
import dev.bucketwarden.engine.spi.UnscannableReason;
import dev.bucketwarden.engine.spi.Verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScanReplyTests {

	@Test
	void shouldBeCleanOnlyWithDoneOkSuccessAndNothingElse() {
		assertThat(parse("OK 0000 /tmp/x", "DONE OK 0000 The function call succeeded")).isEqualTo(new Verdict.Clean());
		assertThat(parse("DONE OK 0000 The function call succeeded")).isEqualTo(new Verdict.Clean());
		assertThat(parse("EVENT FILE /tmp/x", "OK 0000 /tmp/x", "DONE OK 0000 ok")).isEqualTo(new Verdict.Clean());
	}

	@Test
	void shouldNameEveryVirusOnce() {
		assertThat(parse("VIRUS Troj/A /tmp/x/a.exe", "VIRUS Troj/B /tmp/x/b.exe", "VIRUS Troj/A /tmp/x/c.exe",
				"OK 0203 /tmp/x", "DONE OK 0203 Virus found during virus scan"))
			.isEqualTo(Verdict.Infected.of("Troj/A", "Troj/B"));
	}

	@Test
	void shouldKeepADetectionEvenWhenTheRequestFailedAfterIt() {
		assertThat(parse("VIRUS Troj/A /tmp/x", "DONE FAIL 021E Could not scan the rest"))
			.isEqualTo(Verdict.Infected.of("Troj/A"));
	}

	@Test
	void shouldCallItemsThatCouldNotBeScannedUnscannable() {
		assertThat(parse("FAIL 0212 /tmp/x/secret.zip", "DONE OK 0000 ok")).isInstanceOfSatisfying(
				Verdict.Unscannable.class,
				(verdict) -> assertThat(verdict.reason()).isEqualTo(UnscannableReason.ENCRYPTED));
		assertThat(parse("OK 0000 /tmp/x/a", "FAIL 0215 /tmp/x/b", "DONE OK 0000 ok")).isInstanceOfSatisfying(
				Verdict.Unscannable.class,
				(verdict) -> assertThat(verdict.reason()).isEqualTo(UnscannableReason.UNSUPPORTED));
	}

	@Test
	void shouldThrowAnEngineFailureForAFailedRequest() {
		assertThatThrownBy(() -> parse("DONE FAIL 021E Could not open")).isInstanceOfSatisfying(EngineException.class,
				(ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.ENGINE_FAILURE));
	}

	@Test
	void shouldThrowAProtocolErrorForAnythingElse() {
		List<List<String>> replies = List.of(List.of(), List.of("OK 0000 /tmp/x"), List.of("DONE OK"),
				List.of("DONE MAYBE 0000 x"), List.of("DONE OK 0203 Virus found"), List.of("VIRUS", "DONE OK 0203 x"),
				List.of("OK zero /tmp/x", "DONE OK 0000 x"), List.of("HTTP/1.1 200 OK"),
				List.of("DONE OK 0000 x", "VIRUS Late /tmp/x"));
		for (List<String> reply : replies) {
			assertThatThrownBy(() -> ScanReply.parse(reply, "test")).as(reply.toString())
				.isInstanceOfSatisfying(EngineException.class,
						(ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.PROTOCOL));
		}
	}

	private static Verdict parse(String... lines) {
		return ScanReply.parse(List.of(lines), "test");
	}

}
