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

/** The Buckets page as an API. */
@RestController
@RequestMapping("/api/v1/buckets")
@Tag(name = "Buckets", description = "Protected buckets and their settings")
class BucketsApiController {

	private final BucketCatalog catalog;

	BucketsApiController(BucketCatalog catalog) {
		this.catalog = catalog;
	}

	@GetMapping
	@Operation(summary = "The account's buckets and the protected ones, with their settings")
	List<BucketView> list() {
		return this.catalog.list();
	}

	@GetMapping("/{name}")
	@Operation(summary = "A protected bucket's settings (404 when it is not protected)")
	ResponseEntity<StoredBucket> get(@PathVariable String name) {
		return ResponseEntity.of(this.catalog.protection(name));
	}

	@PutMapping("/{name}")
	@Operation(summary = "Protect a bucket, or change its settings (admins)")
	StoredBucket put(@PathVariable String name, @RequestBody BucketRequest request, Authentication user) {
		return this.catalog.save(user, name, request);
	}

	@DeleteMapping("/{name}")
	@Operation(summary = "Stop protecting a bucket (admins)")
	ResponseEntity<Void> delete(@PathVariable String name, Authentication user) {
		return this.catalog.unprotect(user, name) ? ResponseEntity.noContent().build()
				: ResponseEntity.notFound().build();
	}

}
