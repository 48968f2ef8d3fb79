package dev.bucketwarden.console.retro;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Retro scan schedules as an API. */
@RestController
@RequestMapping("/api/v1/schedules")
@Tag(name = "Schedules",
		description = "Retro scan schedules the retro agent's scheduler runs: cron (UTC) and the job each run creates")
class SchedulesApiController {

	private final Schedules schedules;

	SchedulesApiController(Schedules schedules) {
		this.schedules = schedules;
	}

	@GetMapping
	@Operation(summary = "Every schedule, by name, with its last and next run")
	List<ScheduleView> list() {
		return this.schedules.list();
	}

	@GetMapping("/{name}")
	@Operation(summary = "One schedule")
	ResponseEntity<ScheduleView> get(@PathVariable String name) {
		return ResponseEntity.of(this.schedules.find(name));
	}

	@PutMapping("/{name}")
	@Operation(summary = "Create or replace a schedule (admins); 400 if invalid: "
			+ "{\"cron\":\"0 0 3 * * SUN\",\"enabled\":true,\"buckets\":[...] or \"directory\",\"prefix\",\"lookback\":\"7d\","
			+ "\"allVersions\",\"rescan\":\"IF_UNSCANNED|ALWAYS|SIGNATURES_BEFORE\",\"signaturesBefore\",\"signaturesOlderThan\","
			+ "\"quarantineDirectory\"}")
	ScheduleView put(@PathVariable String name, @RequestBody ScheduleRequest request, Authentication user) {
		return this.schedules.save(user, name, request, true, false);
	}

	@DeleteMapping("/{name}")
	@Operation(summary = "Delete a schedule (admins); 404 if there is none")
	ResponseEntity<Void> delete(@PathVariable String name, Authentication user) {
		return this.schedules.delete(user, name) ? ResponseEntity.noContent().build()
				: ResponseEntity.notFound().build();
	}

}
