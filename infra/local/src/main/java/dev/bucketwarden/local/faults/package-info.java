/**
 * A fault-injecting HTTP/1.1 reverse proxy for the chaos run and its tests: it sits in
 * front of one local AWS endpoint (S3Mock, the S3 event relay, ElasticMQ, DynamoDB Local,
 * moto), forwards every request byte for byte, names each request's AWS operation, and
 * when armed answers it with a throttling or internal error, resets the connection in the
 * middle of the response body, or holds the response past the client's timeout. It is
 * written on plain sockets because a true TCP reset in the middle of a body is what a
 * client must survive, and no HTTP server library sends one on purpose.
 */
@NullMarked
package dev.bucketwarden.local.faults;

import org.jspecify.annotations.NullMarked;
