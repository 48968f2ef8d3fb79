package dev.bucketwarden.console.dashboard;

import java.time.Clock;

import io.swagger.v3.oas.annotations.Operation;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

import dev.bucketwarden.console.config.ConsoleProperties;
import dev.bucketwarden.console.findings.FindingsService;

/** The dashboard page and its API. */
@Controller
class DashboardController {

	static final int DAYS = 14;

	private final FindingsService findings;

	private final ConsoleProperties properties;

	private final Clock clock;

	DashboardController(FindingsService findings, ConsoleProperties properties, Clock clock) {
		this.findings = findings;
		this.properties = properties;
		this.clock = clock;
	}

	@GetMapping("/")
	String dashboard(Model model) {
		DashboardStats stats = stats();
		model.addAttribute("stats", stats);
		model.addAttribute("scansChart", Charts.scansPerDay(stats.days()));
		model.addAttribute("bytesChart", Charts.bytesPerDay(stats.days()));
		model.addAttribute("verdictsChart", Charts.verdicts(stats.totals()));
		model.addAttribute("bytesScanned", Charts.human(stats.bytesScanned()));
		return "dashboard";
	}

	@GetMapping("/api/v1/dashboard")
	@ResponseBody
	@Operation(summary = "The dashboard's figures: scans per day, results, bytes, latest infections, engines")
	DashboardStats api() {
		return stats();
	}

	private DashboardStats stats() {
		return DashboardStats.of(this.findings.all(), this.properties.maxRecords(), this.clock.instant(), DAYS);
	}

}
