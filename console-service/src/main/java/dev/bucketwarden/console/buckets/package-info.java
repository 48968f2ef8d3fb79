/** The account's buckets, protecting them and their settings. */
@NullMarked
package dev.bucketwarden.console.buckets;

import org.jspecify.annotations.NullMarked;
