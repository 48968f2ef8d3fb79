/**
 * Starting the retro agent's processes for a job, one way for every caller: ECS Fargate
 * tasks of its task definition (RunTask, at most ten per call) in AWS, or local processes
 * on a laptop. The console starts a job's runner ({@code run JOB}) with them, and the
 * runner its workers ({@code worker --job JOB}); what differs is only the command.
 */
@NullMarked
package dev.bucketwarden.jobs.launch;

import org.jspecify.annotations.NullMarked;
