package dev.bucketwarden.eventagent.intake;

import java.util.List;

import dev.bucketwarden.agent.request.ScanTarget;

/** What a scan queue message turned out to be. */
sealed interface Envelope permits Envelope.Targets, Envelope.Ignored, Envelope.Poison {

	/** Objects to scan (one or many records). */
	record Targets(List<ScanTarget> targets) implements Envelope {

		public Targets {
			targets = List.copyOf(targets);
		}

	}

	/**
	 * Nothing to scan, on purpose: S3's test event, or events that are not object
	 * creations.
	 */
	record Ignored(String reason) implements Envelope {
	}

	/** Not a message this queue should ever hold: goes to the dead-letter queue. */
	record Poison(String reason) implements Envelope {
	}

}
