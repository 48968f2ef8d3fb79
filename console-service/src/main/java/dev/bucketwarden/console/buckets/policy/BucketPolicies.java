package dev.bucketwarden.console.buckets.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

import dev.bucketwarden.console.audit.AuditLog;
import dev.bucketwarden.console.buckets.policy.PolicyView.Status;
import dev.bucketwarden.console.config.ConsoleProperties;
import dev.bucketwarden.console.web.AwsUnavailableException;
import dev.bucketwarden.store.StoreException;
import dev.bucketwarden.store.settings.DynamoDbSettingsTable;
import dev.bucketwarden.store.settings.StoredBucket;
import dev.bucketwarden.store.tags.TagSchema;

/**
 * A bucket's policy statements: what they are, whether the bucket's policy has them, and
 * applying them when an admin asks. Applying reads the policy, drops the statements with
 * our Sids, appends ours and writes it back, never touching another statement; it refuses
 * (and leaves the policy as it was) when the agents' roles are unknown, S3 denies the
 * console, the policy is not JSON it can merge into, or the result would pass S3's 20 KB.
 * Every apply and refusal is audited.
 */
@Service
public class BucketPolicies implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(BucketPolicies.class);

	private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

	static final String NO_AGENT_ROLES = "No statement can be built: bucketwarden.console.agent-role-arns is not set,"
			+ " so the console does not know which roles alone may write result tags (infra/aws sets it to the"
			+ " agents' role ARNs; the local stack has no IAM to exempt them in).";

	private final PolicyStatements statements;

	private final PolicyStore store;

	private final S3Client ownClient;

	private final DynamoDbSettingsTable table;

	private final AuditLog audit;

	public BucketPolicies(S3Client s3, ConsoleProperties properties, DynamoDbSettingsTable table, AuditLog audit,
			ObjectProvider<AwsCredentialsProvider> credentials, ObjectProvider<AwsRegionProvider> region) {
		this.statements = properties.agentRoleArns().isEmpty() ? null
				: new PolicyStatements(properties.agentRoleArns(), properties.breakGlassRoleArns());
		this.ownClient = (properties.bucketPolicyEndpoint() != null) ? client(properties, credentials, region) : null;
		this.store = new PolicyStore((this.ownClient != null) ? this.ownClient : s3);
		this.table = table;
		this.audit = audit;
	}

	/** The local stack's: its S3 stand-in has no bucket policies. */
	private static S3Client client(ConsoleProperties properties, ObjectProvider<AwsCredentialsProvider> credentials,
			ObjectProvider<AwsRegionProvider> region) {
		S3ClientBuilder builder = S3Client.builder()
			.httpClientBuilder(ApacheHttpClient.builder())
			.endpointOverride(properties.bucketPolicyEndpoint())
			.forcePathStyle(true);
		credentials.ifAvailable(builder::credentialsProvider);
		region.ifAvailable((provider) -> builder.region(provider.getRegion()));
		return builder.build();
	}

	/**
	 * The statements for the bucket and whether its policy has them; a policy that cannot
	 * be read is shown as a problem, not a failure.
	 */
	public PolicyView view(String bucket) {
		requireBucketName(bucket);
		if (this.statements == null) {
			return PolicyView.unavailable(bucket, NO_AGENT_ROLES);
		}
		Optional<StoredBucket> protection = this.table.bucket(bucket);
		TagSchema schema = schema(protection);
		List<ObjectNode> ours = this.statements.resultTagProtection(bucket);
		ObjectNode gate = this.statements.readGate(bucket, schema);
		PolicyDocument current;
		try {
			current = read(bucket);
		}
		catch (PolicyRefusedException | AwsUnavailableException | StoreException ex) {
			return new PolicyView(bucket, true, null, schema, List.copyOf(ours), gate,
					readGateRefusal(bucket, protection), Status.UNKNOWN, Status.UNKNOWN, ex.getMessage());
		}
		return new PolicyView(bucket, true, null, schema, List.copyOf(ours), gate, readGateRefusal(bucket, protection),
				status(current, ours, PolicyStatements.SUPERSEDED), status(current, List.of(gate), Set.of()), null);
	}

	/**
	 * Merges the statements (with the read gate, or without it: removing it) into the
	 * bucket's policy.
	 * @return the bucket's statements afterwards
	 * @throws PolicyRefusedException when it cannot, the policy left as it was
	 * @throws AwsUnavailableException when S3 cannot be reached
	 */
	public PolicyView apply(Authentication user, String bucket, boolean readGate) {
		requireBucketName(bucket);
		Map<String, String> details = new LinkedHashMap<>();
		details.put("readGate", Boolean.toString(readGate));
		try {
			if (this.statements == null) {
				throw new PolicyRefusedException(NO_AGENT_ROLES);
			}
			Optional<StoredBucket> protection = this.table.bucket(bucket);
			List<ObjectNode> ours = new ArrayList<>(this.statements.resultTagProtection(bucket));
			if (readGate) {
				String refusal = readGateRefusal(bucket, protection);
				if (refusal != null) {
					throw new PolicyRefusedException(refusal);
				}
				ours.add(this.statements.readGate(bucket, schema(protection)));
			}
			PolicyDocument current = read(bucket);
			PolicyDocument merged = current.merge(ours);
			if (merged.bytes() > PolicyDocument.MAX_BYTES) {
				throw new PolicyRefusedException("The bucket policy of " + bucket + " would be " + merged.bytes()
						+ " bytes with BucketWarden's statements, over S3's limit of " + PolicyDocument.MAX_BYTES
						+ "; nothing was changed. Make room in the policy (or leave out the read gate).");
			}
			boolean changed = !merged.sameAs(current);
			if (changed) {
				this.store.write(bucket, merged.json());
			}
			details.put("statements", String.join(",", ours.stream().map((s) -> s.get("Sid").asString()).toList()));
			details.put("changed", Boolean.toString(changed));
			details.put("policyBytes", Integer.toString(merged.bytes()));
			this.audit.record(user, "bucket.policy.apply", bucket, details);
			logger.info("Bucket {}: BucketWarden's policy statements applied (read gate {}, changed {})", bucket,
					readGate, changed);
		}
		catch (PolicyRefusedException | AwsUnavailableException | StoreException ex) {
			details.put("refused", ex.getMessage());
			this.audit.record(user, "bucket.policy.refuse", bucket, details);
			throw ex;
		}
		return view(bucket);
	}

	private PolicyDocument read(String bucket) {
		return this.store.read(bucket)
			.map((text) -> PolicyDocument.parse(bucket, text))
			.orElseGet(PolicyDocument::none);
	}

	/**
	 * Only a protected bucket whose objects are tagged gets a read gate: on any other,
	 * nothing would ever tag an object Clean and every object would stay unreadable.
	 */
	private static String readGateRefusal(String bucket, Optional<StoredBucket> protection) {
		if (protection.isEmpty()) {
			return "Bucket " + bucket + " is not protected: nothing would tag its objects Clean, so a read gate"
					+ " would make every object unreadable. Protect it first.";
		}
		if (!protection.get().settings().tagging()) {
			return "Bucket " + bucket + " is protected without tagging: no object would ever be tagged Clean, so a"
					+ " read gate would make every object unreadable. Turn tagging on first.";
		}
		return null;
	}

	private static TagSchema schema(Optional<StoredBucket> protection) {
		return protection.map((stored) -> stored.settings().tagSchema()).orElse(TagSchema.DEFAULT);
	}

	/**
	 * @param superseded Sids we wrote before, whose statements applying replaces: while
	 * one is there, the policy is not as applying leaves it
	 */
	private static Status status(PolicyDocument current, List<ObjectNode> ours, Set<String> superseded) {
		int same = 0;
		int present = (int) superseded.stream().filter((sid) -> current.statement(sid).isPresent()).count();
		for (ObjectNode statement : ours) {
			Optional<JsonNode> found = current.statement(statement.get("Sid").asString());
			if (found.isPresent()) {
				present++;
				if (PolicyDocument.same(found.get(), statement)) {
					same++;
				}
			}
		}
		if (same == ours.size() && same == present) {
			return Status.APPLIED;
		}
		return (present == 0) ? Status.MISSING : Status.DIFFERENT;
	}

	private static void requireBucketName(String bucket) {
		if (!BUCKET.matcher(bucket).matches()) {
			throw new IllegalArgumentException("Not an S3 bucket name: " + bucket);
		}
	}

	@Override
	public void close() {
		if (this.ownClient != null) {
			this.ownClient.close();
		}
	}

}
