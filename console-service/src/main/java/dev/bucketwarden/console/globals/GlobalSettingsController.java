package dev.bucketwarden.console.globals;

import io.swagger.v3.oas.annotations.Operation;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The imported global settings as an API; the Integrations page shows them too. */
@RestController
class GlobalSettingsController {

	private final GlobalSettings settings;

	GlobalSettingsController(GlobalSettings settings) {
		this.settings = settings;
	}

	@GetMapping("/api/v1/settings/global")
	@Operation(summary = "Global settings imported from SSM Parameter Store (read-only; SecureStrings not shown)")
	GlobalSettings.Imported get() {
		return this.settings.current();
	}

}
