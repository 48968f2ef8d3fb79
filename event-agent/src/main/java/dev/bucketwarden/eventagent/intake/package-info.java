/**
 * The scan queue: S3 event notifications in any of their envelopes become scan targets,
 * and a message is acknowledged only once every target in it went through the pipeline.
 */
@NullMarked
package dev.bucketwarden.eventagent.intake;

import org.jspecify.annotations.NullMarked;
