package dev.bucketwarden.infra.aws;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.infra.aws.access.SecurityHubAccess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Security Hub findings: every scanning agent's role (event, retro and API agents in the
 * console region, event and retro agents in a further region) may import findings to its
 * own account's default product in its own region, look findings up and set their
 * workflow on its region's hub, and nothing else of Security Hub; no other role may.
 */
class SecurityHubAccessTests {

	private static final String PRODUCT = "arn:${AWS::Partition}:securityhub:%s:${AWS::AccountId}:product/${AWS::AccountId}/default";

	private static final String HUB = "arn:${AWS::Partition}:securityhub:%s:${AWS::AccountId}:hub/default";

	@Test
	void shouldLetEveryScanningAgentImportFindingsOnlyToItsRegionsDefaultProduct() {
		List<IamPolicyTests.Grant> imports = grants(SecurityHubAccess.IMPORT_SID);

		assertThat(imports)
			.allSatisfy((grant) -> assertThat(grant.actions()).containsExactly("securityhub:BatchImportFindings"));
		assertThat(resourcesByStack(imports)).containsOnlyKeys("console", "agents")
			.containsEntry("console",
					List.of(product(SynthesizedApp.CONSOLE_REGION), product(SynthesizedApp.CONSOLE_REGION),
							product(SynthesizedApp.CONSOLE_REGION)))
			.containsEntry("agents",
					List.of(product(SynthesizedApp.AGENT_REGION), product(SynthesizedApp.AGENT_REGION)));
		assertThat(roles(imports)).anyMatch((where) -> where.startsWith("console/ApiAgentRole"))
			.anyMatch((where) -> where.contains("EventAgent"))
			.anyMatch((where) -> where.contains("RetroAgent"))
			.noneMatch((where) -> where.contains("Console"));
	}

	@Test
	void shouldLetEveryScanningAgentReadAndResolveFindingsOnlyOnItsRegionsHub() {
		List<IamPolicyTests.Grant> resolves = grants(SecurityHubAccess.RESOLVE_SID);

		assertThat(resolves).allSatisfy((grant) -> assertThat(grant.actions())
			.containsExactly("securityhub:GetFindings", "securityhub:BatchUpdateFindings"));
		assertThat(resourcesByStack(resolves))
			.containsEntry("console",
					List.of(hub(SynthesizedApp.CONSOLE_REGION), hub(SynthesizedApp.CONSOLE_REGION),
							hub(SynthesizedApp.CONSOLE_REGION)))
			.containsEntry("agents", List.of(hub(SynthesizedApp.AGENT_REGION), hub(SynthesizedApp.AGENT_REGION)));
		assertThat(roles(resolves)).containsExactlyInAnyOrderElementsOf(roles(grants(SecurityHubAccess.IMPORT_SID)));
	}

	@Test
	void shouldGrantSecurityHubActionsOnlyInTheseTwoStatements() {
		assertThat(IamPolicyTests.allGrants())
			.filteredOn((grant) -> grant.actions().stream().anyMatch((action) -> action.startsWith("securityhub:")))
			.allSatisfy(
					(grant) -> assertThat(sid(grant)).isIn(SecurityHubAccess.IMPORT_SID, SecurityHubAccess.RESOLVE_SID))
			.allSatisfy((grant) -> assertThat(grant.conditions()).isNull())
			.hasSize(10);
	}

	private static List<IamPolicyTests.Grant> grants(String sid) {
		return IamPolicyTests.allGrants().stream().filter((grant) -> sid.equals(sid(grant))).toList();
	}

	private static String sid(IamPolicyTests.Grant grant) {
		return grant.where().substring(grant.where().lastIndexOf('/') + 1);
	}

	/** The policy each grant is in, without its statement id. */
	private static List<String> roles(List<IamPolicyTests.Grant> grants) {
		return grants.stream().map((grant) -> grant.where().substring(0, grant.where().lastIndexOf('/'))).toList();
	}

	private static Map<String, List<String>> resourcesByStack(List<IamPolicyTests.Grant> grants) {
		return grants.stream()
			.collect(Collectors.groupingBy((grant) -> grant.where().substring(0, grant.where().indexOf('/')),
					Collectors.flatMapping((grant) -> grant.resources().stream(), Collectors.toList())));
	}

	private static String product(String region) {
		return PRODUCT.formatted(region);
	}

	private static String hub(String region) {
		return HUB.formatted(region);
	}

}
