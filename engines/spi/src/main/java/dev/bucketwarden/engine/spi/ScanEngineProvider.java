package dev.bucketwarden.engine.spi;

/**
 * Creates engines of one kind. Registered in {@code META-INF/services} for
 * {@link java.util.ServiceLoader}, or declared as a bean; see {@link ScanEngineRegistry}.
 */
public interface ScanEngineProvider {

	/** The engine id, such as {@code clamav}: lower case, unique among providers. */
	String id();

	/**
	 * A new engine configured from the given settings; fails fast on invalid settings.
	 */
	ScanEngine create(EngineSettings settings);

}
