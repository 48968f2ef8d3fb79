/** Cross-cutting web concerns: request ids in logs, problem details for refusals. */
package dev.bucketwarden.apiagent.web;
