package dev.bucketwarden.apiagent.scan;

import java.util.ArrayList;
import java.util.List;

import dev.bucketwarden.store.results.RemediationState;
import dev.bucketwarden.store.results.ScanRecord;

/**
 * What the pipeline could not do after the verdict of an on-demand scan. A verdict whose
 * tags or remediation were denied or failed is not the whole answer: readers that trust
 * the tags see no result (or none for this content), and an infected object may still be
 * where it was. The API then answers 424 (Failed Dependency) with the verdict and this
 * list, never 200: a client that checks only the status cannot take it for a plain Clean,
 * and the verdict is still there for one that reads on.
 */
final class NotDone {

	private NotDone() {
	}

	static List<String> of(ScanRecord record) {
		List<String> notDone = new ArrayList<>();
		if (record.tagging() != null) {
			switch (record.tagging()) {
				case FAILED -> notDone.add("tags: writing the result tags was denied or failed");
				case MAX_TAG_LIMIT_EXCEEDED ->
					notDone.add("tags: none written, the object's own tags fill S3's limit of 10");
				case SUPERSEDED -> notDone.add("tags: not written, the object changed before tagging");
				case TAGGED, PARTIAL, DISABLED -> {
				}
			}
		}
		if (record.remediation() == RemediationState.PENDING) {
			notDone.add("remediation: decided but not done (denied or failed)");
		}
		else if (record.remediation() == RemediationState.SUPERSEDED) {
			notDone.add("remediation: not done, the object changed before it");
		}
		return notDone;
	}

}
