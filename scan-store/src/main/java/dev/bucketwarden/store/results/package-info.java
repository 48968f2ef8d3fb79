/** The durable record of every scan (DynamoDB results table) and its vocabulary. */
package dev.bucketwarden.store.results;
