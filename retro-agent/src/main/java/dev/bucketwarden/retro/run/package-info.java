/**
 * Running one retro job from start to end: crawl its buckets (or walk its directory),
 * launch the workers its queue needs, and wait until it is done; what the console's
 * {@code run JOB} and the scheduler start.
 */
@NullMarked
package dev.bucketwarden.retro.run;

import org.jspecify.annotations.NullMarked;
