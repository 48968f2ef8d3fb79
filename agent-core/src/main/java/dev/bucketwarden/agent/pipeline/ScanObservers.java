package dev.bucketwarden.agent.pipeline;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.store.settings.Remediation;

/**
 * Tells every observer, each in turn; one that throws is logged and the others are still
 * told, so a broken metric never fails or repeats a scan whose verdict is recorded.
 */
final class ScanObservers implements ScanObserver {

	private static final Logger logger = LoggerFactory.getLogger(ScanObservers.class);

	private final List<ScanObserver> observers;

	ScanObservers(List<ScanObserver> observers) {
		this.observers = List.copyOf(observers);
	}

	@Override
	public void verdict(FinalVerdict verdict) {
		for (ScanObserver observer : this.observers) {
			try {
				observer.verdict(verdict);
			}
			catch (RuntimeException ex) {
				logger.warn("Observer {} failed on the verdict of {}: {}", observer.getClass().getSimpleName(),
						verdict.target().describe(), ex.toString());
			}
		}
	}

	@Override
	public void remediation(Remediation action, RemediationOutcome outcome) {
		for (ScanObserver observer : this.observers) {
			try {
				observer.remediation(action, outcome);
			}
			catch (RuntimeException ex) {
				logger.warn("Observer {} failed on a remediation: {}", observer.getClass().getSimpleName(),
						ex.toString());
			}
		}
	}

}
