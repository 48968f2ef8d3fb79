package dev.bucketwarden.console.buckets;

/**
 * Connects a protected bucket to the scanning agents: the bucket's event notification
 * configuration, in AWS and in the local stack (whose S3 event relay answers the same
 * API). Both operations are idempotent.
 */
interface BucketWiring {

	void protect(String bucket);

	void unprotect(String bucket);

	/**
	 * No notification target configured: protection is the settings alone, and events
	 * must reach the scan queue some other way (EventBridge rules, notifications made
	 * outside BucketWarden).
	 */
	BucketWiring NONE = new BucketWiring() {

		@Override
		public void protect(String bucket) {
		}

		@Override
		public void unprotect(String bucket) {
		}

	};

}
