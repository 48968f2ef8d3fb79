package dev.bucketwarden.engine.spi;

import java.util.Collection;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The engine providers that are available, by id. Built from {@link ServiceLoader} (plain
 * Java) or from providers that a Spring context holds as beans; either way an unknown id
 * fails fast with the list of ids that do exist.
 */
public final class ScanEngineRegistry {

	private final Map<String, ScanEngineProvider> providers;

	private ScanEngineRegistry(Map<String, ScanEngineProvider> providers) {
		this.providers = providers;
	}

	/**
	 * The providers registered in {@code META-INF/services} on the given class loader.
	 */
	public static ScanEngineRegistry load(ClassLoader classLoader) {
		return of(ServiceLoader.load(ScanEngineProvider.class, classLoader)
			.stream()
			.map(ServiceLoader.Provider::get)
			.toList());
	}

	/** The providers registered in {@code META-INF/services} on this class's loader. */
	public static ScanEngineRegistry load() {
		return load(ScanEngineRegistry.class.getClassLoader());
	}

	/** The given providers, for example Spring beans. */
	public static ScanEngineRegistry of(Collection<? extends ScanEngineProvider> providers) {
		Map<String, ScanEngineProvider> byId = new TreeMap<>();
		for (ScanEngineProvider provider : providers) {
			ScanEngineProvider previous = byId.putIfAbsent(provider.id(), provider);
			if (previous != null && previous.getClass() != provider.getClass()) {
				throw new IllegalStateException("Two scan engine providers claim the id '" + provider.id() + "': "
						+ previous.getClass().getName() + " and " + provider.getClass().getName());
			}
		}
		return new ScanEngineRegistry(Map.copyOf(byId));
	}

	public Set<String> ids() {
		return new TreeSet<>(this.providers.keySet());
	}

	public ScanEngineProvider provider(String id) {
		ScanEngineProvider provider = this.providers.get(id);
		if (provider == null) {
			throw new UnknownEngineException(id, ids());
		}
		return provider;
	}

	/** Creates the engine with the given id. */
	public ScanEngine create(String id, EngineSettings settings) {
		return provider(id).create(settings);
	}

}
