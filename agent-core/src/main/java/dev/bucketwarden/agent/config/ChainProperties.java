package dev.bucketwarden.agent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.bucketwarden.engine.chain.ChainPolicy;

/**
 * The engine chain ({@code bucketwarden.chain}).
 *
 * @param engines engines in the order they run; required unless
 * {@code members.<id>.required=false}
 * @param optionalEngines engines whose errors do not decide the verdict, after those of
 * {@code engines} (the same as listing them there with {@code required=false})
 * @param policy stop at the first infected verdict or run all engines
 * @param engineTimeout how long one engine may take for one object, unless its member
 * settings say otherwise
 * @param spoolDirectory where content is spooled when several engines read it (default:
 * temp)
 * @param members per-engine chain settings by engine id
 */
@Validated
@ConfigurationProperties("bucketwarden.chain")
public record ChainProperties(@NotEmpty @DefaultValue("clamav") List<String> engines,
		@DefaultValue List<String> optionalEngines, @DefaultValue("STOP_AT_FIRST_INFECTED") ChainPolicy policy,
		@DefaultValue("10m") Duration engineTimeout, Path spoolDirectory, @DefaultValue Map<String, Member> members) {

	public ChainProperties {
		engines = List.copyOf(engines);
		optionalEngines = List.copyOf(optionalEngines);
		members = Map.copyOf(members);
		Set<String> seen = new HashSet<>();
		for (String id : ordered(engines, optionalEngines)) {
			if (!seen.add(id)) {
				throw new IllegalArgumentException("Engine '" + id + "' is listed twice in bucketwarden.chain");
			}
		}
		for (String id : members.keySet()) {
			if (!seen.contains(id)) {
				throw new IllegalArgumentException("bucketwarden.chain.members." + id
						+ " is about an engine the chain does not run; engines: " + seen);
			}
		}
		if (engineTimeout == null || engineTimeout.isNegative() || engineTimeout.isZero()) {
			throw new IllegalArgumentException("bucketwarden.chain.engine-timeout must be positive");
		}
		Map<String, Member> byId = members;
		if (engines.stream().noneMatch((id) -> byId.getOrDefault(id, Member.DEFAULT).required())) {
			throw new IllegalArgumentException("bucketwarden.chain needs at least one required engine");
		}
	}

	/** Every engine in chain order, with its effective settings. */
	public List<Entry> chain() {
		List<Entry> chain = new ArrayList<>();
		for (String id : this.engines) {
			Member member = this.members.getOrDefault(id, Member.DEFAULT);
			chain.add(new Entry(id, member.required(), member.timeout()));
		}
		for (String id : this.optionalEngines) {
			chain.add(new Entry(id, false, this.members.getOrDefault(id, Member.DEFAULT).timeout()));
		}
		return chain;
	}

	private static List<String> ordered(List<String> engines, List<String> optionalEngines) {
		List<String> all = new ArrayList<>(engines);
		all.addAll(optionalEngines);
		return all;
	}

	/**
	 * One engine's place in the chain ({@code bucketwarden.chain.members.<id>}).
	 *
	 * @param required whether the verdict depends on it: an optional engine's error is
	 * recorded and shown, but does not make the verdict an error
	 * @param timeout its time limit per object, or unset for {@code engine-timeout}
	 */
	public record Member(@DefaultValue("true") boolean required, Duration timeout) {

		static final Member DEFAULT = new Member(true, null);

		public Member {
			if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
				throw new IllegalArgumentException("an engine's timeout must be positive");
			}
		}

	}

	/**
	 * An engine of the chain with its effective settings.
	 *
	 * @param id the engine id
	 * @param required whether it is required
	 * @param timeout its own time limit, or {@code null} for the chain's
	 */
	public record Entry(String id, boolean required, Duration timeout) {
	}

}
