/**
 * I/O support shared by the engines that talk to a daemon over socket channels.
 */
@NullMarked
package dev.bucketwarden.engine.spi.io;

import org.jspecify.annotations.NullMarked;
