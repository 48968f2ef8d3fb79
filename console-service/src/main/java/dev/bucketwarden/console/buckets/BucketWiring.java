package dev.bucketwarden.console.buckets;

/**
 * Connects a protected bucket to the scanning agents. In AWS this is the bucket's event
 * notification configuration; in the local stack the S3 event relay does it for every
 * bucket it protects, so there is nothing to wire.
 */
interface BucketWiring {

	void protect(String bucket);

	void unprotect(String bucket);

	/** Local stack: events come from the relay; protection is the settings alone. */
	BucketWiring NONE = new BucketWiring() {

		@Override
		public void protect(String bucket) {
		}

		@Override
		public void unprotect(String bucket) {
		}

	};

}
