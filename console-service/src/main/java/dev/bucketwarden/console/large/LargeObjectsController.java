package dev.bucketwarden.console.large;

import java.time.Clock;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

import dev.bucketwarden.console.config.ConsoleProperties;
import dev.bucketwarden.store.large.LargeJobProgress;
import dev.bucketwarden.store.large.LargeJobProgressReader;

/**
 * The Large objects page and its API. The page keeps itself current while a job runs (the
 * same live refresh as a retro scan's page).
 */
@Controller
class LargeObjectsController {

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
		List<LargeJobProgress> all = read();
		model.addAttribute("jobs", all);
		model.addAttribute("now", this.clock.instant());
		model.addAttribute("refresh", all.stream().anyMatch((job) -> job.state().running()));
		return "large-objects";
	}

	@GetMapping("/api/v1/large-objects")
	@ResponseBody
	@Operation(summary = "Large-object scan jobs, running ones first: parts done of the total, bytes, state, age")
	List<LargeJobProgress> api() {
		return read();
	}

	private List<LargeJobProgress> read() {
		return this.jobs.read(this.properties.maxRecords());
	}

}
