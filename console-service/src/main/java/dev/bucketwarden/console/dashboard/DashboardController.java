package dev.bucketwarden.console.dashboard;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import dev.bucketwarden.console.config.ConsoleProperties;
import dev.bucketwarden.console.economics.EconomicsReport;
import dev.bucketwarden.console.economics.EconomicsService;
import dev.bucketwarden.console.findings.FindingsService;
import dev.bucketwarden.store.results.ScanRecord;

/** The dashboard page (with the economics panel of a chosen period) and its API. */
@Controller
class DashboardController {

	static final int DAYS = 14;

	private final FindingsService findings;

	private final ConsoleProperties properties;

	private final Clock clock;

	private final EconomicsService economics;

	DashboardController(FindingsService findings, ConsoleProperties properties, Clock clock,
			EconomicsService economics) {
		this.findings = findings;
		this.economics = economics;
		this.properties = properties;
		this.clock = clock;
	}

	@GetMapping("/")
	String dashboard(Model model,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
			@RequestParam(required = false) @Nullable String bucket) {
		List<ScanRecord> records = this.findings.all();
		DashboardStats stats = stats(records);
		model.addAttribute("stats", stats);
		model.addAttribute("scansChart", Charts.scansPerDay(stats.days()));
		model.addAttribute("bytesChart", Charts.bytesPerDay(stats.days()));
		model.addAttribute("verdictsChart", Charts.verdicts(stats.totals()));
		model.addAttribute("bytesScanned", Charts.human(stats.bytesScanned()));
		EconomicsReport economics;
		try {
			economics = this.economics.report(records, from, to, bucket);
		}
		catch (IllegalArgumentException ex) {
			model.addAttribute("periodError", ex.getMessage());
			economics = this.economics.report(records, null, null, bucket);
		}
		model.addAttribute("economics", economics);
		model.addAttribute("economicsScansChart", Charts.scansAndInfections(economics.days()));
		model.addAttribute("economicsTimeChart", Charts.timeToVerdict(economics.days()));
		model.addAttribute("economicsCostChart", Charts.cost(economics.days()));
		return "dashboard";
	}

	@GetMapping("/api/v1/dashboard")
	@ResponseBody
	@Operation(summary = "The dashboard's figures: scans per day, results, bytes, latest infections, engines")
	DashboardStats api() {
		return stats(this.findings.all());
	}

	private DashboardStats stats(List<ScanRecord> records) {
		return DashboardStats.of(records, this.properties.maxRecords(), this.clock.instant(), DAYS);
	}

}
