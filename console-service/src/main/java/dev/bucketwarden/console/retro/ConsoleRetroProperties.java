package dev.bucketwarden.console.retro;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.bucketwarden.jobs.launch.EcsTaskSettings;

/**
 * Retro scans from the console ({@code bucketwarden.console.retro}).
 *
 * @param jobsTable the retro agent's jobs table ({@code bucketwarden.retro.jobs-table})
 * @param launcher how a started job's retro agent is run: {@code LOCAL} a process of the
 * retro agent's jar, {@code ECS} a task of its task definition, {@code NONE} only the
 * record (someone runs {@code retro-agent.jar run JOB})
 * @param local settings of the local process
 * @param ecs settings of the ECS task (as the retro agent's
 * {@code bucketwarden.retro.launcher.ecs})
 * @param stalledAfter a crawling job whose crawler has not said it is alive (the retro
 * agent's {@code crawl.heartbeat} is 30 s; a launched task may take a few minutes to
 * start), or a scanning job none of whose objects has got its result, for this long is
 * shown as stopped or stalled, and may be resumed
 */
@Validated
@ConfigurationProperties("bucketwarden.console.retro")
public record ConsoleRetroProperties(@NotBlank @DefaultValue("bucketwarden-jobs") String jobsTable,
		@NotNull @DefaultValue("NONE") LauncherType launcher, @Valid @DefaultValue Local local,
		@Valid @DefaultValue EcsTaskSettings ecs, @NotNull @DefaultValue("5m") Duration stalledAfter) {

	public enum LauncherType {

		LOCAL, ECS, NONE

	}

	/**
	 * @param jar the retro agent's executable jar
	 * @param java the java command, or unset for this JVM's
	 * @param heap the retro agent's maximum heap
	 * @param arguments its settings (for the local stack {@code --stack FILE}); its
	 * workers inherit them
	 * @param logDirectory where its output goes, or unset to discard it
	 */
	public record Local(Path jar, String java, @NotBlank @DefaultValue("256m") String heap,
			@DefaultValue List<String> arguments, Path logDirectory) {
	}

}
