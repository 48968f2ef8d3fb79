package dev.bucketwarden.engine.spi;

import java.util.Set;

/** A configuration names an engine no provider on the classpath offers. */
public class UnknownEngineException extends IllegalArgumentException {

	public UnknownEngineException(String id, Set<String> available) {
		super("Unknown scan engine '" + id + "'. Available engines: " + available
				+ ". Check the engine id in the configuration, or add the engine's module (engines/" + id
				+ ") to the service's dependencies.");
	}

}
