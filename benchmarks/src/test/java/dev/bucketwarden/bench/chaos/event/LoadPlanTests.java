package dev.bucketwarden.bench.chaos.event;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The seeded load: repeatable, its mix as the issue asks. */
class LoadPlanTests {

	private static final long LARGEST = 32L << 20;

	@Test
	void shouldDrawTheSameLoadFromTheSameSeed() {
		assertThat(LoadPlan.draw(5, 500, LARGEST)).isEqualTo(LoadPlan.draw(5, 500, LARGEST));
		assertThat(LoadPlan.draw(6, 500, LARGEST)).isNotEqualTo(LoadPlan.draw(5, 500, LARGEST));
	}

	@Test
	void shouldInfectAboutFivePercentInEveryFormAndEncryptSome() {
		LoadPlan plan = LoadPlan.draw(11, 10_000, LARGEST);
		double infected = (double) plan.count(Expected.INFECTED) / plan.versions();

		assertThat(infected).isBetween(0.04, 0.06);
		assertThat(plan.count(Expected.UNSCANNABLE)).isPositive();
		assertThat(plan.items()).flatExtracting(LoadPlan.Item::contents)
			.extracting(LoadPlan.Content::kind)
			.contains(ContentKind.values());
	}

	@Test
	void shouldShapeKeysAsTheirBucketAllows() {
		LoadPlan plan = LoadPlan.draw(12, 2_000, LARGEST);

		assertThat(plan.items()).extracting(LoadPlan.Item::shape).contains(LoadPlan.Shape.values());
		assertThat(plan.items()).filteredOn((item) -> item.shape() == LoadPlan.Shape.VERSIONS)
			.allSatisfy((item) -> assertThat(item.versioned()).isTrue())
			.allSatisfy((item) -> assertThat(item.contents()).hasSizeBetween(2, 4));
		assertThat(plan.items()).filteredOn((item) -> item.shape() == LoadPlan.Shape.OVERWRITE)
			.allSatisfy((item) -> assertThat(item.versioned()).isFalse());
		assertThat(plan.items()).filteredOn((item) -> item.bucket().equals(LoadPlan.RETRO))
			.isNotEmpty()
			.allSatisfy((item) -> assertThat(item.shape()).isEqualTo(LoadPlan.Shape.SINGLE));
	}

	@Test
	void shouldKeepSizesBetweenZeroAndTheLargestSkewedToSmall() {
		LoadPlan plan = LoadPlan.draw(13, 10_000, LARGEST);

		assertThat(plan.items()).flatExtracting(LoadPlan.Item::contents)
			.extracting(LoadPlan.Content::size)
			.allSatisfy((size) -> assertThat(size).isBetween(0L, LARGEST))
			.contains(0L)
			.anySatisfy((size) -> assertThat(size).isGreaterThan(8L << 20));
		long small = plan.items()
			.stream()
			.flatMap((item) -> item.contents().stream())
			.filter((content) -> content.size() <= 16 << 10)
			.count();
		assertThat((double) small / plan.versions()).isGreaterThan(0.6);
	}

}
