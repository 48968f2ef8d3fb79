package dev.bucketwarden.eventagent.intake;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The event agent's queue handling ({@code bucketwarden.event-agent}).
 *
 * @param queue the scan queue's name or URL
 * @param maxAttempts deliveries before the queue's redrive policy dead-letters a message;
 * keep it equal to the redrive policy's maxReceiveCount, so the last attempt records its
 * failure
 * @param concurrency messages in flight at once; keep it at the engines' capacity
 * (clamd's MaxThreads) so the queue, not memory, holds the backlog
 * @param visibilityTimeout how long a received message stays invisible; extended while a
 * scan runs longer
 * @param retryBackoffInitial visibility after the first failed attempt, doubled each
 * attempt
 * @param retryBackoffMax the longest retry backoff
 * @param shutdownTimeout how long shutdown waits for scans in flight
 * @param pauseIntake whether to stop receiving while the engines cannot give verdicts, so
 * messages keep their attempts through an engine restart (see {@link PauseIntake})
 */
@Validated
@ConfigurationProperties("bucketwarden.event-agent")
public record EventAgentProperties(@NotBlank String queue, @Min(1) @DefaultValue("5") int maxAttempts,
		@Min(1) @DefaultValue("8") int concurrency, @DefaultValue("60s") Duration visibilityTimeout,
		@DefaultValue("5s") Duration retryBackoffInitial, @DefaultValue("5m") Duration retryBackoffMax,
		@DefaultValue("10m") Duration shutdownTimeout, @DefaultValue("NEVER") PauseIntake pauseIntake) {
}
