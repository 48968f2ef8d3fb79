/**
 * The local stack: real servers started as local processes on 127.0.0.1 for bin/demo and
 * the integration tests, with the ports they got written to one properties file. One
 * package per server (each an {@link dev.bucketwarden.local.process.EmulatorServer}), the
 * JUnit extensions that start them for tests in {@code junit}, and the demo's driver in
 * {@code demo}.
 */
@NullMarked
package dev.bucketwarden.local;

import org.jspecify.annotations.NullMarked;
