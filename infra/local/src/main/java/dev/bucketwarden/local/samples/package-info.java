/**
 * Sample content for the demo, tests and benchmarks: the EICAR test file, archives around
 * it, encrypted archives and random data, made on the fly so no test malware lives in
 * git.
 */
@NullMarked
package dev.bucketwarden.local.samples;

import org.jspecify.annotations.NullMarked;
