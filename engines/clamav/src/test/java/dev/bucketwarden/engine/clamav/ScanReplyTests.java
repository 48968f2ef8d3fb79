package dev.bucketwarden.engine.clamav;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.engine.spi.EngineException;
import dev.bucketwarden.engine.spi.ErrorKind;
import dev.bucketwarden.engine.spi.UnscannableReason;
import dev.bucketwarden.engine.spi.Verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScanReplyTests {

	@Test
	void shouldMapOkToClean() {
		assertThat(ScanReply.parse("stream: OK")).isEqualTo(new Verdict.Clean());
	}

	@Test
	void shouldMapFoundToInfectedWithTheSignatureName() {
		assertThat(ScanReply.parse("stream: Win.Test.EICAR_HDB-1 FOUND"))
			.isEqualTo(Verdict.Infected.of("Win.Test.EICAR_HDB-1"));
	}

	@Test
	void shouldMapEncryptedHeuristicsToUnscannableNeverClean() {
		assertThat(ScanReply.parse("stream: Heuristics.Encrypted.Zip FOUND"))
			.isEqualTo(new Verdict.Unscannable(UnscannableReason.ENCRYPTED, "Heuristics.Encrypted.Zip"));
		assertThat(ScanReply.parse("stream: Heuristics.Encrypted.PDF FOUND")).isInstanceOfSatisfying(
				Verdict.Unscannable.class,
				(verdict) -> assertThat(verdict.reason()).isEqualTo(UnscannableReason.ENCRYPTED));
	}

	@Test
	void shouldMapExceededLimitsToUnscannable() {
		assertThat(ScanReply.parse("stream: Heuristics.Limits.Exceeded.MaxFileSize FOUND")).isEqualTo(
				new Verdict.Unscannable(UnscannableReason.LIMITS_EXCEEDED, "Heuristics.Limits.Exceeded.MaxFileSize"));
		assertThat(ScanReply.parse("stream: Heuristics.Limits.Exceeded FOUND")).isInstanceOf(Verdict.Unscannable.class);
	}

	@Test
	void shouldTreatOtherHeuristicsAsDetections() {
		assertThat(ScanReply.parse("stream: Heuristics.Phishing.Email.SpoofedDomain FOUND"))
			.isEqualTo(Verdict.Infected.of("Heuristics.Phishing.Email.SpoofedDomain"));
	}

	@Test
	void shouldMapTheStreamSizeLimitToUnscannableTooLarge() {
		assertThat(ScanReply.parse("INSTREAM size limit exceeded. ERROR")).isInstanceOfSatisfying(
				Verdict.Unscannable.class,
				(verdict) -> assertThat(verdict.reason()).isEqualTo(UnscannableReason.TOO_LARGE));
	}

	@Test
	void shouldThrowAnEngineFailureForErrors() {
		assertThatThrownBy(() -> ScanReply.parse("stream: Can't allocate memory ERROR")).isInstanceOfSatisfying(
				EngineException.class, (ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.ENGINE_FAILURE));
	}

	@Test
	void shouldThrowATimeoutWhenClamdTimedOutReadingTheStream() {
		assertThatThrownBy(() -> ScanReply.parse("COMMAND READ TIMED OUT"))
			.isInstanceOfSatisfying(EngineException.class, (ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.TIMEOUT));
	}

	@Test
	void shouldThrowAProtocolErrorForAnythingElse() {
		for (String garbage : new String[] { "", "stream:", "FOUND", "stream: OKAY", "PONG", "HTTP/1.1 200 OK" }) {
			assertThatThrownBy(() -> ScanReply.parse(garbage)).as(garbage)
				.isInstanceOfSatisfying(EngineException.class,
						(ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.PROTOCOL));
		}
	}

}
