/**
 * Tag drift: whether an object's result tags still say what its scan record says. Tags
 * are writable by anyone with {@code s3:PutObjectTagging}; the results table is written
 * only by the agents. A drift check compares the two and reports where they disagree (a
 * forged Clean, a removed Infected); it changes nothing.
 */
@NullMarked
package dev.bucketwarden.agent.drift;

import org.jspecify.annotations.NullMarked;
