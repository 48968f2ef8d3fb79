/**
 * What every server of the local stack shares and nothing of the stack wires: the
 * emulators' region and credentials, free ports on 127.0.0.1, and where the machine's
 * native tools are.
 */
@NullMarked
package dev.bucketwarden.local.support;

import org.jspecify.annotations.NullMarked;
