/**
 * The local stack: real servers started as local processes on 127.0.0.1 for bin/demo and
 * the integration tests, with the ports they got written to one properties file.
 */
@NullMarked
package dev.bucketwarden.local;

import org.jspecify.annotations.NullMarked;
