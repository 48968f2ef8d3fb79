package dev.bucketwarden.console.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Where sign-out ends, after the IdP ended its session too. */
@Controller
class SignedOutController {

	@GetMapping("/signed-out")
	String signedOut() {
		return "signed-out";
	}

}
