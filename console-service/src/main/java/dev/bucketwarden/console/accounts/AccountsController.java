package dev.bucketwarden.console.accounts;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.bucketwarden.store.accounts.LinkedAccount;

/** The Accounts page and its API: admins link, verify and remove; viewers read. */
@Controller
@Tag(name = "Accounts", description = "AWS accounts linked to the deployment through a role")
class AccountsController {

	private final AccountLinks accounts;

	AccountsController(AccountLinks accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/accounts")
	String page(Model model) {
		model.addAttribute("accounts", this.accounts.list());
		return "accounts";
	}

	@PostMapping("/accounts")
	String add(@ModelAttribute AccountRequest form, Authentication user, RedirectAttributes redirect) {
		try {
			LinkedAccount added = this.accounts.add(user, form);
			redirect.addFlashAttribute("message", "Account " + added.accountId()
					+ " linked. Give its stack the external id " + added.externalId() + ", then verify.");
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/accounts";
	}

	@PostMapping("/accounts/{id}/verify")
	String verify(@PathVariable String id, Authentication user, RedirectAttributes redirect) {
		try {
			this.accounts.verify(user, id)
				.ifPresentOrElse(
						(verified) -> redirect.addFlashAttribute("message",
								"Account " + id + " verified: " + verified.verifiedArn()),
						() -> redirect.addFlashAttribute("error", "Account " + id + " is not linked"));
		}
		catch (IllegalStateException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/accounts";
	}

	@PostMapping("/accounts/{id}/delete")
	String remove(@PathVariable String id, Authentication user, RedirectAttributes redirect) {
		try {
			this.accounts.remove(user, id);
			redirect.addFlashAttribute("message", "Account " + id + " is no longer linked.");
		}
		catch (IllegalStateException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/accounts";
	}

	@GetMapping("/api/v1/accounts")
	@ResponseBody
	@Operation(summary = "The linked accounts, with their external ids and verification")
	List<LinkedAccount> list() {
		return this.accounts.list();
	}

	@PostMapping("/api/v1/accounts")
	@ResponseBody
	@Operation(summary = "Link an account (admins); the external id is generated")
	ResponseEntity<LinkedAccount> addApi(@RequestBody AccountRequest request, Authentication user) {
		return ResponseEntity.status(HttpStatus.CREATED).body(this.accounts.add(user, request));
	}

	@PostMapping("/api/v1/accounts/{id}/verify")
	@ResponseBody
	@Operation(summary = "Assume the account's role with its external id and check the account STS names (admins)")
	ResponseEntity<LinkedAccount> verifyApi(@PathVariable String id, Authentication user) {
		return ResponseEntity.of(this.accounts.verify(user, id));
	}

	@DeleteMapping("/api/v1/accounts/{id}")
	@ResponseBody
	@Operation(summary = "Remove a link (admins); 409 while a bucket of the account is protected")
	ResponseEntity<Void> removeApi(@PathVariable String id, Authentication user) {
		return this.accounts.remove(user, id) ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
	}

}
