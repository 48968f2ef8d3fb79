package dev.bucketwarden.console.buckets;

import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.bucketwarden.console.web.AwsUnavailableException;
import dev.bucketwarden.store.settings.Remediation;

/**
 * A linked account's buckets page ({@code /accounts/{id}/buckets}): listed through its
 * role; admins protect one (remediation and quarantine as the link says) or unprotect it.
 * Its other settings are changed through the API, as for any bucket.
 */
@Controller
class LinkedBucketsController {

	private final LinkedBucketCatalog catalog;

	LinkedBucketsController(LinkedBucketCatalog catalog) {
		this.catalog = catalog;
	}

	@GetMapping("/accounts/{account}/buckets")
	String page(@PathVariable String account, Model model) {
		model.addAttribute("account", account);
		model.addAttribute("remediations", Remediation.values());
		try {
			model.addAttribute("buckets", this.catalog.list(account).orElse(null));
		}
		catch (IllegalStateException | AwsUnavailableException ex) {
			model.addAttribute("buckets", List.of());
			model.addAttribute("error", ex.getMessage());
		}
		return "account-buckets";
	}

	@PostMapping("/accounts/{account}/buckets/{name}")
	String protect(@PathVariable String account, @PathVariable String name,
			@RequestParam(defaultValue = "QUARANTINE") Remediation remediation,
			@RequestParam(required = false) String quarantineBucket, Authentication user, RedirectAttributes redirect) {
		try {
			this.catalog.save(user, account, name, new BucketRequest(null, null, remediation, quarantineBucket, null,
					List.of(), List.of(), List.of(), List.of(), null));
			redirect.addFlashAttribute("message", "Bucket " + name + " of account " + account + " is protected.");
		}
		catch (IllegalArgumentException | IllegalStateException | AwsUnavailableException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/accounts/" + account + "/buckets";
	}

	@PostMapping("/accounts/{account}/buckets/{name}/unprotect")
	String unprotect(@PathVariable String account, @PathVariable String name, Authentication user,
			RedirectAttributes redirect) {
		try {
			this.catalog.unprotect(user, account, name);
			redirect.addFlashAttribute("message", "Bucket " + name + " is no longer protected.");
		}
		catch (IllegalStateException | AwsUnavailableException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/accounts/" + account + "/buckets";
	}

}
