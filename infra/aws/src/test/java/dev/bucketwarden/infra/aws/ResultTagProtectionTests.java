package dev.bucketwarden.infra.aws;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.s3.Bucket;

import dev.bucketwarden.agent.tagging.ResultTags;
import dev.bucketwarden.infra.aws.access.ResultTagProtection;

import static org.assertj.core.api.Assertions.assertThat;

/** Only the agents' roles may write our result tags to a protected bucket. */
class ResultTagProtectionTests {

	@Test
	void shouldCoverEveryTagTheAgentsWrite() {
		assertThat(ResultTagProtection.RESULT_TAG_KEYS).containsExactlyInAnyOrderElementsOf(ResultTags.OURS);
	}

	@Test
	void shouldDenyResultTagsToEveryoneButTheAgentsInABucketsPolicy() {
		SynthesizedApp.get();
		Stack stack = new Stack(new App(), "UserStack");
		Bucket bucket = Bucket.Builder.create(stack, "Uploads").bucketName("acme-uploads").build();
		ResultTagProtection.applyTo(bucket, SynthesizedApp.ACCOUNT);
		Template.fromStack(stack)
			.hasResourceProperties("AWS::S3::BucketPolicy", Map.of("PolicyDocument",
					Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of("Effect", "Deny", "Principal",
							Map.of("AWS", "*"), "Action",
							List.of("s3:PutObjectTagging", "s3:PutObjectVersionTagging", "s3:PutObject"), "Condition",
							Map.of("ForAnyValue:StringEquals",
									Map.of("s3:RequestObjectTagKeys", ResultTagProtection.RESULT_TAG_KEYS),
									"ArnNotLike", Map.of("aws:PrincipalArn", Match.anyValue())))))))));
	}

	@Test
	void shouldNameEveryAgentRoleSoTheProtectionLetsItThrough() {
		SynthesizedApp.Synthesized app = SynthesizedApp.get();
		for (Map<String, Object> template : List.of(app.consoleJson(), app.agentsJson())) {
			List<String> agentRoles = Cfn.resources(template, "AWS::IAM::Role")
				.values()
				.stream()
				.filter((role) -> Cfn.text(role.get("RoleName")).startsWith(ResultTagProtection.AGENT_ROLE_PREFIX))
				.map((role) -> Cfn.text(role.get("RoleName")))
				.toList();
			assertThat(agentRoles).isNotEmpty();
		}
		// Every role that may tag objects is an agent's role.
		Map<String, Map<String, Object>> roles = Cfn.resources(app.consoleJson(), "AWS::IAM::Role");
		Cfn.resources(app.consoleJson(), "AWS::IAM::Policy").values().forEach((policy) -> {
			boolean tags = Cfn.list(Cfn.path(policy, "PolicyDocument", "Statement"))
				.stream()
				.flatMap((statement) -> Cfn.list(Cfn.path(statement, "Action")).stream())
				.anyMatch("s3:PutObjectTagging"::equals);
			if (tags) {
				for (Object role : Cfn.list(policy.get("Roles"))) {
					String id = Cfn.text(role).replace("${", "").replace("}", "");
					assertThat(Cfn.text(roles.get(id).get("RoleName")))
						.startsWith(ResultTagProtection.AGENT_ROLE_PREFIX);
				}
			}
		});
	}

}
