/**
 * Tests of the engine chain wired as the agents wire it: every engine together, and a
 * chain that mixes healthy and failing engines.
 */
@NullMarked
package dev.bucketwarden.agent.chain;

import org.jspecify.annotations.NullMarked;
