/**
 * The architecture test: the boundaries between engines, the pipeline, the agents, the
 * console and the data model, and the absence of package cycles, checked on the
 * production classes of every module.
 */
@NullMarked
package dev.bucketwarden.architecture;

import org.jspecify.annotations.NullMarked;
