package dev.bucketwarden.local.process;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class OnFreePortTests {

	private final List<Integer> ports = new ArrayList<>();

	@Test
	void shouldTryAnotherPortWhenTheChosenOneWasTaken() {
		String started = OnFreePort.start((port) -> {
			this.ports.add(port);
			if (this.ports.size() == 1) {
				throw new ChildExitedException("Address already in use", true);
			}
			return "started on " + port;
		});

		assertThat(this.ports).hasSize(2);
		assertThat(started).isEqualTo("started on " + this.ports.get(1));
	}

	@Test
	void shouldNotRetryAChildThatFailedForAnotherReason() {
		assertThatExceptionOfType(ChildExitedException.class).isThrownBy(() -> OnFreePort.start((port) -> {
			this.ports.add(port);
			throw new ChildExitedException("bad configuration", false);
		}));
		assertThat(this.ports).hasSize(1);
	}

	@Test
	void shouldGiveUpAfterThreeTakenPorts() {
		assertThatExceptionOfType(ChildExitedException.class).isThrownBy(() -> OnFreePort.start((port) -> {
			this.ports.add(port);
			throw new ChildExitedException("Address already in use", true);
		}));
		assertThat(this.ports).hasSize(3);
	}

}
