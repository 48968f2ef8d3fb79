/** The retro agent's command line: start, watch, status and cancel jobs; run a worker. */
@NullMarked
package dev.bucketwarden.retro.cli;

import org.jspecify.annotations.NullMarked;
