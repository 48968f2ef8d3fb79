package dev.bucketwarden.infra.aws;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;

import dev.bucketwarden.infra.aws.access.ReadGate;
import dev.bucketwarden.infra.aws.access.ResultTagProtection;
import dev.bucketwarden.infra.aws.access.ResultTagSchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statements the stacks print are the ones the console applies, JSON for JSON: an
 * operator who pasted them and later applies them in the console gets them replaced, not
 * twice. infra/aws cannot depend on the console, so both modules' tests hold the same
 * {@value #FIXTURE}: each compares its own builder with its copy, and the copies with
 * each other (the console's SharedPolicyStatementsTests does the same from its side).
 */
class SharedPolicyStatementsTests {

	static final String FIXTURE = "bucket-policy-statements.json";

	private static final ObjectMapper JSON = new ObjectMapper();

	private final JsonNode shared = fixture();

	@Test
	void shouldPrintTheSharedResultTagProtection() {
		List<PolicyStatement> statements = ResultTagProtection.statements("aws", this.shared.get("bucket").asText(),
				texts(this.shared.get("agentRoleArns")));

		assertThat(json(statements)).isEqualTo(this.shared.get("resultTagProtection"));
	}

	@Test
	void shouldBuildTheSharedReadGateInEitherSchema() {
		assertThat(json(List.of(readGate(ResultTagSchema.DEFAULT))).get(0)).isEqualTo(this.shared.get("readGate"));
		assertThat(json(List.of(readGate(ResultTagSchema.GUARD_DUTY))).get(0))
			.isEqualTo(this.shared.get("readGateGuardDuty"));
	}

	@Test
	void shouldHoldTheSameFixtureAsTheConsole() throws IOException {
		Path root = repositoryRoot();
		Path ours = root.resolve("infra/aws/src/test/resources").resolve(FIXTURE);
		Path console = root.resolve("console-service/src/test/resources").resolve(FIXTURE);

		assertThat(Files.readString(ours)).as("%s must be a copy of %s", ours, console)
			.isEqualTo(Files.readString(console));
	}

	private PolicyStatement readGate(ResultTagSchema schema) {
		return ReadGate.statement("aws", this.shared.get("bucket").asText(), schema,
				texts(this.shared.get("agentRoleArns")), texts(this.shared.get("breakGlassRoleArns")));
	}

	/** As CloudFormation gets them: resolved, then JSON. */
	private static JsonNode json(List<PolicyStatement> statements) {
		Stack stack = new Stack(new App(), "Shared");
		return JSON.valueToTree(stack.resolve(statements.stream().map(PolicyStatement::toStatementJson).toList()));
	}

	private static List<String> texts(JsonNode array) {
		List<String> texts = new ArrayList<>();
		array.forEach((value) -> texts.add(value.asText()));
		return texts;
	}

	private static JsonNode fixture() {
		try (InputStream in = SharedPolicyStatementsTests.class.getResourceAsStream("/" + FIXTURE)) {
			return JSON.readTree(in);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Where mvnw is: the tests run in the module's directory. */
	private static Path repositoryRoot() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null
				&& !(Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("console-service")))) {
			dir = dir.getParent();
		}
		assertThat(dir).as("the repository root above %s", Path.of("").toAbsolutePath()).isNotNull();
		return dir;
	}

}
