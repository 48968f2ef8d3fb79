package dev.bucketwarden.infra.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks every IAM policy statement of both stacks (policies and roles' inline policies)
 * and checks least privilege: no wildcard action anywhere, no {@code s3:*}, S3 rights
 * only on the buckets the deployment names, deletes only in protected buckets.
 */
class IamPolicyTests {

	private static final String PARTITION = "${AWS::Partition}";

	@Test
	void shouldGrantNoWildcardAction() {
		for (Grant grant : allGrants()) {
			assertThat(grant.actions()).as("actions of %s", grant.where()).noneMatch((action) -> action.contains("*"));
		}
	}

	@Test
	void shouldDeleteObjectsOnlyInProtectedBuckets() {
		List<String> protectedObjects = new ArrayList<>();
		SynthesizedApp.PROTECTED.forEach((bucket) -> protectedObjects.add(objects(bucket)));
		SynthesizedApp.AGENT_REGION_PROTECTED.forEach((bucket) -> protectedObjects.add(objects(bucket)));
		List<Grant> deletes = allGrants().stream()
			.filter((grant) -> grant.actions().stream().anyMatch((action) -> action.startsWith("s3:Delete")))
			.toList();
		assertThat(deletes).as("the event and retro agents of both regions delete infected objects").hasSize(4);
		for (Grant grant : deletes) {
			assertThat(grant.resources()).as("delete in %s", grant.where())
				.isNotEmpty()
				.allMatch(protectedObjects::contains);
		}
	}

	@Test
	void shouldGrantS3OnlyOnTheDeploymentsBuckets() {
		List<String> allowed = new ArrayList<>();
		for (String bucket : allBuckets()) {
			allowed.add(objects(bucket));
			allowed.add("arn:" + PARTITION + ":s3:::" + bucket);
		}
		List<Grant> s3 = allGrants().stream()
			.filter((grant) -> grant.actions().stream().anyMatch((action) -> action.startsWith("s3:")))
			.filter((grant) -> !isListAllMyBuckets(grant))
			.toList();
		assertThat(s3).isNotEmpty();
		for (Grant grant : s3) {
			assertThat(grant.actions()).as("%s", grant.where()).allMatch((action) -> action.startsWith("s3:"));
			assertThat(grant.resources()).as("resources of %s", grant.where())
				.isNotEmpty()
				.allMatch((resource) -> allowed.contains(resource) || isQuarantine(resource));
		}
	}

	@Test
	void shouldWriteObjectsOnlyIntoQuarantineAndUploadBuckets() {
		List<String> protectedObjects = new ArrayList<>();
		SynthesizedApp.PROTECTED.forEach((bucket) -> protectedObjects.add(objects(bucket)));
		SynthesizedApp.AGENT_REGION_PROTECTED.forEach((bucket) -> protectedObjects.add(objects(bucket)));
		for (Grant grant : allGrants()) {
			if (grant.actions().contains("s3:PutObject")) {
				assertThat(grant.resources()).as("%s", grant.where())
					.noneMatch(protectedObjects::contains)
					.allMatch((resource) -> isQuarantine(resource)
							|| SynthesizedApp.UPLOADS.stream().anyMatch((bucket) -> resource.equals(objects(bucket))));
			}
		}
	}

	@Test
	void shouldGiveDataRightsOnlyOnNamedResources() {
		for (Grant grant : allGrants()) {
			boolean data = grant.actions()
				.stream()
				.anyMatch((action) -> action.startsWith("s3:") || action.startsWith("dynamodb:")
						|| action.startsWith("sqs:") || action.startsWith("sns:"));
			if (data && !isListAllMyBuckets(grant)) {
				assertThat(grant.resources()).as("%s", grant.where()).doesNotContain("*");
			}
		}
	}

	/**
	 * The console's bucket list: an account-level action that names no bucket and has
	 * only * as resource. Alone in its statement, it reads names, no data.
	 */
	private static boolean isListAllMyBuckets(Grant grant) {
		return grant.actions().equals(List.of("s3:ListAllMyBuckets")) && grant.resources().equals(List.of("*"));
	}

	@Test
	void shouldListBucketsOnlyInTheConsole() {
		List<Grant> lists = allGrants().stream().filter(IamPolicyTests::isListAllMyBuckets).toList();
		assertThat(lists).hasSize(1);
		assertThat(lists.getFirst().where()).contains("Console");
	}

	private static boolean isQuarantine(String resource) {
		// The stacks' own quarantine buckets, referenced by logical id.
		return resource.matches("arn:\\$\\{AWS::Partition}:s3:::\\$\\{ScanningQuarantineBucket[0-9A-F]+}/\\*");
	}

	private static String objects(String bucket) {
		return "arn:" + PARTITION + ":s3:::" + bucket + "/*";
	}

	private static List<String> allBuckets() {
		List<String> buckets = new ArrayList<>(SynthesizedApp.PROTECTED);
		buckets.addAll(SynthesizedApp.AGENT_REGION_PROTECTED);
		buckets.addAll(SynthesizedApp.UPLOADS);
		return buckets;
	}

	static List<Grant> allGrants() {
		SynthesizedApp.Synthesized app = SynthesizedApp.get();
		List<Grant> grants = new ArrayList<>();
		collect("console", app.consoleJson(), grants);
		collect("agents", app.agentsJson(), grants);
		assertThat(grants).as("statements found").hasSizeGreaterThan(20);
		return grants;
	}

	private static void collect(String stack, Map<String, Object> template, List<Grant> grants) {
		Cfn.resources(template, "AWS::IAM::Policy")
			.forEach((id, policy) -> statements(stack + "/" + id, policy.get("PolicyDocument"), grants));
		Cfn.resources(template, "AWS::IAM::Role").forEach((id, role) -> {
			for (Object inline : Cfn.list(role.get("Policies"))) {
				statements(stack + "/" + id, Cfn.path(inline, "PolicyDocument"), grants);
			}
			List<String> managed = Cfn.list(role.get("ManagedPolicyArns")).stream().map(Cfn::text).toList();
			if (isCustomResourceProvider(role)) {
				// CDK's custom resource that reads the console client's secret (a Lambda
				// function): logs only.
				assertThat(managed).as("managed policies of %s", id)
					.containsExactly("arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
			}
			else {
				assertThat(managed).as("managed policies of %s", id).isEmpty();
			}
		});
		assertThat(Cfn.resources(template, "AWS::IAM::ManagedPolicy")).isEmpty();
	}

	@Test
	void shouldLetRetroAgentsStartOnlyTheirOwnWorkers() {
		List<Grant> runTasks = allGrants().stream()
			.filter((grant) -> grant.actions().contains("ecs:RunTask"))
			.filter((grant) -> grant.where().contains("RetroAgent"))
			.toList();
		// The console region's and the further region's retro agents.
		assertThat(runTasks).hasSize(2).allSatisfy((grant) -> {
			assertThat(grant.actions()).containsExactly("ecs:RunTask");
			assertThat(grant.resources()).singleElement()
				.asString()
				.endsWith(":task-definition/bucketwarden-retro-agent:*");
		});
		List<Grant> passes = allGrants().stream()
			.filter((grant) -> grant.actions().contains("iam:PassRole"))
			.filter((grant) -> grant.where().contains("RetroAgent"))
			.toList();
		assertThat(passes).hasSize(2)
			.allSatisfy((grant) -> assertThat(grant.resources()).hasSize(2)
				.allMatch((role) -> role.contains("RetroAgent")));
	}

	private static boolean isCustomResourceProvider(Map<String, Object> role) {
		return Cfn.list(Cfn.path(role, "AssumeRolePolicyDocument", "Statement"))
			.stream()
			.allMatch((statement) -> "lambda.amazonaws.com".equals(Cfn.path(statement, "Principal", "Service")));
	}

	@Test
	void shouldLetTheCustomResourceOnlyReadTheConsoleClient() {
		List<Grant> cognito = allGrants().stream()
			.filter((grant) -> grant.actions().stream().anyMatch((action) -> action.startsWith("cognito-idp:Describe")))
			.toList();
		assertThat(cognito).singleElement().satisfies((grant) -> {
			assertThat(grant.actions()).containsExactly("cognito-idp:DescribeUserPoolClient");
			assertThat(grant.resources()).singleElement().asString().startsWith("${AuthUserPool");
		});
	}

	private static void statements(String where, Object document, List<Grant> grants) {
		for (Object statement : Cfn.list(Cfn.path(document, "Statement"))) {
			Map<?, ?> s = (Map<?, ?>) statement;
			assertThat(s.get("NotAction")).as("NotAction in %s", where).isNull();
			assertThat(s.get("NotResource")).as("NotResource in %s", where).isNull();
			if ("Allow".equals(s.get("Effect"))) {
				grants.add(new Grant(where + "/" + s.get("Sid"),
						Cfn.list(s.get("Action")).stream().map(Cfn::text).toList(),
						Cfn.list(s.get("Resource")).stream().map(Cfn::text).toList()));
			}
		}
	}

	record Grant(String where, List<String> actions, List<String> resources) {
	}

}
