package dev.bucketwarden.engine.spi.io;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.engine.spi.EngineException;
import dev.bucketwarden.engine.spi.EngineInfo;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CachedEngineInfo}: the first call probes, later ones within the refresh interval
 * do not, and a failed probe keeps the last known versions.
 */
class CachedEngineInfoTests {

	@Test
	void shouldProbeOnceAndKeepTheVersionsWithinTheRefreshInterval() {
		CachedEngineInfo cache = new CachedEngineInfo("test", Duration.ofHours(1));
		AtomicInteger probes = new AtomicInteger();
		EngineInfo fresh = new EngineInfo("test", "Test 1.0", "42", null);
		for (int i = 0; i < 3; i++) {
			EngineInfo info = cache.current(() -> {
				probes.incrementAndGet();
				return cache.update(fresh);
			}, (ex) -> {
			});
			assertThat(info).isEqualTo(fresh);
		}
		assertThat(probes).hasValue(1);
	}

	@Test
	void shouldProbeAgainOnceTheVersionsAreOlderThanTheRefreshInterval() {
		CachedEngineInfo cache = new CachedEngineInfo("test", Duration.ofNanos(1));
		AtomicInteger probes = new AtomicInteger();
		cache.update(new EngineInfo("test", "Test 1.0", "41", null));
		long updated = System.nanoTime();
		while (System.nanoTime() - updated <= 1) {
			Thread.onSpinWait();
		}
		EngineInfo info = cache.current(() -> {
			probes.incrementAndGet();
			return cache.update(new EngineInfo("test", "Test 1.0", "42", null));
		}, (ex) -> {
		});
		assertThat(probes).hasValue(1);
		assertThat(info.signatureVersion()).isEqualTo("42");
	}

	@Test
	void shouldKeepTheLastKnownVersionsWhenTheProbeFails() {
		CachedEngineInfo cache = new CachedEngineInfo("test", Duration.ofHours(1));
		List<EngineException> failures = new ArrayList<>();
		EngineInfo info = cache.current(() -> {
			throw EngineException.unavailable("daemon down", null);
		}, failures::add);
		assertThat(info).isEqualTo(EngineInfo.unknown("test"));
		assertThat(failures).singleElement().extracting(Throwable::getMessage).isEqualTo("daemon down");
	}

}
