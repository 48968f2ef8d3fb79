package dev.bucketwarden.console.buckets.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

import dev.bucketwarden.store.tags.TagSchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statements the console applies are the ones infra/aws prints, JSON for JSON: an
 * operator who pasted those and later applies here gets them replaced, not twice. Both
 * modules' tests hold the same {@value #FIXTURE}: each compares its own builder with its
 * copy, and the copies with each other (infra/aws's SharedPolicyStatementsTests does the
 * same from its side).
 */
class SharedPolicyStatementsTests {

	static final String FIXTURE = "bucket-policy-statements.json";

	private final JsonNode shared = fixture();

	private final PolicyStatements statements = new PolicyStatements(texts(this.shared.get("agentRoleArns")),
			texts(this.shared.get("breakGlassRoleArns")));

	private final String bucket = this.shared.get("bucket").asString();

	@Test
	void shouldApplyTheSharedResultTagProtection() {
		ArrayNode built = PolicyDocument.JSON.createArrayNode();
		this.statements.resultTagProtection(this.bucket).forEach(built::add);

		assertThat((JsonNode) built).isEqualTo(this.shared.get("resultTagProtection"));
	}

	@Test
	void shouldBuildTheSharedReadGateInEitherSchema() {
		assertThat((JsonNode) this.statements.readGate(this.bucket, TagSchema.DEFAULT))
			.isEqualTo(this.shared.get("readGate"));
		assertThat((JsonNode) this.statements.readGate(this.bucket, TagSchema.GUARDDUTY))
			.isEqualTo(this.shared.get("readGateGuardDuty"));
	}

	@Test
	void shouldHoldTheSameFixtureAsInfraAws() throws IOException {
		Path root = repositoryRoot();
		Path ours = root.resolve("console-service/src/test/resources").resolve(FIXTURE);
		Path infra = root.resolve("infra/aws/src/test/resources").resolve(FIXTURE);

		assertThat(Files.readString(ours)).as("%s must be a copy of %s", ours, infra)
			.isEqualTo(Files.readString(infra));
	}

	private static List<String> texts(JsonNode array) {
		List<String> texts = new ArrayList<>();
		array.values().forEach((value) -> texts.add(value.asString()));
		return texts;
	}

	private static JsonNode fixture() {
		try (InputStream in = SharedPolicyStatementsTests.class.getResourceAsStream("/" + FIXTURE)) {
			return PolicyDocument.JSON.readTree(in);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Where mvnw is: the tests run in the module's directory. */
	private static Path repositoryRoot() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !(Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("infra/aws")))) {
			dir = dir.getParent();
		}
		assertThat(dir).as("the repository root above %s", Path.of("").toAbsolutePath()).isNotNull();
		return dir;
	}

}
