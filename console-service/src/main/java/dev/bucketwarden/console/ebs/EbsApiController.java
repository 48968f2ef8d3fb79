package dev.bucketwarden.console.ebs;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The EBS page as an API. */
@RestController
@RequestMapping("/api/v1/ebs")
@Tag(name = "EBS", description = "EBS volumes and snapshots with their scan results; EBS scan jobs")
class EbsApiController {

	private final EbsScans scans;

	EbsApiController(EbsScans scans) {
		this.scans = scans;
	}

	@GetMapping("/volumes")
	@Operation(summary = "The region's EBS volumes")
	List<VolumeView> volumes() {
		return this.scans.volumes();
	}

	@GetMapping("/snapshots")
	@Operation(summary = "The account's EBS snapshots, newest first, with their scan-result and scan-date tags")
	List<SnapshotView> snapshots() {
		return this.scans.snapshots();
	}

	@GetMapping("/accounts/{account}/volumes")
	@Operation(summary = "A verified linked account's EBS volumes in the console's region, listed through its role")
	ResponseEntity<List<VolumeView>> volumes(@PathVariable String account) {
		return ResponseEntity.of(this.scans.volumes(account));
	}

	@GetMapping("/accounts/{account}/snapshots")
	@Operation(summary = "The EBS snapshots a verified linked account owns, listed through its role, "
			+ "with their scan-result and scan-date tags")
	ResponseEntity<List<SnapshotView>> snapshots(@PathVariable String account) {
		return ResponseEntity.of(this.scans.snapshots(account));
	}

	@GetMapping("/jobs")
	@Operation(summary = "EBS jobs, newest first, with their counters and progress")
	List<EbsJobView> jobs() {
		return this.scans.jobs();
	}

	@GetMapping("/jobs/{id}")
	@Operation(summary = "An EBS job with its files that were not Clean (infected first), each with its path")
	ResponseEntity<EbsJobView> job(@PathVariable String id) {
		return ResponseEntity.of(this.scans.find(id));
	}

	@PostMapping("/jobs")
	@Operation(summary = "Scan a volume (a snapshot is taken of it first) or a snapshot (admins): "
			+ "{\"volumeId\"} or {\"snapshotId\"}, with {\"account\"} for a verified linked account's")
	ResponseEntity<EbsJobView> start(@RequestBody ScanRequest request, Authentication user) {
		return ResponseEntity.status(HttpStatus.CREATED).body(this.scans.start(user, request));
	}

}
