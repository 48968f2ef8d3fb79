/** The command line: scans local files through the same engine chain the agents use. */
@NullMarked
package dev.bucketwarden.cli;

import org.jspecify.annotations.NullMarked;
