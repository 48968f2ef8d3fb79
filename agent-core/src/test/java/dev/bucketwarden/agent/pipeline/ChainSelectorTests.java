package dev.bucketwarden.agent.pipeline;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.engine.chain.ChainMember;
import dev.bucketwarden.engine.chain.ChainPolicy;
import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.engine.chain.EngineResult;
import dev.bucketwarden.engine.chain.ScanReport;
import dev.bucketwarden.engine.spi.EngineException;
import dev.bucketwarden.engine.spi.EngineInfo;
import dev.bucketwarden.engine.spi.ErrorKind;
import dev.bucketwarden.engine.spi.ObjectRef;
import dev.bucketwarden.engine.spi.ScanContext;
import dev.bucketwarden.engine.spi.ScanEngine;
import dev.bucketwarden.engine.spi.Verdict;
import dev.bucketwarden.store.results.ResultStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which engines a bucket's engine list selects out of the agent's chain: its order, the
 * configured flags and limits, the required fallback, the Error for an engine the agent
 * does not run, and one shared selection per distinct list.
 */
class ChainSelectorTests {

	private final CountingEngine clamav = new CountingEngine("clamav");

	private final CountingEngine premium = new CountingEngine("premium");

	private final CountingEngine icap = new CountingEngine("icap");

	private final EngineChain configured = EngineChain.builder()
		.engine(this.clamav, true, Duration.ofSeconds(30))
		.engine(this.premium, true, null)
		.engine(this.icap, false, Duration.ofSeconds(5))
		.policy(ChainPolicy.RUN_ALL)
		.build();

	private final ChainSelector selector = new ChainSelector(this.configured);

	@Test
	void shouldUseTheConfiguredChainForAnEmptyList() {
		assertThat(chain(List.of())).isSameAs(this.configured);
		assertThat(this.selector.defaultChain()).isSameAs(this.configured);
	}

	@Test
	void shouldRunTheNamedEnginesInTheBucketsOrderWithTheirConfiguredSettings() {
		EngineChain selected = chain(List.of("icap", "clamav"));

		assertThat(selected.members()).extracting((member) -> member.engine().id()).containsExactly("icap", "clamav");
		assertThat(selected.members().get(0).engine()).as("engines are shared, not re-created").isSameAs(this.icap);
		assertThat(selected.members()).extracting(ChainMember::required).containsExactly(false, true);
		assertThat(selected.members()).extracting(ChainMember::timeout)
			.containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(30));
		assertThat(selected.policy()).isEqualTo(ChainPolicy.RUN_ALL);

		ScanReport report = scan(selected);
		assertThat(report.engines()).extracting(EngineResult::engineId).containsExactly("icap", "clamav");
		assertThat(this.premium.scans).hasValue(0);
		assertThat(this.clamav.scans).hasValue(1);
	}

	@Test
	void shouldMakeTheNamedEnginesRequiredWhenNoneOfThemIs() {
		EngineChain selected = chain(List.of("icap"));

		assertThat(selected.members()).singleElement().satisfies((member) -> {
			assertThat(member.required()).isTrue();
			assertThat(member.timeout()).isEqualTo(Duration.ofSeconds(5));
			assertThat(member.engine()).isSameAs(this.icap);
		});
		this.icap.fail = true;
		assertThat(scan(selected).verdict()).as("the only engine the bucket named failed: never Clean")
			.isInstanceOf(Verdict.Error.class);
	}

	@Test
	void shouldRefuseAnEngineTheAgentDoesNotRun() {
		ChainSelector.Selection selection = this.selector.select(List.of("clamav", "sophos"));

		assertThat(selection).isInstanceOfSatisfying(ChainSelector.Selection.NotConfigured.class, (notConfigured) -> {
			assertThat(notConfigured.engineIds()).containsExactly("sophos");
			assertThat(notConfigured.reason())
				.isEqualTo("engine 'sophos' (bucket settings) is not configured on this agent, which runs clamav, "
						+ "premium, icap");
			ScanReport report = notConfigured.report();
			assertThat(report.verdict()).isInstanceOfSatisfying(Verdict.Error.class,
					(error) -> assertThat(error.kind()).isEqualTo(ErrorKind.CONFIGURATION));
			assertThat(ResultStatus.of(report.verdict())).isEqualTo(ResultStatus.ERROR);
			assertThat(report.engines()).singleElement().satisfies((engine) -> {
				assertThat(engine.engineId()).isEqualTo("sophos");
				assertThat(engine.required()).isTrue();
			});
		});
		assertThat(this.clamav.scans).hasValue(0);
		assertThat(((ChainSelector.Selection.NotConfigured) this.selector.select(List.of("sophos", "yara"))).reason())
			.startsWith("engines 'sophos', 'yara' (bucket settings) are not configured on this agent");
	}

	@Test
	void shouldKeepOneSelectionPerDistinctList() {
		EngineChain first = chain(List.of("premium", "clamav"));

		assertThat(chain(new ArrayList<>(List.of("premium", "clamav")))).isSameAs(first);
		assertThat(chain(List.of("clamav", "premium"))).isNotSameAs(first);
		assertThat(chain(List.of("clamav", "premium", "icap"))).as("the configured chain itself")
			.isSameAs(this.configured);
		assertThat(this.selector.select(List.of("sophos"))).isSameAs(this.selector.select(List.of("sophos")));
	}

	@Test
	void shouldBoundWhatItKeeps() {
		for (int i = 0; i < ChainSelector.MAX_CACHED * 3; i++) {
			this.selector.select(List.of("custom-" + i));
		}

		assertThat(this.selector.cached()).isEqualTo(ChainSelector.MAX_CACHED);
	}

	private EngineChain chain(List<String> ids) {
		ChainSelector.Selection selection = this.selector.select(ids);
		assertThat(selection).isInstanceOf(ChainSelector.Selection.Selected.class);
		return ((ChainSelector.Selection.Selected) selection).chain();
	}

	private static ScanReport scan(EngineChain chain) {
		byte[] content = "some content".getBytes();
		return chain.scan(new ByteArrayInputStream(content),
				ScanContext.of(new ObjectRef.Upload("file.txt"), content.length));
	}

	/** Reads everything and says Clean, or fails when told; counts its scans. */
	private static final class CountingEngine implements ScanEngine {

		private final String id;

		private final AtomicInteger scans = new AtomicInteger();

		private volatile boolean fail;

		CountingEngine(String id) {
			this.id = id;
		}

		@Override
		public String id() {
			return this.id;
		}

		@Override
		public Verdict scan(InputStream content, ScanContext context) {
			this.scans.incrementAndGet();
			if (this.fail) {
				throw EngineException.unavailable(this.id + " is down", null);
			}
			try {
				content.transferTo(OutputStream.nullOutputStream());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return new Verdict.Clean();
		}

		@Override
		public EngineInfo info() {
			return null;
		}

		@Override
		public EngineInfo probe() {
			return null;
		}

	}

}
