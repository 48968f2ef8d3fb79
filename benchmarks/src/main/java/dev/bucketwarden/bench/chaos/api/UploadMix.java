package dev.bucketwarden.bench.chaos.api;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The run's requests, all decided by the seed: mostly clean random bodies of mixed sizes
 * (0 B to 4 MiB), about 5% each of the EICAR file plain and zipped, of large bodies with
 * the test marker at their very end, and of encrypted archives; about 70% are
 * store-after-scan uploads under keys unique in the run, the rest scans; about 6% of the
 * clients disconnect mid-body, half of them with a reset.
 */
final class UploadMix {

	static final String BUCKET = "chaos-api-uploads";

	private UploadMix() {
	}

	static List<PlannedRequest> plan(long seed, int count) {
		SplittableRandom random = new SplittableRandom(seed);
		List<PlannedRequest> requests = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			ChaosBody body = body(i, random);
			boolean upload = random.nextInt(100) < 70;
			int cutAt = -1;
			boolean reset = false;
			if (body.length() > 0 && random.nextInt(100) < 6) {
				cutAt = random.nextInt(body.length());
				reset = random.nextBoolean();
			}
			String key = upload ? "chaos/" + seed + "/" + i + ".bin" : null;
			requests.add(new PlannedRequest(body, upload, key, cutAt, reset));
		}
		return requests;
	}

	private static ChaosBody body(int index, SplittableRandom random) {
		int roll = random.nextInt(100);
		long contentSeed = random.nextLong();
		if (roll < 5) {
			return ChaosBody.of(index, BodyClass.EICAR, 0, contentSeed);
		}
		if (roll < 10) {
			return ChaosBody.of(index, BodyClass.EICAR_ZIPPED, 0, contentSeed);
		}
		if (roll < 15) {
			return ChaosBody.of(index, BodyClass.MARKER_AT_END, (256 << 10) + random.nextInt(3 << 20), contentSeed);
		}
		if (roll < 20) {
			return ChaosBody.of(index, BodyClass.ENCRYPTED, 1 + random.nextInt(64 << 10), contentSeed);
		}
		return ChaosBody.of(index, BodyClass.CLEAN, cleanSize(random), contentSeed);
	}

	/**
	 * 0 B now and then, mostly up to 64 KiB, a quarter up to 1 MiB, a few up to 4 MiB.
	 */
	private static int cleanSize(SplittableRandom random) {
		int roll = random.nextInt(100);
		if (roll < 3) {
			return 0;
		}
		if (roll < 70) {
			return 1 + random.nextInt(64 << 10);
		}
		if (roll < 95) {
			return (64 << 10) + random.nextInt(960 << 10);
		}
		return (1 << 20) + random.nextInt(3 << 20);
	}

}
