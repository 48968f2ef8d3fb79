/**
 * Tests of the AWS request counter against S3Mock and a failing local server.
 */
@NullMarked
package dev.bucketwarden.agent.awscalls;

import org.jspecify.annotations.NullMarked;
