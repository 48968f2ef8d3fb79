/**
 * The retro agent's own settings ({@code bucketwarden.retro}): its jobs table, queue and
 * crawl and worker limits, read by the crawler, the workers and the command line alike.
 */
@NullMarked
package dev.bucketwarden.retro.settings;

import org.jspecify.annotations.NullMarked;
