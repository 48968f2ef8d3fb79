package dev.bucketwarden.local.faults;

import java.time.Instant;

/**
 * One fault a {@link FaultProxy} injected: when, by which proxy, into which request.
 *
 * @param at when the fault was decided (before the request was forwarded, if it was)
 * @param proxy the name the proxy was started with
 * @param operation the request's operation
 * @param kind the fault
 * @param requestLine the request line, such as {@code GET /bucket/key HTTP/1.1}
 */
public record InjectedFault(Instant at, String proxy, AwsOperation operation, FaultKind kind, String requestLine) {

	/** The line the proxy logs and appends to its fault log. */
	public String logLine() {
		return this.at + " proxy=" + this.proxy + " operation=" + this.operation + " fault=" + this.kind + " request=\""
				+ this.requestLine + "\"";
	}

}
