package dev.bucketwarden.agent.findings;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.agent.storage.StorageException;
import dev.bucketwarden.store.drift.TagDrift;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.settings.StoredIntegrations;

/**
 * Imports scan results into AWS Security Hub as findings in the AWS Security Finding
 * Format ({@link AsffFindings}), one finding per object version, to the account's default
 * product in the agent's own region.
 *
 * <p>
 * Before an import the finding is looked up (GetFindings by id), for two reasons: an
 * update must carry the finding's first {@code CreatedAt}, and a Clean rescan only
 * resolves a finding that exists, never creates one. Only results that need a finding pay
 * for the look-up: Infected ones, the Unscannable and Error ones the toggle asks for, and
 * Clean rescans of an object version that had one of those. Security Hub keeps the
 * workflow status on the customer's side after creation, so resolving an existing finding
 * also sets it with BatchUpdateFindings (unless turned off, for stand-ins that lack it).
 *
 * <p>
 * A refused finding (FailedCount and FailedFindings of the answer) or a failed call is a
 * {@link StorageException}, like every sink's; among the console's integrations it is
 * logged and counted, never retried. Tag drifts are not scan results: they go to the
 * other sinks only.
 */
public class SecurityHubFindingPublisher implements FindingPublisher {

	private static final Logger logger = LoggerFactory.getLogger(SecurityHubFindingPublisher.class);

	private final SecurityHubApi api;

	private final AsffFindings asff;

	private final StoredIntegrations.SecurityHub toggle;

	private final boolean workflowUpdates;

	private final Clock clock;

	SecurityHubFindingPublisher(SecurityHubApi api, AsffFindings asff, StoredIntegrations.SecurityHub toggle,
			boolean workflowUpdates, Clock clock) {
		this.api = api;
		this.asff = asff;
		this.toggle = toggle;
		this.workflowUpdates = workflowUpdates;
		this.clock = clock;
	}

	/** The product ARN findings are imported to. */
	public String productArn() {
		return this.asff.productArn();
	}

	@Override
	public void publish(ScanRecord record) {
		publish(record, null);
	}

	@Override
	public void publish(ScanRecord record, @Nullable ScanRecord replaced) {
		if (!this.toggle.enabled()) {
			return;
		}
		FindingState state = FindingState.of(record, replaced, this.toggle);
		if (state == null) {
			return;
		}
		String id = AsffFindings.findingId(record);
		Map<String, Object> existing = this.api.finding(this.asff.productArn(), id);
		if (state.resolvesOnly() && (existing == null || "ARCHIVED".equals(existing.get("RecordState")))) {
			return;
		}
		Instant now = this.clock.instant();
		Instant createdAt = (existing != null) ? createdAt(existing, record) : record.scannedAt();
		Map<String, String> failed = this.api
			.batchImportFindings(List.of(this.asff.finding(record, state, createdAt, now, existing != null)));
		if (!failed.isEmpty()) {
			throw new StorageException("Security Hub refused the finding of s3://" + record.bucket() + "/"
					+ record.key() + ": " + failed.values().iterator().next(), null);
		}
		String workflow = workflow(existing);
		if (existing != null && this.workflowUpdates && workflow != null && !workflow.equals(state.workflow())
				&& (state.workflow().equals("RESOLVED") || workflow.equals("RESOLVED"))) {
			Map<String, String> notUpdated = this.api.updateWorkflow(this.asff.productArn(), List.of(id),
					state.workflow());
			if (!notUpdated.isEmpty()) {
				throw new StorageException("Security Hub did not set the workflow of the finding of s3://"
						+ record.bucket() + "/" + record.key() + ": " + notUpdated.values().iterator().next(), null);
			}
		}
		logger.info("Security Hub finding {} of s3://{}/{}: {} {} {} ({})", id, record.bucket(), record.key(),
				state.severity(), state.recordState(), state.workflow(), (existing != null) ? "updated" : "created");
	}

	/** Drifts go to the other sinks: Security Hub gets scan results only. */
	@Override
	public void publish(TagDrift drift) {
		logger.debug("Tag drift of s3://{}/{} not sent to Security Hub (scan results only)", drift.bucket(),
				drift.key());
	}

	private static Instant createdAt(Map<String, Object> existing, ScanRecord record) {
		Object created = existing.get("CreatedAt");
		try {
			return (created instanceof String text) ? Instant.parse(text) : record.scannedAt();
		}
		catch (DateTimeParseException ex) {
			return record.scannedAt();
		}
	}

	private static @Nullable String workflow(@Nullable Map<String, Object> existing) {
		if (existing == null) {
			return null;
		}
		Object workflow = existing.get("Workflow");
		return (workflow instanceof Map<?, ?> map && map.get("Status") instanceof String status) ? status : "NEW";
	}

}
