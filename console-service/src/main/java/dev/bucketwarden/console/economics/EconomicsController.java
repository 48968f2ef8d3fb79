package dev.bucketwarden.console.economics;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The price table's page, and the economics API (the dashboard shows the panel). */
@Controller
@Tag(name = "Economics", description = "What scanning cost at list prices, and the prices")
class EconomicsController {

	private final EconomicsService economics;

	private final PriceBook prices;

	EconomicsController(EconomicsService economics, PriceBook prices) {
		this.economics = economics;
		this.prices = prices;
	}

	@GetMapping("/prices")
	String page(Model model) {
		model.addAttribute("values", this.prices.current().asMap());
		return "prices";
	}

	@PostMapping("/prices")
	String save(@RequestParam Map<String, String> form, Authentication user, Model model, RedirectAttributes redirect) {
		Map<String, String> values = new LinkedHashMap<>(form);
		values.keySet().retainAll(Prices.DEFAULTS.asMap().keySet());
		try {
			this.prices.save(user, Prices.fromMap(values));
		}
		catch (IllegalArgumentException ex) {
			model.addAttribute("error", ex.getMessage());
			model.addAttribute("values", values);
			return "prices";
		}
		redirect.addFlashAttribute("message", "Prices saved.");
		return "redirect:/prices";
	}

	@GetMapping("/api/v1/economics")
	@ResponseBody
	@Operation(summary = "A period's unit economics: objects, bytes, time to verdict p95, AWS requests, "
			+ "estimated cost beside GuardDuty's price, per bucket and per day")
	EconomicsReport report(
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
			@RequestParam(required = false) @Nullable String bucket) {
		try {
			return this.economics.report(from, to, bucket);
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.getMessage(), ex);
		}
	}

	@GetMapping("/api/v1/economics/prices")
	@ResponseBody
	@Operation(summary = "The prices the estimates use (USD)")
	Prices prices() {
		return this.prices.current();
	}

	@PutMapping("/api/v1/economics/prices")
	@ResponseBody
	@Operation(summary = "Replace the prices (admins); a price left out keeps its default")
	Prices putPrices(@RequestBody Map<String, Object> body, Authentication user) {
		Map<String, String> values = new LinkedHashMap<>();
		body.forEach((name, value) -> values.put(name, (value != null) ? value.toString() : null));
		try {
			return this.prices.save(user, Prices.fromMap(values));
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.getMessage(), ex);
		}
	}

}
