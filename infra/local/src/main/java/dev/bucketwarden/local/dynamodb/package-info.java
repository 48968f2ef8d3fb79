/**
 * DynamoDB Local as the local stack's DynamoDB: a child JVM on 127.0.0.1 with an
 * in-memory database. Tables are created by their users, with the SDK.
 */
@NullMarked
package dev.bucketwarden.local.dynamodb;

import org.jspecify.annotations.NullMarked;
