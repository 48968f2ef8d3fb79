package dev.bucketwarden.agent.findings;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.store.results.RemediationState;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.results.ScanSource;
import dev.bucketwarden.store.settings.StoredIntegrations;
import dev.bucketwarden.store.tags.TaggingStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Findings in ASFF: one id per object version whatever the scan, within ASFF's limits.
 */
class AsffFindingsTests {

	private static final StoredIntegrations.SecurityHub ON = new StoredIntegrations.SecurityHub(true, false, false);

	private final AsffFindings asff = new AsffFindings("aws-cn", "cn-north-1", "123456789012");

	@Test
	void shouldGiveEveryScanOfAVersionTheSameIdAndOtherVersionsOthers() {
		String id = AsffFindings.findingId(record("a", "v1", "e1", "in/x.pdf", List.of("Eicar")));

		assertThat(AsffFindings.findingId(record("b", "v1", "e1", "in/x.pdf", List.of()))).isEqualTo(id);
		assertThat(AsffFindings.findingId(record("c", "v2", "e1", "in/x.pdf", List.of()))).isNotEqualTo(id);
		assertThat(AsffFindings.findingId(record("d", "v1", "e1", "in/y.pdf", List.of()))).isNotEqualTo(id);
		assertThat(id).matches("bucketwarden/s3-object/[0-9a-f]{64}");
		// Without versioning the ETag tells the contents apart.
		assertThat(AsffFindings.findingId(record("e", null, "e1", "in/x.pdf", List.of())))
			.isNotEqualTo(AsffFindings.findingId(record("f", null, "e2", "in/x.pdf", List.of())))
			.isEqualTo(AsffFindings.findingId(record("g", null, "e1", "in/x.pdf", List.of())));
	}

	@Test
	void shouldKeepWithinAsffLimitsAndNameThePartitionsArns() {
		String key = "deep/" + "k".repeat(1100);
		List<String> signatures = List.of("Sig.1", "Sig.2", "Sig.3", "Sig.4", "Sig.5", "Sig.6." + "x".repeat(80));
		ScanRecord record = record("r", "v1", "e1", key, signatures);

		Map<String, Object> finding = this.asff.finding(record, FindingState.of(record, null, ON),
				Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-02T00:00:00Z"), false);

		assertThat(((String) finding.get("Title"))).hasSizeLessThanOrEqualTo(256);
		assertThat(((String) finding.get("Description"))).hasSizeLessThanOrEqualTo(1024);
		assertThat((List<?>) finding.get("Malware")).hasSize(5);
		assertThat(finding).containsEntry("ProductArn",
				"arn:aws-cn:securityhub:cn-north-1:123456789012:product/123456789012/default");
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> resources = (List<Map<String, Object>>) finding.get("Resources");
		assertThat(resources.get(1)).containsEntry("Id", "arn:aws-cn:s3:::uploads");
		@SuppressWarnings("unchecked")
		Map<String, String> fields = (Map<String, String>) finding.get("ProductFields");
		assertThat(fields.get("bucketwarden/signatures")).as("every signature, beyond Malware's five")
			.contains("Sig.6.");
		assertThat(finding).containsEntry("CreatedAt", "2026-01-01T00:00:00Z")
			.containsEntry("UpdatedAt", "2026-01-02T00:00:00Z");
	}

	@Test
	void shouldLeaveTopLevelSeverityAndTypesToTheCustomerOnUpdate() {
		ScanRecord record = record("r", "v1", "e1", "in/x.pdf", List.of("Eicar"));
		FindingState state = FindingState.of(record, null, ON);

		Map<String, Object> created = this.asff.finding(record, state, Instant.EPOCH, Instant.EPOCH, false);
		Map<String, Object> updated = this.asff.finding(record, state, Instant.EPOCH, Instant.EPOCH, true);

		assertThat(created).containsKeys("Severity", "Types", "FindingProviderFields");
		assertThat(updated).doesNotContainKeys("Severity", "Types").containsKey("FindingProviderFields");
	}

	private static ScanRecord record(String id, String version, String eTag, String key, List<String> signatures) {
		return new ScanRecord(id, "uploads", key, version, eTag, 10, ResultStatus.INFECTED, null, null, signatures,
				List.of(), Instant.parse("2026-01-01T00:00:00Z"), Duration.ofMillis(1), TaggingStatus.TAGGED,
				RemediationState.KEPT, null, false, ScanSource.EVENT);
	}

}
