package dev.bucketwarden.console.findings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import dev.bucketwarden.store.results.ScanRecord;

/** The Findings page as an API. */
@RestController
@RequestMapping("/api/v1/findings")
@Tag(name = "Findings", description = "Scan results, searched and exported")
class FindingsApiController {

	private final FindingsService findings;

	private final Rescans rescans;

	FindingsApiController(FindingsService findings, Rescans rescans) {
		this.findings = findings;
		this.rescans = rescans;
	}

	@GetMapping
	@Operation(
			summary = "Scan records matching the filter, newest first (result, bucket, signature, key, from, to as YYYY-MM-DD)")
	List<ScanRecord> search(@ModelAttribute FindingFilter filter, @RequestParam(defaultValue = "200") int limit) {
		return this.findings.search(filter, Math.clamp(limit, 1, 5000));
	}

	@GetMapping(value = "/export", produces = "text/csv")
	@Operation(summary = "The same search as CSV")
	void csv(@ModelAttribute FindingFilter filter, HttpServletResponse response) throws IOException {
		response.setContentType("text/csv;charset=UTF-8");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		CsvExport.write(this.findings.search(filter, Integer.MAX_VALUE), response.getWriter());
	}

	@GetMapping("/{id}")
	@Operation(summary = "One scan record with every engine's part")
	ResponseEntity<ScanRecord> get(@PathVariable String id) {
		return ResponseEntity.of(this.findings.byId(id));
	}

	@PostMapping("/{id}/rescan")
	@Operation(summary = "Put the object on the scan queue again (admins)")
	ResponseEntity<Void> rescan(@PathVariable String id, Authentication user) {
		ScanRecord record = this.findings.byId(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No finding " + id));
		this.rescans.rescan(user, record);
		return ResponseEntity.accepted().build();
	}

}
