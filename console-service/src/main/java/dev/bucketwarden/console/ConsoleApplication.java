package dev.bucketwarden.console;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The BucketWarden console. It reads and writes settings and reads results; it scans
 * nothing itself, so agent-core's pipeline (engines, chain) is not wired here.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ConsoleApplication {

	public static void main(String[] args) {
		SpringApplication.run(ConsoleApplication.class, args);
	}

}
