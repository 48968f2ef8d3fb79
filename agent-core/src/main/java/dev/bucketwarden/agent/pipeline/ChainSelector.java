package dev.bucketwarden.agent.pipeline;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.bucketwarden.engine.chain.ChainMember;
import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.engine.chain.EngineResult;
import dev.bucketwarden.engine.chain.ScanReport;
import dev.bucketwarden.engine.spi.EngineInfo;
import dev.bucketwarden.engine.spi.ErrorKind;
import dev.bucketwarden.engine.spi.Verdict;
import dev.bucketwarden.store.settings.BucketConfiguration;

/**
 * The chain that scans a bucket's objects. A bucket's settings may name engine ids in
 * order ({@link dev.bucketwarden.store.settings.BucketRules#engines()}): those of the
 * agent's configured chain run, in that order, each with its configured required flag and
 * time limit, under the agent's policy. An empty list is the agent's chain. When none of
 * the named engines is required they all are: a bucket that names its engines must not
 * get Clean because every one of them failed. An id the agent does not run selects no
 * chain but an Error: scanning with fewer engines than the bucket asks for could say
 * Clean for content they were meant to see.
 * <p>
 * Selections are built from the configured chain's members and kept per distinct list (a
 * few at most, one per bucket configuration), so engines and their connections are shared
 * and building one opens nothing. Thread-safe.
 */
public final class ChainSelector {

	/** More distinct lists than buckets anyone protects with their own chain. */
	static final int MAX_CACHED = 64;

	private final EngineChain chain;

	private final Selection.Selected all;

	private final Map<String, ChainMember> members;

	private final Map<List<String>, Selection> cache = new LinkedHashMap<>(16, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<List<String>, Selection> eldest) {
			return size() > MAX_CACHED;
		}

	};

	public ChainSelector(EngineChain chain) {
		this.chain = chain;
		this.all = new Selection.Selected(chain);
		this.members = chain.members()
			.stream()
			.collect(Collectors.toMap((member) -> member.engine().id(), (member) -> member, (first, second) -> first,
					LinkedHashMap::new));
	}

	/** The agent's configured chain, for scans that belong to no bucket. */
	public EngineChain defaultChain() {
		return this.chain;
	}

	/**
	 * The chain for a bucket's engine list.
	 * @param engineIds engine ids in order; empty for the agent's chain
	 */
	public Selection select(List<String> engineIds) {
		if (engineIds.isEmpty()) {
			return this.all;
		}
		List<String> ids = List.copyOf(engineIds);
		synchronized (this.cache) {
			return this.cache.computeIfAbsent(ids, this::build);
		}
	}

	/** The chain for a bucket, from the engine list of its rules. */
	public Selection select(BucketConfiguration bucket) {
		return select(bucket.rules().engines());
	}

	/** How many selections are kept. */
	int cached() {
		synchronized (this.cache) {
			return this.cache.size();
		}
	}

	private Selection build(List<String> engineIds) {
		List<String> ids = engineIds.stream().distinct().toList();
		List<String> unknown = ids.stream().filter((id) -> !this.members.containsKey(id)).toList();
		if (!unknown.isEmpty()) {
			return new Selection.NotConfigured(unknown, notConfigured(unknown));
		}
		List<ChainMember> selected = ids.stream().map(this.members::get).toList();
		if (selected.stream().noneMatch(ChainMember::required)) {
			selected = selected.stream()
				.map((member) -> new ChainMember(member.engine(), true, member.timeout()))
				.toList();
		}
		if (selected.equals(this.chain.members())) {
			return this.all;
		}
		return new Selection.Selected(this.chain.withMembers(selected));
	}

	private String notConfigured(List<String> unknown) {
		String names = unknown.stream().map((id) -> "'" + id + "'").collect(Collectors.joining(", "));
		return ((unknown.size() == 1) ? "engine " + names + " (bucket settings) is not"
				: "engines " + names + " (bucket settings) are not") + " configured on this agent, which runs "
				+ String.join(", ", this.members.keySet());
	}

	/** A bucket's chain, or why there is none. */
	public sealed interface Selection {

		/**
		 * The chain to scan with.
		 *
		 * @param chain the agent's chain or a selection of its members
		 */
		record Selected(EngineChain chain) implements Selection {
		}

		/**
		 * The bucket names engines this agent does not run: the scan is an Error that
		 * retrying cannot fix, until the bucket's settings or the agent's chain change.
		 *
		 * @param engineIds the ids the agent does not run
		 * @param reason why, for the record
		 */
		record NotConfigured(List<String> engineIds, String reason) implements Selection {

			/**
			 * The report of a scan that did not run: a configuration Error, with each
			 * missing engine as a required one that failed (so the record and the
			 * {@code scan-engines} tag name it: {@code sophos:Error}).
			 */
			public ScanReport report() {
				Verdict.Error error = new Verdict.Error(ErrorKind.CONFIGURATION, this.reason, null);
				return new ScanReport(error,
						this.engineIds.stream()
							.map((id) -> new EngineResult(id, true, error, Duration.ZERO, EngineInfo.unknown(id)))
							.toList(),
						0, Duration.ZERO);
			}

		}

	}

}
