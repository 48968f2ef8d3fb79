package dev.bucketwarden.console.ebs;

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
 * The EBS pages: volumes and snapshots with their scan results, EBS jobs, and a job's
 * progress with its infected files. While a job runs its page refreshes itself.
 */
@Controller
class EbsController {

	private final EbsScans scans;

	EbsController(EbsScans scans) {
		this.scans = scans;
	}

	@GetMapping("/ebs")
	String list(Model model) {
		var jobs = this.scans.jobs();
		model.addAttribute("volumes", this.scans.volumes());
		model.addAttribute("snapshots", this.scans.snapshots());
		model.addAttribute("linkedAccounts", this.scans.linkedAccounts());
		model.addAttribute("jobs", jobs);
		model.addAttribute("refresh", jobs.stream().anyMatch((job) -> job.job().running()));
		model.addAttribute("launcher", this.scans.launcher());
		return "ebs";
	}

	@GetMapping("/ebs/jobs/{id}")
	String job(@PathVariable String id, Model model) {
		EbsJobView job = this.scans.find(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No EBS job " + id));
		model.addAttribute("job", job);
		model.addAttribute("refresh", job.job().running());
		return "ebs-job";
	}

	@PostMapping("/ebs/jobs")
	String start(@ModelAttribute ScanRequest request, Authentication user, RedirectAttributes redirect) {
		EbsJobView job = this.scans.start(user, request);
		redirect.addFlashAttribute("message", "EBS scan " + job.job().id() + " started.");
		return "redirect:/ebs/jobs/" + job.job().id();
	}

}
