package dev.bucketwarden.console.retro;

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
import org.springframework.web.server.ResponseStatusException;

import dev.bucketwarden.store.drift.TagDrift;

/** The Retro scans page as an API. */
@RestController
@RequestMapping("/api/v1/retro/jobs")
@Tag(name = "Retro scans", description = "Retro scan jobs: progress from their counters, start, resume, cancel")
class RetroApiController {

	private final RetroJobs jobs;

	RetroApiController(RetroJobs jobs) {
		this.jobs = jobs;
	}

	@GetMapping
	@Operation(summary = "Every job, newest first, with its counters and progress")
	List<JobView> list() {
		return this.jobs.list();
	}

	@GetMapping("/{id}")
	@Operation(summary = "One job")
	ResponseEntity<JobView> get(@PathVariable String id) {
		return ResponseEntity.of(this.jobs.find(id));
	}

	@PostMapping
	@Operation(summary = "Start a job over protected buckets (admins): "
			+ "{\"buckets\",\"prefix\",\"modifiedFrom\",\"modifiedBefore\",\"allVersions\",\"rescan\",\"signaturesBefore\","
			+ "\"driftCheck\"}; driftCheck true compares result tags with records instead of scanning")
	ResponseEntity<JobView> start(@RequestBody StartRequest request, Authentication user) {
		return ResponseEntity.status(HttpStatus.CREATED).body(this.jobs.start(user, request));
	}

	@GetMapping("/{id}/drifts")
	@Operation(summary = "The objects a drift check found whose result tag disagrees with their record")
	ResponseEntity<List<TagDrift>> drifts(@PathVariable String id) {
		this.jobs.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No job " + id));
		return ResponseEntity.ok(this.jobs.drifts(id));
	}

	@PostMapping("/{id}/resume")
	@Operation(summary = "Resume a job whose crawl stopped (the crawl goes on from its checkpoints) or whose scan "
			+ "stalled (workers start for its queued objects); admins; 409 if it is making progress or finished")
	ResponseEntity<JobView> resume(@PathVariable String id, Authentication user) {
		this.jobs.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No job " + id));
		return ResponseEntity.ok(this.jobs.resume(user, id));
	}

	@PostMapping("/{id}/cancel")
	@Operation(summary = "Cancel a running job (admins); 409 if it is not running")
	ResponseEntity<JobView> cancel(@PathVariable String id, Authentication user) {
		this.jobs.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No job " + id));
		if (!this.jobs.cancel(user, id)) {
			throw new IllegalStateException("Job " + id + " is not running");
		}
		return ResponseEntity.of(this.jobs.find(id));
	}

}
