package dev.bucketwarden.bench.chaos;

import java.nio.file.Path;
import java.util.List;

/**
 * What every part of {@code bin/chaos} shares.
 *
 * @param shortRun {@code --short}: a few hundred objects and every fault kind once, the
 * mode {@code bin/test} runs (under 3 minutes)
 * @param seed {@code --seed}: the fault schedule's and the load's random seed, printed so
 * a run can be repeated
 * @param workDir where the run's servers, agents and logs keep their files
 * @param parts {@code --only event|api}: the parts to run, by default both
 * @param rest the options a part parses itself ({@code --name value} pairs)
 */
public record ChaosOptions(boolean shortRun, long seed, Path workDir, List<String> parts, List<String> rest) {

	public ChaosOptions {
		parts = List.copyOf(parts);
		rest = List.copyOf(rest);
	}

	public boolean runs(String part) {
		return this.parts.contains(part);
	}

}
