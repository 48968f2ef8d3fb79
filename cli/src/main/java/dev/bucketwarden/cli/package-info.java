/** The command line: scans local files through the same engine chain the agents use. */
package dev.bucketwarden.cli;
