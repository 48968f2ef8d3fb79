package dev.bucketwarden.agent.pipeline;

import dev.bucketwarden.store.settings.Remediation;

/**
 * Told what the pipeline did, for metrics and the verdict log. Called on the scanning
 * thread, so an observer must be quick and must not throw: what it records is a view of
 * the work, never part of it.
 */
public interface ScanObserver {

	/** Observes nothing. */
	ScanObserver NONE = new ScanObserver() {
	};

	/** A verdict is final (once per verdict, whichever way the request came in). */
	default void verdict(FinalVerdict verdict) {
	}

	/**
	 * A remediation ended, or failed and will be tried again.
	 * @param action what the bucket asks for
	 * @param outcome how it ended
	 */
	default void remediation(Remediation action, RemediationOutcome outcome) {
	}

	/** How a remediation ended. */
	enum RemediationOutcome {

		/** Quarantined, deleted or kept as the bucket asks. */
		DONE,
		/** Not done: the object changed or vanished first. */
		SUPERSEDED,
		/** It failed; the request is tried again. */
		FAILED

	}

}
