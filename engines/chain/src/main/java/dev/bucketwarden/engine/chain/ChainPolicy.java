package dev.bucketwarden.engine.chain;

/** Whether the chain goes on after an engine found something. */
public enum ChainPolicy {

	/**
	 * Stop at the first infected verdict: the object is infected whatever the others say.
	 */
	STOP_AT_FIRST_INFECTED,

	/** Run every engine, so that findings record what each engine thinks. */
	RUN_ALL

}
