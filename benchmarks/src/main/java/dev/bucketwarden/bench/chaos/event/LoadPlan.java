package dev.bucketwarden.bench.chaos.event;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The chaos run's load, drawn from its seed alone, so a run can be repeated: keys in
 * versioned and unversioned protected buckets and in the retro bucket (written before
 * protection), each with the contents written to it in order.
 *
 * @param items every key with its writes
 */
record LoadPlan(List<Item> items) {

	static final String VERSIONED = "chaos-versioned";

	static final String UNVERSIONED = "chaos-plain";

	static final String RETRO = "chaos-retro";

	static final String QUARANTINE = "chaos-quarantine";

	static final int BUCKETS_PER_KIND = 2;

	private static final long KIB = 1024;

	private static final long MIB = 1024 * KIB;

	LoadPlan {
		items = List.copyOf(items);
	}

	/**
	 * Draws the load.
	 * @param seed the run's seed
	 * @param keys how many keys (a few more versions: several per versioned key, two per
	 * overwritten key)
	 * @param largest the largest object's size
	 */
	static LoadPlan draw(long seed, int keys, long largest) {
		SplittableRandom random = new SplittableRandom(seed);
		List<Item> items = new ArrayList<>();
		// A tenth of the keys sit in the retro bucket, the rest alternate between
		// versioned and unversioned protected buckets.
		int retro = Math.max(1, keys / 10);
		for (int i = 0; i < keys; i++) {
			boolean isRetro = i < retro;
			boolean versioned = !isRetro && random.nextBoolean();
			String bucket = isRetro ? RETRO
					: (versioned ? VERSIONED : UNVERSIONED) + "-" + random.nextInt(BUCKETS_PER_KIND);
			Shape shape = isRetro ? Shape.SINGLE : shape(random, versioned);
			int writes = switch (shape) {
				case VERSIONS -> 2 + random.nextInt(3);
				case OVERWRITE -> 2;
				default -> 1;
			};
			List<Content> contents = new ArrayList<>();
			for (int w = 0; w < writes; w++) {
				contents.add(content(random, largest));
			}
			String key = "k" + i % 7 + "/" + shape.name().toLowerCase(java.util.Locale.ROOT) + "-" + i + ".bin";
			items.add(new Item(bucket, key, versioned, shape, contents));
		}
		return new LoadPlan(items);
	}

	/** How many versions the plan writes. */
	int versions() {
		return this.items.stream().mapToInt((item) -> item.contents().size()).sum();
	}

	long count(Expected expected) {
		return this.items.stream()
			.flatMap((item) -> item.contents().stream())
			.filter((content) -> content.kind().expected() == expected)
			.count();
	}

	private static Shape shape(SplittableRandom random, boolean versioned) {
		int roll = random.nextInt(100);
		if (roll < 8) {
			return versioned ? Shape.VERSIONS : Shape.OVERWRITE;
		}
		if (roll < 13) {
			return Shape.DELETED;
		}
		return Shape.SINGLE;
	}

	private static Content content(SplittableRandom random, long largest) {
		int roll = random.nextInt(1000);
		long seed = random.nextLong();
		// About 5% infected in five forms and 1% encrypted; the rest clean.
		ContentKind kind;
		if (roll < 12) {
			kind = ContentKind.EICAR;
		}
		else if (roll < 24) {
			kind = ContentKind.EICAR_ZIP;
		}
		else if (roll < 36) {
			kind = ContentKind.EICAR_NESTED_ZIP;
		}
		else if (roll < 50) {
			kind = ContentKind.MARKER_AT_END;
		}
		else if (roll < 60) {
			kind = ContentKind.ENCRYPTED_ZIP;
		}
		else {
			kind = ContentKind.RANDOM;
		}
		long size = size(random, largest);
		if (kind == ContentKind.MARKER_AT_END) {
			// The marker at the end of a large object: at least 1 MiB.
			size = Math.max(size, Math.min(largest, MIB + random.nextLong(4 * MIB)));
		}
		return new Content(kind, Math.max(size, (kind == ContentKind.MARKER_AT_END) ? 64 : 0), seed);
	}

	/**
	 * Skewed to small, so the run fits its time: mostly a few KiB, a few up to 32 MiB.
	 */
	static long size(SplittableRandom random, long largest) {
		int roll = random.nextInt(1000);
		long size;
		if (roll < 20) {
			size = 0;
		}
		else if (roll < 750) {
			size = 1 + random.nextLong(16 * KIB);
		}
		else if (roll < 970) {
			size = 16 * KIB + random.nextLong(MIB - 16 * KIB);
		}
		else if (roll < 997) {
			size = MIB + random.nextLong(7 * MIB);
		}
		else {
			size = 8 * MIB + random.nextLong(24 * MIB + 1);
		}
		return Math.min(size, largest);
	}

	/** What happens to a key. */
	enum Shape {

		/** Written once. */
		SINGLE,

		/** Several versions in a versioned bucket, written one after the other. */
		VERSIONS,

		/** An unversioned key written, then overwritten while the run drains. */
		OVERWRITE,

		/** Written and deleted right after. */
		DELETED

	}

	/** One key and what is written to it, in order. */
	record Item(String bucket, String key, boolean versioned, Shape shape, List<Content> contents) {

		Item {
			contents = List.copyOf(contents);
		}

	}

	/**
	 * One write's content.
	 *
	 * @param size the planned size (the archives' own length differs)
	 * @param seed the content's seed
	 */
	record Content(ContentKind kind, long size, long seed) {
	}

}
