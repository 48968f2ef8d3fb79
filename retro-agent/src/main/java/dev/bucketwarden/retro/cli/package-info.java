/** The retro agent's command line: start, watch, status and cancel jobs; run a worker. */
package dev.bucketwarden.retro.cli;
