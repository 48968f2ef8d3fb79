/** What the DynamoDB tables of BucketWarden have in common. */
package dev.bucketwarden.store.dynamo;
