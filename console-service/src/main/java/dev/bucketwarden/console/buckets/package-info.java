/** The account's buckets, protecting them and their settings. */
package dev.bucketwarden.console.buckets;
