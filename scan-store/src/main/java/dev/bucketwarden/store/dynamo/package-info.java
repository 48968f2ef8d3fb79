/** What the DynamoDB tables of BucketWarden have in common. */
@NullMarked
package dev.bucketwarden.store.dynamo;

import org.jspecify.annotations.NullMarked;
