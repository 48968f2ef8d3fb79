package dev.bucketwarden.console.buckets;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.bucketwarden.store.settings.StoredBucket;

/** The buckets of a linked account, listed and protected through its role. */
@RestController
@RequestMapping("/api/v1/accounts/{account}/buckets")
@Tag(name = "Buckets", description = "Protected buckets and their settings")
class LinkedBucketsApiController {

	private final LinkedBucketCatalog catalog;

	LinkedBucketsApiController(LinkedBucketCatalog catalog) {
		this.catalog = catalog;
	}

	@GetMapping
	@Operation(summary = "A linked account's buckets (ListBuckets through its role) and the protected ones")
	ResponseEntity<List<BucketView>> list(@PathVariable String account) {
		return ResponseEntity.of(this.catalog.list(account));
	}

	@PutMapping("/{name}")
	@Operation(summary = "Protect a bucket of a verified linked account through its role, or change its settings "
			+ "(admins)")
	StoredBucket put(@PathVariable String account, @PathVariable String name, @RequestBody BucketRequest request,
			Authentication user) {
		return this.catalog.save(user, account, name, request);
	}

	@DeleteMapping("/{name}")
	@Operation(summary = "Stop protecting a bucket of a linked account (admins)")
	ResponseEntity<Void> delete(@PathVariable String account, @PathVariable String name, Authentication user) {
		return this.catalog.unprotect(user, account, name) ? ResponseEntity.noContent().build()
				: ResponseEntity.notFound().build();
	}

}
