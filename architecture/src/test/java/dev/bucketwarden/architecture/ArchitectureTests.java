package dev.bucketwarden.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The boundaries of the architecture (README, "Architecture"), checked on the production
 * classes of every module, so that a wrong import fails the build instead of waiting for
 * a review.
 * <p>
 * The tools (benchmarks {@code dev.bucketwarden.bench}, the command line
 * {@code dev.bucketwarden.cli}, the local stack {@code dev.bucketwarden.local} and the
 * CDK app {@code dev.bucketwarden.infra}) drive the whole system from outside, so the
 * layer rules do not constrain what they import; they are checked for cycles like
 * everything else, and the product must never import them.
 */
class ArchitectureTests {

	private static final String[] ENGINES = { "dev.bucketwarden.engine.clamav..", "dev.bucketwarden.engine.sophos..",
			"dev.bucketwarden.engine.icap..", "dev.bucketwarden.engine.premium.." };

	private static final String SPI = "dev.bucketwarden.engine.spi..";

	private static final String PIPELINE = "dev.bucketwarden.agent..";

	private static final String[] AGENTS = { "dev.bucketwarden.eventagent..", "dev.bucketwarden.apiagent..",
			"dev.bucketwarden.retro.." };

	private static final String CONSOLE = "dev.bucketwarden.console..";

	private static final String[] DATA_MODEL = { "dev.bucketwarden.store..", "dev.bucketwarden.jobs.." };

	private static final String[] TOOLS = { "dev.bucketwarden.bench..", "dev.bucketwarden.cli..",
			"dev.bucketwarden.local..", "dev.bucketwarden.emulators..", "dev.bucketwarden.infra.." };

	private static final JavaClasses PRODUCTION = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPaths(mainClassDirectories());

	@Test
	void shouldImportTheClassesOfEveryLayer() {
		// An empty import would let every rule below pass: each layer must be there.
		String[] layers = concat(new String[] { SPI, "dev.bucketwarden.engine.chain..", PIPELINE, CONSOLE },
				concat(ENGINES, concat(AGENTS, DATA_MODEL)));
		for (String layer : layers) {
			assertThat(PRODUCTION.that(JavaClass.Predicates.resideInAPackage(layer))).as(layer).isNotEmpty();
		}
		for (String tool : TOOLS) {
			assertThat(PRODUCTION.that(JavaClass.Predicates.resideInAPackage(tool))).as(tool).isNotEmpty();
		}
	}

	@Test
	void shouldKeepEachEngineOnTheSpiOnly() {
		classes().that()
			.resideInAnyPackage(ENGINES)
			.should(dependOnNoBucketWardenClassButTheSpiAndTheirOwn())
			.check(PRODUCTION);
	}

	@Test
	void shouldKeepSpringAndAwsOutOfTheEngines() {
		noClasses().that()
			.resideInAnyPackage(ENGINES)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "software.amazon..", "io.awspring..")
			.because("an engine is a plain Java plugin, loaded by ServiceLoader in any host")
			.check(PRODUCTION);
	}

	@Test
	void shouldKeepTheAgentsApart() {
		for (String agent : AGENTS) {
			noClasses().that()
				.resideInAPackage(agent)
				.should()
				.dependOnClassesThat()
				.resideInAnyPackage(others(AGENTS, agent))
				.because("what two agents share belongs in agent-core")
				.check(PRODUCTION);
		}
	}

	@Test
	void shouldKeepThePipelineAndTheEnginesOutOfTheConsole() {
		noClasses().that()
			.resideInAPackage(CONSOLE)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(PIPELINE, "dev.bucketwarden.engine..")
			.because("the console reads and writes the data model; it never scans")
			.check(PRODUCTION);
	}

	@Test
	void shouldKeepTheDataModelBelowThePipelineTheAgentsAndTheConsole() {
		noClasses().that()
			.resideInAnyPackage(DATA_MODEL)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(concat(new String[] { PIPELINE, CONSOLE }, AGENTS))
			.because("the data model is shared by the agents and the console, so it knows neither")
			.check(PRODUCTION);
	}

	@Test
	void shouldKeepTheToolsOutOfTheProduct() {
		noClasses().that()
			.resideOutsideOfPackages(TOOLS)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(TOOLS)
			.because("benchmarks, the command line, the local stack and the CDK app use the product, not the reverse")
			.check(PRODUCTION);
	}

	/**
	 * Every package is a slice, and no two slices may depend on each other, directly or
	 * through others: a cycle means neither can be understood, tested or moved alone.
	 */
	@Test
	void shouldHaveNoPackageCycles() {
		slices().matching("dev.bucketwarden.(**)").should().beFreeOfCycles().check(PRODUCTION);
	}

	/**
	 * The main classes of every module of the build, read from each module's
	 * {@code target/classes}: Spring Boot repackages the services' jars (their classes
	 * are under {@code BOOT-INF/classes}, out of the class path's sight). The test-scope
	 * dependencies of this module only make Maven build the others first. A folder
	 * without a {@code pom.xml} (a module moved away) is not read.
	 */
	private static List<Path> mainClassDirectories() {
		Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
		try (Stream<Path> files = Files.walk(root, 4)) {
			return files.filter((file) -> file.getFileName().toString().equals("pom.xml"))
				.filter((pom) -> !root.relativize(pom).toString().matches(".*(target|src|node_modules)/.*"))
				.map((pom) -> pom.resolveSibling("target/classes"))
				.filter(Files::isDirectory)
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static ArchCondition<JavaClass> dependOnNoBucketWardenClassButTheSpiAndTheirOwn() {
		return new ArchCondition<>("depend on no dev.bucketwarden class but the SPI's and their own engine's") {

			@Override
			public void check(JavaClass item, ConditionEvents events) {
				String engine = enginePackage(item.getPackageName());
				for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
					String target = dependency.getTargetClass().getPackageName();
					boolean ours = target.equals("dev.bucketwarden") || target.startsWith("dev.bucketwarden.");
					boolean allowed = target.equals("dev.bucketwarden.engine.spi")
							|| target.startsWith("dev.bucketwarden.engine.spi.") || target.equals(engine)
							|| target.startsWith(engine + ".");
					if (ours && !allowed) {
						events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
					}
				}
			}

		};
	}

	/** {@code dev.bucketwarden.engine.clamav} for any package of the ClamAV engine. */
	private static String enginePackage(String packageName) {
		String[] parts = packageName.split("\\.");
		return String.join(".", parts[0], parts[1], parts[2], parts[3]);
	}

	private static String[] others(String[] all, String one) {
		return Arrays.stream(all).filter((each) -> !each.equals(one)).toArray(String[]::new);
	}

	private static String[] concat(String[] first, String[] second) {
		String[] all = Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, all, first.length, second.length);
		return all;
	}

}
