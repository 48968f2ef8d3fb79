package dev.bucketwarden.local.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock that tests move: either standing still at an instant they set and advance
 * (refresh intervals, cron runs), or the real time shifted by what they advance (code
 * that also measures real durations, such as signature ages next to probe timeouts).
 * Thread-safe: the code under test reads it from its own threads.
 */
public final class TestClock extends Clock {

	private final boolean followsSystem;

	private volatile Instant instant;

	private volatile Duration offset = Duration.ZERO;

	private TestClock(boolean followsSystem, Instant instant) {
		this.followsSystem = followsSystem;
		this.instant = instant;
	}

	/** A clock standing still at {@code instant} until the test moves it. */
	public static TestClock at(Instant instant) {
		return new TestClock(false, instant);
	}

	/** The real time, moved on by what the test advances. */
	public static TestClock system() {
		return new TestClock(true, null);
	}

	/** Sets a standing clock's time. */
	public synchronized void set(Instant instant) {
		if (this.followsSystem) {
			throw new IllegalStateException("A clock that follows the real time cannot be set; advance it");
		}
		this.instant = instant;
	}

	/** Moves the clock on. */
	public synchronized void advance(Duration duration) {
		if (this.followsSystem) {
			this.offset = this.offset.plus(duration);
		}
		else {
			this.instant = this.instant.plus(duration);
		}
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@Override
	public Instant instant() {
		return this.followsSystem ? Instant.now().plus(this.offset) : this.instant;
	}

}
