/**
 * What operators see and hear: the alarm topic with its e-mail subscription, the agents'
 * scan metrics in CloudWatch (named in one class) and the alarms on them, the dashboard,
 * and the backlog-per-task autoscaling of the event agents.
 */
@NullMarked
package dev.bucketwarden.infra.aws.monitoring;

import org.jspecify.annotations.NullMarked;
