package dev.bucketwarden.console.retro;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The schedules of the Retro scans page: a new schedule's form there, one schedule's page
 * with its form, enable/disable and delete. A refused form comes back with its values and
 * the reason next to it.
 */
@Controller
class SchedulesController {

	private final Schedules schedules;

	private final RetroJobs jobs;

	SchedulesController(Schedules schedules, RetroJobs jobs) {
		this.schedules = schedules;
		this.jobs = jobs;
	}

	@PostMapping("/retro/schedules")
	String create(@ModelAttribute ScheduleRequest form, Authentication user, RedirectAttributes redirect) {
		String name = (form.name() != null) ? form.name().strip() : "";
		try {
			this.schedules.save(user, name, form, false, true);
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("scheduleError", ex.getMessage());
			redirect.addFlashAttribute("scheduleValues", form);
			return "redirect:/retro#new-schedule";
		}
		redirect.addFlashAttribute("message", "Schedule " + name + " saved.");
		return "redirect:/retro#schedules";
	}

	@GetMapping("/retro/schedules/{name}")
	String page(@PathVariable String name, Model model) {
		ScheduleView schedule = this.schedules.find(name)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No schedule " + name));
		model.addAttribute("schedule", schedule);
		if (!model.containsAttribute("scheduleValues")) {
			model.addAttribute("scheduleValues", this.schedules.values(name).orElseThrow());
		}
		model.addAttribute("buckets", this.jobs.protectedBuckets());
		return "retro-schedule";
	}

	@PostMapping("/retro/schedules/{name}")
	String update(@PathVariable String name, @ModelAttribute ScheduleRequest form, Authentication user,
			RedirectAttributes redirect) {
		this.schedules.find(name)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No schedule " + name));
		try {
			this.schedules.save(user, name, form, false, false);
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("scheduleError", ex.getMessage());
			redirect.addFlashAttribute("scheduleValues", form);
			return "redirect:/retro/schedules/" + name;
		}
		redirect.addFlashAttribute("message", "Schedule " + name + " saved.");
		return "redirect:/retro/schedules/" + name;
	}

	@PostMapping("/retro/schedules/{name}/enable")
	String enable(@PathVariable String name, Authentication user, RedirectAttributes redirect) {
		return enable(name, true, user, redirect);
	}

	@PostMapping("/retro/schedules/{name}/disable")
	String disable(@PathVariable String name, Authentication user, RedirectAttributes redirect) {
		return enable(name, false, user, redirect);
	}

	@PostMapping("/retro/schedules/{name}/delete")
	String delete(@PathVariable String name, Authentication user, RedirectAttributes redirect) {
		if (!this.schedules.delete(user, name)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No schedule " + name);
		}
		redirect.addFlashAttribute("message", "Schedule " + name + " deleted.");
		return "redirect:/retro#schedules";
	}

	private String enable(String name, boolean enabled, Authentication user, RedirectAttributes redirect) {
		this.schedules.enable(user, name, enabled)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No schedule " + name));
		redirect.addFlashAttribute("message", "Schedule " + name + (enabled ? " enabled." : " disabled."));
		return "redirect:/retro/schedules/" + name;
	}

}
