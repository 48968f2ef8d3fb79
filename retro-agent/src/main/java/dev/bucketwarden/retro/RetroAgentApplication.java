package dev.bucketwarden.retro;

import java.util.List;
import java.util.Map;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

import dev.bucketwarden.retro.cli.CommandLine;
import dev.bucketwarden.retro.cli.RetroCommands;

/**
 * The retro agent: {@code java -jar retro-agent.jar COMMAND [options]}. One jar, several
 * roles: the command line that starts, watches and cancels jobs (and crawls them), a
 * worker, and the scheduler; see {@link RetroCommands#run}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RetroAgentApplication {

	public static void main(String[] args) {
		CommandLine line;
		try {
			line = CommandLine.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		System.exit(run(line));
	}

	/** Runs a command in a context of its own; returns the exit code. */
	public static int run(CommandLine line) {
		SpringApplication application = new SpringApplication(RetroAgentApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.addInitializers((context) -> context.getBeanFactory()
			.registerSingleton("inheritedArguments", new RetroAgentConfiguration.InheritedArguments(line.inherited())));
		boolean quiet = List.of("start", "status", "watch", "cancel").contains(line.command());
		String[] settings = line.settings().toArray(String[]::new);
		if (quiet) {
			application.setBannerMode(Banner.Mode.OFF);
			application.setLogStartupInfo(false);
			// The command line shows progress, not the agent's start-up; workers it
			// starts
			// log in full.
			application.setDefaultProperties(
					Map.of("logging.level.root", "WARN", "logging.level.dev.bucketwarden.agent.config", "ERROR"));
		}
		try (ConfigurableApplicationContext context = application.run(settings)) {
			return context.getBean(RetroCommands.class).run(line);
		}
	}

}
