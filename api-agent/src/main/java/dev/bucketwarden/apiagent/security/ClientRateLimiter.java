package dev.bucketwarden.apiagent.security;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A token bucket per client, in a map bounded by {@code maxClients}: the least recently
 * seen client is dropped when a new one comes, and a client idle long enough to have
 * refilled its bucket is dropped as soon as it is the oldest, which loses nothing.
 */
class ClientRateLimiter {

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	private final double perNano;

	private final int burst;

	private final int maxClients;

	private final LongSupplier nanoTime;

	private final Map<String, Bucket> buckets;

	ClientRateLimiter(RateLimitProperties properties, LongSupplier nanoTime) {
		this.perNano = properties.requestsPerSecond() / NANOS_PER_SECOND;
		this.burst = properties.burst();
		this.maxClients = properties.maxClients();
		this.nanoTime = nanoTime;
		this.buckets = new LinkedHashMap<>(16, 0.75f, true);
	}

	/**
	 * Takes a token for the client.
	 * @return 0 when the call may go ahead, else the whole seconds until it may
	 */
	synchronized long acquire(String client) {
		long now = this.nanoTime.getAsLong();
		Bucket bucket = this.buckets.get(client);
		evict(now, bucket);
		if (bucket == null) {
			bucket = new Bucket(this.burst, now);
			this.buckets.put(client, bucket);
		}
		bucket.refill(now, this.perNano, this.burst);
		if (bucket.tokens >= 1) {
			bucket.tokens -= 1;
			return 0;
		}
		double nanos = (1 - bucket.tokens) / this.perNano;
		return Math.max(1, (long) Math.ceil(nanos / NANOS_PER_SECOND));
	}

	synchronized int clients() {
		return this.buckets.size();
	}

	/**
	 * Drops the oldest buckets while they are full again, and one more when a new client
	 * would pass the bound. The map is in access order: the caller's own bucket, just
	 * looked up, is the newest.
	 */
	private void evict(long now, Bucket current) {
		long refillNanos = (long) Math.ceil(this.burst / this.perNano);
		Iterator<Bucket> oldestFirst = this.buckets.values().iterator();
		while (oldestFirst.hasNext()) {
			Bucket bucket = oldestFirst.next();
			boolean full = (current == null) && this.buckets.size() >= this.maxClients;
			if (bucket != current && (full || now - bucket.updated >= refillNanos)) {
				oldestFirst.remove();
			}
			else {
				break;
			}
		}
	}

	private static final class Bucket {

		private double tokens;

		private long updated;

		Bucket(double tokens, long updated) {
			this.tokens = tokens;
			this.updated = updated;
		}

		void refill(long now, double perNano, int burst) {
			this.tokens = Math.min(burst, this.tokens + (now - this.updated) * perNano);
			this.updated = now;
		}

	}

}
