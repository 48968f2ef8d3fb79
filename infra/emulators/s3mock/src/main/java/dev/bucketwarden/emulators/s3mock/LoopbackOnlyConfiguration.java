package dev.bucketwarden.emulators.s3mock;

import java.util.List;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs inside the S3Mock child JVM, added with {@code --spring.main.sources}. S3Mock adds
 * a second Tomcat connector for plain HTTP that binds to every interface, whatever
 * {@code server.address} says. The local stack serves plain HTTP from the main connector
 * instead ({@code server.ssl.enabled=false}, {@code server.address=127.0.0.1}), which
 * also carries S3Mock's URL customisations, so this removes the extra connector. It also
 * adds the {@code x-amz-tagging-count} header S3Mock leaves out ({@link TagCountHeader}),
 * and keeps a repeated delete of one version from deleting another
 * ({@link GoneVersionDelete}). Nothing registers this class anywhere else: on a test
 * classpath it is inert.
 */
@Configuration(proxyBeanMethods = false)
public class LoopbackOnlyConfiguration {

	/** Adds {@code x-amz-tagging-count} as AWS S3 sends it ({@link TagCountHeader}). */
	@Bean
	static TagCountHeader tagCountHeader() {
		return new TagCountHeader();
	}

	/**
	 * Answers 204 to a delete of a version already gone, as AWS S3 does
	 * ({@link GoneVersionDelete}).
	 */
	@Bean
	static GoneVersionDelete goneVersionDelete() {
		return new GoneVersionDelete();
	}

	@Bean
	static WebServerFactoryCustomizer<TomcatServletWebServerFactory> withoutAdditionalConnectors() {
		return (factory) -> factory.setAdditionalConnectors(List.of());
	}

}
