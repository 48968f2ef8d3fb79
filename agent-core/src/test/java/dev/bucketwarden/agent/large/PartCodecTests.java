package dev.bucketwarden.agent.large;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.engine.spi.UnscannableReason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Every kind of part survives the queue's text, and the text stays well under SQS's 256
 * KiB.
 */
class PartCodecTests {

	@Test
	void shouldReadBackEveryKindOfPart() {
		List<Part> parts = List.of(new Window(3, 100, 200),
				new MemberRun(7, 5_000_000_000L, 5_000_100_000L,
						List.of(new ZipMember(5_000_000_000L, 40_000, 90_000, 8, 8),
								new ZipMember(5_000_040_100L, 10, 10, 0, 0))),
				new Sequential(0, 6_000_000_000L, Sequential.Format.GZIP),
				new Refusal(0, 42, UnscannableReason.ENCRYPTED, "member: at byte 7 is encrypted"));

		for (Part part : parts) {
			assertThat(PartCodec.decode(PartCodec.encode(part))).isEqualTo(part);
		}
	}

	@Test
	void shouldKeepTheLargestMemberRunWellUnderAQueueMessage() {
		List<ZipMember> members = new ArrayList<>();
		long offset = 5_000_000_000_000L;
		for (int i = 0; i < MemberRun.MAX_MEMBERS; i++) {
			members.add(new ZipMember(offset, 4_000_000_000_000L, 4_999_999_999_999L, 65535, 65535));
			offset += 4_100_000_000_000L;
		}
		MemberRun run = new MemberRun(999_999, 5_000_000_000_000L, offset, members);

		String text = PartCodec.encode(run);

		assertThat(text.length()).isLessThan(128 << 10);
		assertThat(PartCodec.decode(text)).isEqualTo(run);
	}

	@Test
	void shouldKeepARefusalOnOneShortLine() {
		Part decoded = PartCodec.decode(PartCodec
			.encode(new Refusal(0, 9, UnscannableReason.UNSUPPORTED, "line one\nline two: " + "x".repeat(2000))));

		assertThat(((Refusal) decoded).detail()).startsWith("line one line two: ").hasSize(512);
	}

	@Test
	void shouldRejectTextThatIsNotAPart() {
		for (String text : List.of("", "W:1:2", "W:x:0:10", "Z:0:0:10:", "Z:0:0:10:0,1,1,8", "S:0:10:ZIP",
				"X:0:10:BORED:why", "Q:0:1:2", "Z:0:5:10:0,1,1,8,0")) {
			assertThatIllegalArgumentException().as(text).isThrownBy(() -> PartCodec.decode(text));
		}
	}

}
