package dev.bucketwarden.retro.crawl;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RetroMessageTests {

	@Test
	void shouldRoundTripThroughJson() {
		RetroMessage message = new RetroMessage("job-1",
				List.of(new RetroMessage.Target("b", "ünïcödé/with space+plus.txt", null, "abc"),
						new RetroMessage.Target("b", "v.txt", "3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY", "def")));

		RetroMessage read = RetroMessage.fromJson(message.toJson());

		assertThat(read).isEqualTo(message);
		assertThat(read.objects().get(0).objectId()).isEqualTo("b/ünïcödé/with space+plus.txt#etag:abc");
		assertThat(read.objects().get(1).objectId()).isEqualTo("b/v.txt#3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY");
	}

	@Test
	void shouldRefusePoison() {
		assertThatIllegalArgumentException().isThrownBy(() -> RetroMessage.fromJson("{\"Records\":[]}"));
		assertThatIllegalArgumentException().isThrownBy(() -> RetroMessage.fromJson("not json"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RetroMessage.fromJson("{\"jobId\":\"j\",\"objects\":[]}"));
	}

}
