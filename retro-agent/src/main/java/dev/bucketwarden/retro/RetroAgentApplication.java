package dev.bucketwarden.retro;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The retro agent: {@code java -jar retro-agent.jar COMMAND [options]}. One jar, several
 * roles: the crawler of a job, a worker, the scheduler, and the command line that starts,
 * watches and cancels jobs (see {@code RetroCommand}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RetroAgentApplication {

	public static void main(String[] args) {
		SpringApplication.run(RetroAgentApplication.class, args);
	}

}
