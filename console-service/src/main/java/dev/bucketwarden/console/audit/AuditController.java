package dev.bucketwarden.console.audit;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** The audit log: the page and its API. */
@Controller
class AuditController {

	private final AuditLog audit;

	AuditController(AuditLog audit) {
		this.audit = audit;
	}

	@GetMapping("/audit")
	String page(@RequestParam(defaultValue = "200") int limit, Model model) {
		model.addAttribute("events", this.audit.latest(Math.clamp(limit, 1, 1000)));
		return "audit";
	}

	@GetMapping("/api/v1/audit")
	@ResponseBody
	@Operation(summary = "The latest audit events, newest first")
	List<AuditEvent> api(@RequestParam(defaultValue = "200") int limit) {
		return this.audit.latest(Math.clamp(limit, 1, 1000));
	}

}
