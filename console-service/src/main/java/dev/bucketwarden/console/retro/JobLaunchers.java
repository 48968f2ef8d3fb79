package dev.bucketwarden.console.retro;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.bucketwarden.console.regions.ConsoleRegions;

/**
 * The launcher of each region with agents: a job of a region's buckets runs with that
 * region's retro queue and task (its crawler and workers are the region's), while its
 * record stays in the central jobs table, so its progress shows here.
 */
public final class JobLaunchers {

	private final @Nullable String home;

	private final JobLauncher homeLauncher;

	private final Map<String, JobLauncher> further;

	/**
	 * @param home the console's region, or {@code null} for one launcher for every region
	 * @param homeLauncher its launcher
	 * @param further the launchers of the further regions
	 */
	public JobLaunchers(@Nullable String home, JobLauncher homeLauncher, Map<String, JobLauncher> further) {
		this.home = home;
		this.homeLauncher = homeLauncher;
		this.further = Map.copyOf(new LinkedHashMap<>(further));
	}

	/** One launcher, whatever the region (a deployment of one region). */
	public static JobLaunchers single(JobLauncher launcher) {
		return new JobLaunchers(null, launcher, Map.of());
	}

	/**
	 * @throws IllegalStateException for a region without agents
	 */
	public JobLauncher of(String region) {
		if (this.home == null || this.home.equals(region)) {
			return this.homeLauncher;
		}
		JobLauncher launcher = this.further.get(region);
		if (launcher == null) {
			throw new IllegalStateException(ConsoleRegions.noAgents(region));
		}
		return launcher;
	}

	/** For the page: how jobs are run, per region when there are several. */
	public String describe() {
		if (this.further.isEmpty()) {
			return this.homeLauncher.describe();
		}
		return this.home + ": " + this.homeLauncher.describe() + "; "
				+ this.further.entrySet()
					.stream()
					.map((entry) -> entry.getKey() + ": " + entry.getValue().describe())
					.collect(Collectors.joining("; "));
	}

}
