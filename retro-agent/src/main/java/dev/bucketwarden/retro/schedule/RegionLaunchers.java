package dev.bucketwarden.retro.schedule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * Where a scheduled job runs: a schedule of the scheduler's own region (or of no region)
 * runs here, in the scheduler's process, with its queue and task; a schedule of a further
 * region runs with that region's launcher ({@code bucketwarden.retro.regions}).
 */
public final class RegionLaunchers {

	private final String home;

	private final Map<String, RegionLauncher> further;

	/**
	 * @param home the scheduler's own region
	 * @param further the launcher of each further region, by name
	 */
	public RegionLaunchers(String home, Map<String, RegionLauncher> further) {
		this.home = home;
		this.further = Map.copyOf(further);
	}

	/**
	 * The launchers of the configured further regions.
	 * @param home the scheduler's own region
	 * @param launcher makes a region's launcher
	 */
	public static RegionLaunchers of(String home, List<ScheduleProperties.Region> regions,
			Function<ScheduleProperties.Region, RegionLauncher> launcher) {
		Map<String, RegionLauncher> further = new LinkedHashMap<>();
		for (ScheduleProperties.Region region : regions) {
			if (!region.name().equals(home)) {
				further.put(region.name(), launcher.apply(region));
			}
		}
		return new RegionLaunchers(home, further);
	}

	/** A region's launcher of local processes (see {@link LocalRegionLauncher}). */
	public static RegionLauncher local(ScheduleProperties.Region region, String heap, List<String> inherited,
			@Nullable String logDirectory, Class<?> mainClass) {
		return new LocalRegionLauncher(region, heap, inherited, logDirectory, mainClass);
	}

	/** A region's launcher of ECS tasks (see {@link EcsRegionLauncher}). */
	public static RegionLauncher ecs(ScheduleProperties.Region region, EcsClient ecs) {
		if (!region.ecs().complete()) {
			// The region's subnets are known only once its stack is deployed: the
			// scheduler
			// starts, and that region's jobs fail with the reason until they are set.
			return (jobId) -> {
				throw new IllegalStateException("bucketwarden.retro.regions[" + region.name()
						+ "].ecs needs cluster, task-definition and subnets");
			};
		}
		return new EcsRegionLauncher(region.name(), ecs, region.ecs());
	}

	/**
	 * The launcher of a schedule's region.
	 * @param region the schedule's region, or {@code null} for the scheduler's own
	 * @return empty when the job runs here
	 * @throws IllegalStateException for a region the scheduler has no settings of
	 */
	public Optional<RegionLauncher> of(@Nullable String region) {
		if (region == null || region.equals(this.home)) {
			return Optional.empty();
		}
		RegionLauncher launcher = this.further.get(region);
		if (launcher == null) {
			throw new IllegalStateException("The scheduler in " + this.home + " has no settings of region " + region
					+ " (bucketwarden.retro.regions): the job was not run");
		}
		return Optional.of(launcher);
	}

}
