package dev.bucketwarden.console.buckets.policy;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A bucket's policy statements as an API, under the buckets API. */
@RestController
@RequestMapping("/api/v1/buckets/{name}/policy")
@Tag(name = "Buckets", description = "Protected buckets and their settings")
class BucketPolicyApiController {

	private final BucketPolicies policies;

	BucketPolicyApiController(BucketPolicies policies) {
		this.policies = policies;
	}

	@GetMapping
	@Operation(summary = "The bucket policy statements that keep result tags to the agents (and the optional"
			+ " read gate), and whether the bucket's policy has them")
	PolicyView get(@PathVariable String name) {
		return this.policies.view(name);
	}

	@PostMapping
	@Operation(summary = "Merge the statements into the bucket's policy, other statements untouched (admins;"
			+ " 409 with the reason when it cannot, the policy unchanged)")
	PolicyView apply(@PathVariable String name, @RequestBody(required = false) ApplyRequest request,
			Authentication user) {
		return this.policies.apply(user, name, request != null && Boolean.TRUE.equals(request.readGate()));
	}

	/**
	 * @param readGate whether only Clean objects may be read (false, or missing, removes
	 * a read gate applied before)
	 */
	record ApplyRequest(Boolean readGate) {
	}

}
