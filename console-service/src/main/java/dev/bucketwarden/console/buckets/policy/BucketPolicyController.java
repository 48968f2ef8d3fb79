package dev.bucketwarden.console.buckets.policy;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.bucketwarden.console.web.AwsUnavailableException;
import dev.bucketwarden.store.StoreException;

/** The Bucket page's Apply action; the page itself shows {@link BucketPolicies#view}. */
@Controller
class BucketPolicyController {

	private final BucketPolicies policies;

	BucketPolicyController(BucketPolicies policies) {
		this.policies = policies;
	}

	@PostMapping("/buckets/{name}/policy")
	String apply(@PathVariable String name, @RequestParam(defaultValue = "false") boolean readGate, Authentication user,
			RedirectAttributes redirect) {
		try {
			this.policies.apply(user, name, readGate);
		}
		catch (IllegalStateException | AwsUnavailableException | StoreException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:/buckets/" + name;
		}
		redirect.addFlashAttribute("message", "BucketWarden's statements are in the bucket policy of " + name
				+ (readGate ? ", with the read gate." : ", without a read gate."));
		return "redirect:/buckets/" + name;
	}

}
