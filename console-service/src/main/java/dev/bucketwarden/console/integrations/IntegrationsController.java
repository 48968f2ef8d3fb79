package dev.bucketwarden.console.integrations;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.bucketwarden.console.globals.GlobalSettings;

/** The Integrations page and its API. */
@Controller
@Tag(name = "Integrations", description = "Where findings go: SNS, EventBridge, webhook, AWS Security Hub")
class IntegrationsController {

	private final Integrations integrations;

	private final GlobalSettings globals;

	IntegrationsController(Integrations integrations, GlobalSettings globals) {
		this.integrations = integrations;
		this.globals = globals;
	}

	@GetMapping("/integrations")
	String page(Model model) {
		IntegrationSettings current = this.integrations.shown();
		model.addAttribute("values",
				new IntegrationForm(current.snsTopicArn(), current.eventBus(), current.webhookUrl(),
						current.securityHub(), current.securityHubUnscannable(), current.securityHubErrors()));
		model.addAttribute("globals", this.globals.current());
		return "integrations";
	}

	@PostMapping("/integrations")
	String save(@ModelAttribute IntegrationForm form, Authentication user, Model model, RedirectAttributes redirect) {
		try {
			this.integrations.save(user, form.toSettings());
		}
		catch (IllegalArgumentException ex) {
			model.addAttribute("error", ex.getMessage());
			model.addAttribute("values", form.masked());
			model.addAttribute("globals", this.globals.current());
			return "integrations";
		}
		redirect.addFlashAttribute("message", "Integrations saved.");
		return "redirect:/integrations";
	}

	@PostMapping("/integrations/webhook/test")
	String test(Authentication user, RedirectAttributes redirect) {
		Integrations.WebhookTest result = this.integrations.testWebhook(user);
		redirect.addFlashAttribute(result.delivered() ? "message" : "error", "Webhook test: " + result.message());
		return "redirect:/integrations";
	}

	@GetMapping("/api/v1/integrations")
	@ResponseBody
	@Operation(summary = "The integration settings, the webhook masked (scheme and host)")
	IntegrationSettings get() {
		return this.integrations.shown();
	}

	@PutMapping("/api/v1/integrations")
	@ResponseBody
	@Operation(summary = "Change the integration settings (admins); the masked webhook keeps the saved one")
	IntegrationSettings put(@RequestBody IntegrationSettings settings, Authentication user) {
		return this.integrations.save(user, settings);
	}

	@PostMapping("/api/v1/integrations/webhook/test")
	@ResponseBody
	@Operation(summary = "Post a test message to the saved webhook (admins)")
	Integrations.WebhookTest testApi(Authentication user) {
		return this.integrations.testWebhook(user);
	}

	/**
	 * The form's fields; validated when turned into settings. A checkbox left unticked is
	 * not sent: {@code null}, off.
	 */
	record IntegrationForm(String snsTopicArn, String eventBus, String webhookUrl, Boolean securityHub,
			Boolean securityHubUnscannable, Boolean securityHubErrors) {

		IntegrationSettings toSettings() {
			return new IntegrationSettings(this.snsTopicArn, this.eventBus, this.webhookUrl, this.securityHub,
					this.securityHubUnscannable, this.securityHubErrors);
		}

		/** Shown again after an error: not the typed webhook either. */
		IntegrationForm masked() {
			return new IntegrationForm(this.snsTopicArn, this.eventBus, WebhookUrls.mask(this.webhookUrl),
					this.securityHub, this.securityHubUnscannable, this.securityHubErrors);
		}

	}

}
