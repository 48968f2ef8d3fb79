package dev.bucketwarden.console.retro;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Retro scans pages. While a job runs, a page keeps its progress current: its script
 * (static/js/live.js) swaps in the fresh jobs table or job status every few seconds,
 * leaving the page's forms alone; without JavaScript the page reloads itself (a meta
 * refresh).
 */
@Controller
class RetroController {

	private final RetroJobs jobs;

	private final Schedules schedules;

	RetroController(RetroJobs jobs, Schedules schedules) {
		this.jobs = jobs;
		this.schedules = schedules;
	}

	@GetMapping("/retro")
	String list(Model model) {
		var all = this.jobs.list();
		model.addAttribute("jobs", all);
		model.addAttribute("schedules", this.schedules.list(all));
		if (!model.containsAttribute("scheduleValues")) {
			model.addAttribute("scheduleValues", ScheduleRequest.blank());
		}
		model.addAttribute("refresh", all.stream().anyMatch(JobView::running));
		model.addAttribute("buckets", this.jobs.protectedBuckets());
		model.addAttribute("launcher", this.jobs.launcher());
		return "retro";
	}

	@GetMapping("/retro/{id}")
	String detail(@PathVariable String id, Model model) {
		JobView job = find(id);
		model.addAttribute("job", job);
		model.addAttribute("refresh", job.running());
		boolean driftCheck = this.jobs.driftCheck(id);
		model.addAttribute("driftCheck", driftCheck);
		model.addAttribute("drifts", driftCheck ? this.jobs.drifts(id) : List.of());
		return "retro-job";
	}

	@PostMapping("/retro")
	String start(@ModelAttribute StartRequest request, Authentication user, RedirectAttributes redirect) {
		JobView job = this.jobs.start(user, request);
		redirect.addFlashAttribute("message", "Retro scan " + job.id() + " started.");
		return "redirect:/retro/" + job.id();
	}

	/** The bucket page's button: a drift check of the bucket's current objects. */
	@PostMapping("/retro/drift-check")
	String startDriftCheck(@RequestParam String bucket, Authentication user, RedirectAttributes redirect) {
		JobView job = this.jobs.start(user, StartRequest.driftCheck(bucket));
		redirect.addFlashAttribute("message", "Drift check " + job.id() + " of " + bucket + " started.");
		return "redirect:/retro/" + job.id();
	}

	@PostMapping("/retro/{id}/cancel")
	String cancel(@PathVariable String id, Authentication user, RedirectAttributes redirect) {
		find(id);
		boolean cancelled = this.jobs.cancel(user, id);
		redirect.addFlashAttribute(cancelled ? "message" : "error",
				cancelled ? "Retro scan " + id + " cancelled." : "Retro scan " + id + " was not running.");
		return "redirect:/retro/" + id;
	}

	@PostMapping("/retro/{id}/resume")
	String resume(@PathVariable String id, Authentication user, RedirectAttributes redirect) {
		JobView before = find(id);
		this.jobs.resume(user, id);
		redirect.addFlashAttribute("message", "Retro scan " + id + " resumed: " + (before.scanStalled()
				? "workers are starting for its queued objects." : "its crawl goes on from its checkpoints."));
		return "redirect:/retro/" + id;
	}

	private JobView find(String id) {
		return this.jobs.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No job " + id));
	}

}
