package dev.bucketwarden.console.large;

import java.time.Clock;

import io.swagger.v3.oas.annotations.Operation;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

import dev.bucketwarden.console.config.ConsoleProperties;
import dev.bucketwarden.store.large.LargeJobProgressReader;

/**
 * The Large objects page and its API. The page keeps itself current while a job runs (the
 * same live refresh as a retro scan's page).
 */
@Controller
class LargeObjectsController {

	static final int MAX_JOBS = 500;

	private final LargeJobProgressReader jobs;

	private final ConsoleProperties properties;

	private final Clock clock;

	LargeObjectsController(LargeJobProgressReader jobs, ConsoleProperties properties, Clock clock) {
		this.jobs = jobs;
		this.properties = properties;
		this.clock = clock;
	}

	@GetMapping("/large-objects")
	String page(Model model) {
		LargeJobProgressReader.Jobs read = read();
		model.addAttribute("jobs", read.jobs());
		model.addAttribute("complete", read.complete());
		model.addAttribute("maxRecords", this.properties.maxRecords());
		model.addAttribute("now", this.clock.instant());
		model.addAttribute("refresh", read.jobs().stream().anyMatch((job) -> job.state().running()));
		return "large-objects";
	}

	@GetMapping("/api/v1/large-objects")
	@ResponseBody
	@Operation(summary = "Large-object scan jobs, running ones first: parts done of the total, bytes, state, age; "
			+ "complete is false when the read stopped before the end of the results table")
	LargeJobProgressReader.Jobs api() {
		return read();
	}

	/**
	 * At most {@value #MAX_JOBS} jobs, from at most as many items of the results table as
	 * any other view reads.
	 */
	private LargeJobProgressReader.Jobs read() {
		return this.jobs.read(MAX_JOBS, this.properties.maxRecords());
	}

}
