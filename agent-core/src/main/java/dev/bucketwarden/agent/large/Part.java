package dev.bucketwarden.agent.large;

/**
 * One unit of work of a large-object scan: a byte range of the pinned version that one
 * worker fetches and scans on its own. Parts travel on the large-object queue as text
 * ({@link PartCodec}).
 */
public sealed interface Part permits Window, MemberRun, Sequential, Refusal {

	/** The part's place in its plan, from 0: the job counts parts done by it. */
	int index();

	/** The first byte the part reads. */
	long start();

	/** One past the last byte the part reads. */
	long end();

	default long length() {
		return end() - start();
	}

}
