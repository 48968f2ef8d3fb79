package dev.bucketwarden.infra.aws;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;

import dev.bucketwarden.infra.aws.access.ReadGate;
import dev.bucketwarden.infra.aws.access.ResultTagSchema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** "Unscanned = unreadable": only objects whose verdict tag says clean may be read. */
class ReadGateTests {

	private static final List<String> AGENTS = List.of(
			"arn:aws:iam::123456789012:role/bucketwarden-agent-event-eu-west-1",
			"arn:aws:iam::123456789012:role/bucketwarden-agent-api-eu-west-1");

	private static final List<String> BREAK_GLASS = List.of("arn:aws:iam::123456789012:role/security-break-glass");

	@Test
	void shouldDenyReadingObjectsNotTaggedCleanToAllButAgentsAndBreakGlassRoles() {
		assertThat(json(ResultTagSchema.DEFAULT)).isEqualTo(Map.of("Sid", "BucketWardenReadGate", "Effect", "Deny",
				"Principal", Map.of("AWS", "*"), "Action", List.of("s3:GetObject", "s3:GetObjectVersion"), "Resource",
				"arn:aws:s3:::acme-uploads/*", "Condition",
				Map.of("StringNotEquals", Map.of("s3:ExistingObjectTag/scan-result", "Clean"), "ArnNotEquals",
						Map.of("aws:PrincipalArn", List.of(AGENTS.get(0), AGENTS.get(1), BREAK_GLASS.get(0))))));
	}

	@Test
	void shouldGateOnGuardDutysCleanValueInItsSchema() {
		assertThat((Object) Cfn.path(json(ResultTagSchema.GUARD_DUTY), "Condition", "StringNotEquals"))
			.isEqualTo(Map.of("s3:ExistingObjectTag/GuardDutyMalwareScanStatus", "NO_THREATS_FOUND"));
	}

	@Test
	void shouldExemptExactArnsOnly() {
		assertThatIllegalArgumentException().isThrownBy(() -> ReadGate.statement("aws", "acme-uploads",
				ResultTagSchema.DEFAULT, AGENTS, List.of("arn:aws:iam::123456789012:role/security-*")));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ReadGate.statement("aws", "acme-uploads", ResultTagSchema.DEFAULT, List.of(), List.of()));
	}

	private static Map<String, Object> json(ResultTagSchema schema) {
		Stack stack = new Stack(new App(), "Gate");
		Object statement = ReadGate.statement("aws", "acme-uploads", schema, AGENTS, BREAK_GLASS).toStatementJson();
		return Cfn.texts(stack.resolve(statement), (text) -> text);
	}

}
