/** Cross-cutting web concerns: request ids in logs, problem details for refusals. */
@NullMarked
package dev.bucketwarden.apiagent.web;

import org.jspecify.annotations.NullMarked;
