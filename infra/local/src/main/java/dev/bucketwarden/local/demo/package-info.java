/**
 * The demo's driver, run by {@code bin/demo} against a running local stack: a user who
 * writes clean and infected objects into a protected bucket and shows what the event
 * agent made of them ({@link dev.bucketwarden.local.demo.DemoUploads}), and an app that
 * calls the API agent's scan-before-store with a token
 * ({@link dev.bucketwarden.local.demo.DemoApiCalls}).
 */
@NullMarked
package dev.bucketwarden.local.demo;

import org.jspecify.annotations.NullMarked;
