package dev.bucketwarden.console.buckets;

import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.bucketwarden.console.buckets.policy.BucketPolicies;
import dev.bucketwarden.store.settings.LargeObjects;
import dev.bucketwarden.store.settings.Remediation;
import dev.bucketwarden.store.settings.StoredBucket;
import dev.bucketwarden.store.tags.TagSchema;

/**
 * The Buckets pages: the list, and each bucket's settings form and policy statements.
 */
@Controller
class BucketsController {

	private final BucketCatalog catalog;

	private final BucketPolicies policies;

	private final DriftReports drifts;

	BucketsController(BucketCatalog catalog, BucketPolicies policies, DriftReports drifts) {
		this.catalog = catalog;
		this.policies = policies;
		this.drifts = drifts;
	}

	@GetMapping("/buckets")
	String list(Model model) {
		model.addAttribute("buckets", this.catalog.list());
		model.addAttribute("protectable", this.catalog.protectable());
		return "buckets";
	}

	@GetMapping("/buckets/{name}")
	String bucket(@PathVariable String name, Model model) {
		StoredBucket stored = this.catalog.protection(name).orElse(null);
		BucketRequest values = (stored != null) ? BucketRequest.of(stored) : new BucketRequest(true, TagSchema.DEFAULT,
				Remediation.KEEP, null, "5TB", List.of(), List.of(), List.of(), List.of(), LargeObjects.WINDOWS);
		return form(model, name, stored, values, null);
	}

	@PostMapping("/buckets/{name}")
	String save(@PathVariable String name, @ModelAttribute BucketForm form, Authentication user, Model model,
			RedirectAttributes redirect) {
		BucketRequest request = form.toRequest();
		try {
			this.catalog.save(user, name, request);
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			model.addAttribute("error", ex.getMessage());
			return form(model, name, this.catalog.protection(name).orElse(null), request, ex.getMessage());
		}
		redirect.addFlashAttribute("message", "Settings of " + name + " saved.");
		return "redirect:/buckets/" + name;
	}

	@PostMapping("/buckets/{name}/unprotect")
	String unprotect(@PathVariable String name, Authentication user, RedirectAttributes redirect) {
		boolean done;
		try {
			done = this.catalog.unprotect(user, name);
		}
		catch (IllegalStateException ex) {
			// S3 refused to unwire it: still protected, and the page says why.
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:/buckets/" + name;
		}
		redirect.addFlashAttribute("message", done ? name + " is no longer protected." : name + " was not protected.");
		return "redirect:/buckets";
	}

	private String form(Model model, String name, StoredBucket stored, BucketRequest values, String error) {
		model.addAttribute("name", name);
		model.addAttribute("stored", stored);
		model.addAttribute("homeRegion", this.catalog.homeRegion());
		model.addAttribute("protectable", this.catalog.protectable());
		model.addAttribute("values", values);
		model.addAttribute("text",
				new FormText(String.join(", ", values.engines()), String.join("\n", values.skipPrefixes()),
						String.join("\n", values.skipSuffixes()), String.join("\n", values.allowList())));
		model.addAttribute("tagSchemas", TagSchema.values());
		model.addAttribute("remediations", Remediation.values());
		model.addAttribute("largeObjectsChoices", LargeObjects.values());
		try {
			model.addAttribute("policy", this.policies.view(name));
		}
		catch (IllegalArgumentException ex) {
			// Not a bucket name: the settings form says so on save; no policy to show.
		}
		model.addAttribute("drift", this.drifts.latestDrift(name).orElse(null));
		if (error != null) {
			model.addAttribute("error", error);
		}
		return "bucket";
	}

	/** The form's list fields as text. */
	record FormText(String engines, String skipPrefixes, String skipSuffixes, String allowList) {
	}

}
