package dev.bucketwarden.apiagent;

import java.net.http.HttpClient;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the API agent's HTTP tests share: the agent on a random port of 127.0.0.1 pointed
 * at the one {@link ApiTestStack} of the test JVM, and a client to call it. Subclasses
 * declare their own {@code @SpringBootTest} (with their extra properties). A test that
 * must replace one of the stack's properties registers them all itself: of two
 * {@code @DynamicPropertySource} methods in a hierarchy, the superclass's value won when
 * tried.
 */
abstract class ApiAgentHttpTests {

	protected final ApiTestStack stack = ApiTestStack.get();

	protected final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	protected int port;

	@DynamicPropertySource
	static void stack(DynamicPropertyRegistry registry) {
		ApiTestStack.get().properties().forEach((key, value) -> registry.add(key, () -> value));
	}

}
