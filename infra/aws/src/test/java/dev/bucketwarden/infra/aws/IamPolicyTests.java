package dev.bucketwarden.infra.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;

import dev.bucketwarden.infra.aws.access.ObjectAccess;

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
		for (Grant grant : withLinkedStacks()) {
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
		// The event and retro agents of both regions and the API agent delete infected
		// objects: in the console region by name and by pattern (two statements each),
		// in the further region by pattern.
		assertThat(deletes).as("delete statements").hasSize(8);
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
			.filter((grant) -> !isListAllMyBuckets(grant) && !isLocateBuckets(grant))
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
		for (Grant grant : withLinkedStacks()) {
			boolean data = grant.actions()
				.stream()
				.anyMatch((action) -> action.startsWith("s3:") || action.startsWith("dynamodb:")
						|| action.startsWith("sqs:") || action.startsWith("sns:"));
			if (data && isLocateBuckets(grant)) {
				// Every bucket's region, of one account only (s3:ResourceAccount).
				assertThat(grant.conditions()).as("%s", grant.where()).isNotNull();
			}
			else if (data && !isListAllMyBuckets(grant)) {
				assertThat(grant.resources()).as("%s", grant.where()).doesNotContain("*");
			}
		}
	}

	/**
	 * A pattern among the protected buckets (ARNs with {@code *} in the bucket's name)
	 * reaches only this account's buckets: its statement has the s3:ResourceAccount
	 * condition, and holds no exact name. Statements of exact names stay as they were,
	 * without it (they may name another account's bucket).
	 */
	@Test
	void shouldKeepBucketPatternsToTheAccountsOwnBuckets() {
		List<Grant> s3 = allGrants().stream()
			.filter((grant) -> grant.actions().stream().anyMatch((action) -> action.startsWith("s3:")))
			.filter((grant) -> !isListAllMyBuckets(grant))
			.toList();
		List<Grant> patterns = s3.stream()
			.filter((grant) -> grant.resources().stream().anyMatch(IamPolicyTests::isPatternArn))
			.toList();
		// Read, tag, delete and list of the event, retro and API agents in the console
		// region and of the event and retro agents in the further region, the console's
		// wiring and bucket policies.
		assertThat(patterns).extracting(Grant::where)
			.hasSize(23)
			.allMatch((where) -> where.endsWith("ByPattern"))
			.anyMatch((where) -> where.startsWith("console/ConsoleRole")
					&& where.endsWith("/WireProtectedBucketsByPattern"))
			.anyMatch((where) -> where.startsWith("console/ConsoleRole")
					&& where.endsWith("/ApplyBucketPoliciesByPattern"))
			.anyMatch((where) -> where.startsWith("agents/") && where.endsWith("/ListProtectedBucketsByPattern"));
		for (Grant grant : patterns) {
			assertThat(grant.resources()).as("%s", grant.where()).allMatch(IamPolicyTests::isPatternArn);
			assertThat(grant.conditions()).as("%s", grant.where())
				.isEqualTo(Map.of("StringEquals", Map.of("s3:ResourceAccount", Map.of("Ref", "AWS::AccountId"))));
		}
		List<Grant> exact = s3.stream().filter((grant) -> !patterns.contains(grant)).toList();
		assertThat(exact).extracting(Grant::where)
			.anyMatch((where) -> where.endsWith("/WireProtectedBuckets"))
			.anyMatch((where) -> where.endsWith("/RemoveInfectedProtectedObjects"));
		assertThat(exact).allSatisfy((grant) -> assertThat(grant.conditions()).as("%s", grant.where()).isNull());
	}

	/**
	 * A deployment that names its buckets gets the statements it always got: exact ARNs,
	 * no condition, no pattern statement.
	 */
	@Test
	void shouldGrantExactNamesWithoutAnyCondition() {
		Stack stack = new Stack(new App(), "ExactNames");
		Role agent = Role.Builder.create(stack, "Agent")
			.assumedBy(new ServicePrincipal("ecs-tasks.amazonaws.com"))
			.build();
		ObjectAccess.grantScanAndRemediate(agent, List.of("acme-uploads", "acme-invoices"), "acme-quarantine");
		List<Grant> grants = new ArrayList<>();
		collect("exact", Template.fromStack(stack).toJSON(), grants);
		assertThat(grants).extracting(Grant::where)
			.map((where) -> where.substring(where.lastIndexOf('/') + 1))
			.containsExactly("ReadProtectedObjects", "TagProtectedObjects", "RemoveInfectedProtectedObjects",
					"ListProtectedBuckets", "CopyIntoQuarantine", "CheckQuarantineCopies", "FindQuarantineCopies");
		assertThat(grants).allSatisfy((grant) -> assertThat(grant.conditions()).isNull());
		assertThat(grants.getFirst().resources()).containsExactly(objects("acme-uploads"), objects("acme-invoices"));
		assertThat(grants.get(3).resources()).containsExactly("arn:" + PARTITION + ":s3:::acme-uploads",
				"arn:" + PARTITION + ":s3:::acme-invoices");
		assertThat(grants.getLast().resources()).containsExactly("arn:" + PARTITION + ":s3:::acme-quarantine");
	}

	/**
	 * SSE-KMS buckets: the scanning agents of the region whose kmsKeys name the key may
	 * decrypt with it (and encrypt copies), through S3 of their region only.
	 */
	@Test
	void shouldUseTheDeploymentsKmsKeysOnlyThroughS3() {
		List<Grant> kms = allGrants().stream()
			.filter((grant) -> grant.actions().stream().anyMatch((action) -> action.startsWith("kms:")))
			.toList();
		assertThat(kms).extracting(Grant::where)
			.hasSize(3)
			.allMatch((where) -> where.startsWith("console/") && where.endsWith("/UseBucketKeysThroughS3"))
			.anyMatch((where) -> where.contains("EventAgent"))
			.anyMatch((where) -> where.contains("RetroAgent"))
			.anyMatch((where) -> where.contains("ApiAgent"));
		for (Grant grant : kms) {
			assertThat(grant.actions()).containsExactly("kms:Decrypt", "kms:GenerateDataKey");
			assertThat(grant.resources()).containsExactly(SynthesizedApp.KMS_KEY);
			assertThat(Cfn.text(Cfn.path(grant.conditions(), "StringEquals", "kms:ViaService")))
				.isEqualTo("s3." + SynthesizedApp.CONSOLE_REGION + ".${AWS::URLSuffix}");
		}
	}

	/** An S3 ARN whose bucket name is a pattern (not the "/*" of every object). */
	private static boolean isPatternArn(String resource) {
		String prefix = "arn:" + PARTITION + ":s3:::";
		if (!resource.startsWith(prefix)) {
			return false;
		}
		String bucket = resource.substring(prefix.length());
		bucket = bucket.endsWith("/*") ? bucket.substring(0, bucket.length() - 2) : bucket;
		return bucket.contains("*");
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

	/**
	 * The console's bucket regions (GetBucketLocation, where ListBuckets does not say
	 * it): metadata of every bucket of the account, alone in its statement.
	 */
	static boolean isLocateBuckets(Grant grant) {
		return grant.actions().equals(List.of("s3:GetBucketLocation"))
				&& grant.resources().equals(List.of("arn:" + PARTITION + ":s3:::*"));
	}

	private static boolean isQuarantine(String resource) {
		// The stacks' own quarantine buckets (and their objects), referenced by logical
		// id.
		return resource.matches("arn:\\$\\{AWS::Partition}:s3:::\\$\\{ScanningQuarantineBucket[0-9A-F]+}(/\\*)?");
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

	/** The central stacks' statements and the linked accounts' stacks'. */
	static List<Grant> withLinkedStacks() {
		List<Grant> grants = new ArrayList<>(allGrants());
		collect("linked", SynthesizedApp.get().linkedJson(), grants);
		collect("centralLinked", SynthesizedApp.get().centralLinkedJson(), grants);
		return grants;
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
			else if (isAssumedOnlyBy(role, "ecs.amazonaws.com")) {
				// ECS itself (not a task) creates, attaches and deletes the EBS volumes
				// of
				// snapshot scans: AWS's policy for exactly that, which it keeps current.
				assertThat(managed).as("managed policies of %s", id)
					.containsExactly("arn:${AWS::Partition}:iam::aws:policy/service-role/"
							+ "AmazonECSInfrastructureRolePolicyForVolumes");
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
			.filter((grant) -> grant.where().contains("RetroAgent") && grant.where().endsWith("/StartRetroWorkers"))
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
			.filter((grant) -> grant.where().contains("RetroAgent") && grant.where().endsWith("/PassRetroWorkerRoles"))
			.toList();
		assertThat(passes).hasSize(2)
			.allSatisfy((grant) -> assertThat(grant.resources()).hasSize(2)
				.allMatch((role) -> role.contains("RetroAgent")));
	}

	private static boolean isCustomResourceProvider(Map<String, Object> role) {
		return isAssumedOnlyBy(role, "lambda.amazonaws.com");
	}

	private static boolean isAssumedOnlyBy(Map<String, Object> role, String service) {
		return Cfn.list(Cfn.path(role, "AssumeRolePolicyDocument", "Statement"))
			.stream()
			.allMatch((statement) -> service.equals(Cfn.path(statement, "Principal", "Service")));
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
						Cfn.list(s.get("Resource")).stream().map(Cfn::text).toList(), s.get("Condition")));
			}
		}
	}

	record Grant(String where, List<String> actions, List<String> resources, Object conditions) {
	}

}
