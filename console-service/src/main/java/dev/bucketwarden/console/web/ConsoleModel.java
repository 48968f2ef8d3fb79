package dev.bucketwarden.console.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import dev.bucketwarden.console.security.CurrentUser;

/** What every page's header needs: who is signed in, whether they may change things. */
@ControllerAdvice(annotations = Controller.class)
class ConsoleModel {

	@ModelAttribute("userName")
	String userName(Authentication authentication) {
		return CurrentUser.name(authentication);
	}

	@ModelAttribute("admin")
	boolean admin(Authentication authentication) {
		return CurrentUser.isAdmin(authentication);
	}

	@ModelAttribute("path")
	String path(HttpServletRequest request) {
		return request.getRequestURI();
	}

}
