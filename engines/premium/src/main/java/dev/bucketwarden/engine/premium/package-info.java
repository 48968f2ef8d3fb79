/**
 * The premium engine: policy checks that need no signature feed (true type by content,
 * blocked types and macros, SHA-256 blocklist, archive policy, optional YARA), made in
 * one streaming pass over the content.
 */
@NullMarked
package dev.bucketwarden.engine.premium;

import org.jspecify.annotations.NullMarked;
