/**
 * The CDK app: the console region's stack and agent stacks for further regions, from the
 * settings in cdk.json's context.
 */
@NullMarked
package dev.bucketwarden.infra.aws;

import org.jspecify.annotations.NullMarked;
