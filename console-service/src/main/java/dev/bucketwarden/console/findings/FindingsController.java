package dev.bucketwarden.console.findings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

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

import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;

/** The Findings pages: search, detail, CSV export, scan again. */
@Controller
class FindingsController {

	private final FindingsService findings;

	private final Rescans rescans;

	FindingsController(FindingsService findings, Rescans rescans) {
		this.findings = findings;
		this.rescans = rescans;
	}

	@GetMapping("/findings")
	String search(@ModelAttribute("filter") FindingFilter filter, @RequestParam(defaultValue = "200") int limit,
			Model model) {
		model.addAttribute("records", this.findings.search(filter, Math.clamp(limit, 1, 5000)));
		model.addAttribute("results", ResultStatus.values());
		return "findings";
	}

	@GetMapping("/findings.csv")
	void csv(@ModelAttribute FindingFilter filter, HttpServletResponse response) throws IOException {
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"findings.csv\"");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		CsvExport.write(this.findings.search(filter, Integer.MAX_VALUE), response.getWriter());
	}

	@GetMapping("/findings/{id}")
	String detail(@PathVariable String id, Model model) {
		model.addAttribute("record", find(id));
		model.addAttribute("rescanAvailable", this.rescans.available());
		return "finding";
	}

	@PostMapping("/findings/{id}/rescan")
	String rescan(@PathVariable String id, Authentication user, RedirectAttributes redirect) {
		ScanRecord record = find(id);
		this.rescans.rescan(user, record);
		redirect.addFlashAttribute("message",
				"A scan of s3://" + record.bucket() + "/" + record.key() + " was requested.");
		return "redirect:/findings/" + id;
	}

	private ScanRecord find(String id) {
		return this.findings.byId(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No finding " + id));
	}

}
