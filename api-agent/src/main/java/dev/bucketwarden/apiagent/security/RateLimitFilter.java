package dev.bucketwarden.apiagent.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 429 with {@code Retry-After} (seconds) when the calling client has used up its
 * bucket. It runs after the token is checked and the call authorized, so the key is the
 * token's subject (for client-credentials tokens the client id), which a caller cannot
 * choose without a valid token; open paths (health) are not limited.
 */
class RateLimitFilter extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(RateLimitFilter.class);

	private final ClientRateLimiter limiter;

	RateLimitFilter(ClientRateLimiter limiter) {
		this.limiter = limiter;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof Jwt token) {
			String client = (token.getSubject() != null) ? token.getSubject() : token.getClaimAsString("client_id");
			long retryAfter = this.limiter.acquire(String.valueOf(client));
			if (retryAfter > 0) {
				logger.warn("Rate limit: refusing {} {} of client {} for {} s", request.getMethod(),
						request.getRequestURI(), client, retryAfter);
				response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
				response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
				response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
				response.getWriter()
					.write("{\"status\":429,\"title\":\"Too Many Requests\",\"detail\":\"Slow down: try again in "
							+ retryAfter + " s\",\"requestId\":\"" + MDC.get("requestId") + "\"}");
				return;
			}
		}
		chain.doFilter(request, response);
	}

}
