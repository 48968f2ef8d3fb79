package dev.bucketwarden.agent.remediation;

import dev.bucketwarden.agent.storage.ObjectInfo;

/**
 * Whether a quarantine copy is the object it was copied from, checked before the original
 * is deleted. The sizes must agree, and the ETags too unless either side was stored in
 * parts: a multipart ETag depends on the part sizes, not on the content alone.
 */
final class CopyVerification {

	private CopyVerification() {
	}

	static boolean matches(ObjectInfo original, ObjectInfo copy) {
		if (copy.size() != original.size()) {
			return false;
		}
		boolean multipart = original.eTag().contains("-") || copy.eTag().contains("-");
		return multipart || copy.eTag().equals(original.eTag());
	}

}
