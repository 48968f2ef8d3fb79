package dev.bucketwarden.engine.spi;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScanEngineRegistryTests {

	@Test
	void shouldDiscoverProvidersWithServiceLoader() {
		ScanEngineRegistry registry = ScanEngineRegistry.load();

		assertThat(registry.ids()).containsExactly("fixed");
		ScanEngine engine = registry.create("fixed", EngineSettings.of(Map.of("answer", "clean")));
		assertThat(engine.id()).isEqualTo("fixed");
		assertThat(engine.scan(InputStream.nullInputStream(), ScanContext.of(new ObjectRef.Upload("a"), 0)))
			.isEqualTo(new Verdict.Clean());
	}

	@Test
	void shouldFailFastOnUnknownEngineWithTheAvailableIds() {
		ScanEngineRegistry registry = ScanEngineRegistry.load();

		assertThatThrownBy(() -> registry.create("sophso", EngineSettings.empty()))
			.isInstanceOf(UnknownEngineException.class)
			.hasMessageContaining("Unknown scan engine 'sophso'")
			.hasMessageContaining("Available engines: [fixed]")
			.hasMessageContaining("engines/sophso");
	}

	@Test
	void shouldAcceptProvidersGivenDirectlyAsBeansAre() {
		ScanEngineRegistry registry = ScanEngineRegistry.of(List.of(new FixedProvider()));

		assertThat(registry.provider("fixed")).isInstanceOf(FixedProvider.class);
	}

	@Test
	void shouldRejectTwoProvidersClaimingOneId() {
		ScanEngineProvider other = new ScanEngineProvider() {

			@Override
			public String id() {
				return "fixed";
			}

			@Override
			public ScanEngine create(EngineSettings settings) {
				throw new UnsupportedOperationException();
			}
		};

		assertThatIllegalStateException().isThrownBy(() -> ScanEngineRegistry.of(List.of(new FixedProvider(), other)))
			.withMessageContaining("Two scan engine providers claim the id 'fixed'");
	}

	/** A provider registered in this module's test META-INF/services. */
	public static final class FixedProvider implements ScanEngineProvider {

		@Override
		public String id() {
			return "fixed";
		}

		@Override
		public ScanEngine create(EngineSettings settings) {
			String answer = settings.string("answer", "clean");
			return new ScanEngine() {

				@Override
				public String id() {
					return "fixed";
				}

				@Override
				public Verdict scan(InputStream content, ScanContext context) {
					return answer.equals("clean") ? new Verdict.Clean() : Verdict.Infected.of(answer);
				}

				@Override
				public EngineInfo info() {
					return EngineInfo.unknown("fixed");
				}

				@Override
				public EngineInfo probe() {
					return info();
				}
			};
		}

	}

}
