/** The durable record of every scan (DynamoDB results table) and its vocabulary. */
@NullMarked
package dev.bucketwarden.store.results;

import org.jspecify.annotations.NullMarked;
