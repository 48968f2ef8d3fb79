package dev.bucketwarden.bench.chaos.api;

/**
 * One request of the run and its answer.
 *
 * @param request what was sent
 * @param answer what came back
 * @param startedNanos when it was sent ({@link System#nanoTime()})
 * @param millis how long it took
 */
record Exchange(PlannedRequest request, Answer answer, long startedNanos, long millis) {

	/** The outcome's name in the run's table. */
	String outcome() {
		if (this.request.disconnects()) {
			return "disconnected mid-body";
		}
		if (!this.answer.answered()) {
			return "no answer";
		}
		String result = this.answer.result();
		return this.answer.status() + ((result != null) ? " " + result : "");
	}

	@Override
	public String toString() {
		return this.request + " -> " + this.answer;
	}

}
