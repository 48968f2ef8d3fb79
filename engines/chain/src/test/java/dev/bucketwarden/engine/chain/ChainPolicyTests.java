package dev.bucketwarden.engine.chain;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bucketwarden.engine.spi.EngineException;
import dev.bucketwarden.engine.spi.ErrorKind;
import dev.bucketwarden.engine.spi.ObjectRef;
import dev.bucketwarden.engine.spi.ScanContext;
import dev.bucketwarden.engine.spi.ScanLimits;
import dev.bucketwarden.engine.spi.Verdict;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-engine policy: required or optional, a time limit of its own that holds even for a
 * hung engine, the order given.
 */
class ChainPolicyTests {

	@TempDir
	Path spool;

	private final byte[] content = new byte[500_000];

	ChainPolicyTests() {
		new Random(3).nextBytes(this.content);
	}

	@Test
	void shouldTimeOutAHungRequiredEngineAndNeverCallItClean() throws InterruptedException {
		HangingEngine hung = new HangingEngine("hung", 1000, Duration.ofSeconds(2));
		EngineChain chain = EngineChain.builder()
			.engine(hung, true, Duration.ofMillis(300))
			.engine(ScriptedEngine.answering("other", new Verdict.Clean()), true, null)
			.spoolDirectory(this.spool)
			.build();

		long start = System.nanoTime();
		ScanReport report = scan(chain);

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1800));
		assertThat(report.verdict()).isInstanceOfSatisfying(Verdict.Error.class,
				(error) -> assertThat(error.kind()).isEqualTo(ErrorKind.TIMEOUT));
		assertThat(report.engines().getFirst().verdict()).isInstanceOf(Verdict.Error.class);
		// The hung engine's later reads fail: it cannot consume what the others need.
		assertThat(hung.woke.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(hung.readAfterWaking).isFalse();
	}

	@Test
	void shouldGoOnWithoutAHungOptionalEngineAndGiveTheOthersAllTheContent() {
		ScriptedEngine required = ScriptedEngine.answering("required", new Verdict.Clean());
		EngineChain chain = EngineChain.builder()
			.engine(new HangingEngine("optional", 70_000, Duration.ofSeconds(2)), false, Duration.ofMillis(200))
			.engine(required)
			.spoolDirectory(this.spool)
			.build();

		ScanReport report = scan(chain);

		assertThat(report.verdict()).isEqualTo(new Verdict.Clean());
		assertThat(required.lastBytes()).isEqualTo(this.content.length);
		assertThat(report.bytesScanned()).isEqualTo(this.content.length);
		assertThat(report.optionalFailures()).singleElement().satisfies((failure) -> {
			assertThat(failure.engineId()).isEqualTo("optional");
			assertThat(((Verdict.Error) failure.verdict()).kind()).isEqualTo(ErrorKind.TIMEOUT);
		});
	}

	@Test
	void shouldApplyTheScansTimeLimitToEnginesWithoutTheirOwn() {
		EngineChain chain = EngineChain.builder()
			.engine(new HangingEngine("hung", 10, Duration.ofSeconds(2)))
			.spoolDirectory(this.spool)
			.build();
		ScanContext context = ScanContext.of(new ObjectRef.Upload("x"), this.content.length)
			.withLimits(new ScanLimits(Long.MAX_VALUE, Duration.ofMillis(200)));

		Verdict verdict = chain.scan(new ByteArrayInputStream(this.content), context).verdict();

		assertThat(verdict).isInstanceOfSatisfying(Verdict.Error.class,
				(error) -> assertThat(error.kind()).isEqualTo(ErrorKind.TIMEOUT));
	}

	@Test
	void shouldRecordOptionalErrorsAndRunEnginesInTheOrderGiven() {
		EngineChain chain = EngineChain.builder()
			.engine(ScriptedEngine.failing("first-optional", EngineException.unavailable("down", null)), false, null)
			.engine(ScriptedEngine.answering("required", new Verdict.Clean()))
			.engine(ScriptedEngine.answering("last-optional", new Verdict.Clean()), false, Duration.ofSeconds(5))
			.policy(ChainPolicy.RUN_ALL)
			.spoolDirectory(this.spool)
			.build();

		ScanReport report = scan(chain);

		assertThat(report.verdict()).isEqualTo(new Verdict.Clean());
		assertThat(report.engines()).extracting(EngineResult::engineId)
			.containsExactly("first-optional", "required", "last-optional");
		assertThat(report.optionalFailures()).extracting(EngineResult::engineId).containsExactly("first-optional");
	}

	@Test
	void shouldNeverBeCleanWhenARequiredEngineFailedWhateverTheOptionalOnesSay() {
		EngineChain chain = EngineChain.builder()
			.engine(ScriptedEngine.answering("optional", new Verdict.Clean()), false, null)
			.engine(ScriptedEngine.failing("required", EngineException.unavailable("down", null)))
			.policy(ChainPolicy.RUN_ALL)
			.spoolDirectory(this.spool)
			.build();

		ScanReport report = scan(chain);

		assertThat(report.verdict()).isInstanceOf(Verdict.Error.class);
		assertThat(report.optionalFailures()).isEmpty();
	}

	@Test
	void shouldRunEnginesThatEnforceTheirOwnLimitOnTheCallersThread() {
		Thread caller = Thread.currentThread();
		java.util.concurrent.atomic.AtomicReference<Thread> ranOn = new java.util.concurrent.atomic.AtomicReference<>();
		java.util.function.BiFunction<Boolean, String, dev.bucketwarden.engine.spi.ScanEngine> engine = (enforces,
				id) -> new dev.bucketwarden.engine.spi.ScanEngine() {

					@Override
					public String id() {
						return id;
					}

					@Override
					public Verdict scan(java.io.InputStream content, ScanContext context) {
						ranOn.set(Thread.currentThread());
						try {
							content.transferTo(java.io.OutputStream.nullOutputStream());
						}
						catch (java.io.IOException ex) {
							throw new java.io.UncheckedIOException(ex);
						}
						return new Verdict.Clean();
					}

					@Override
					public dev.bucketwarden.engine.spi.EngineInfo info() {
						return new dev.bucketwarden.engine.spi.EngineInfo(id, "Test 1", null, null);
					}

					@Override
					public dev.bucketwarden.engine.spi.EngineInfo probe() {
						return info();
					}

					@Override
					public boolean enforcesTimeout() {
						return enforces;
					}

				};

		assertThat(scan(EngineChain.builder().engine(engine.apply(true, "inline")).build()).verdict())
			.isEqualTo(new Verdict.Clean());
		assertThat(ranOn.get()).isSameAs(caller);
		assertThat(scan(EngineChain.builder().engine(engine.apply(false, "own-thread")).build()).verdict())
			.isEqualTo(new Verdict.Clean());
		assertThat(ranOn.get()).isNotSameAs(caller);
	}

	private ScanReport scan(EngineChain chain) {
		return chain.scan(new ByteArrayInputStream(this.content),
				ScanContext.of(new ObjectRef.Upload("x"), this.content.length));
	}

}
