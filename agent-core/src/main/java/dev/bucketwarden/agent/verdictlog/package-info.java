/**
 * One structured log line per final verdict, from every agent, under its own logger name
 * ({@code bucketwarden.verdicts}) so it can be routed or kept apart: the fields
 * CloudWatch Logs Insights and SIEM tools query (docs/operations.md gives the queries).
 */
@org.jspecify.annotations.NullMarked
package dev.bucketwarden.agent.verdictlog;
