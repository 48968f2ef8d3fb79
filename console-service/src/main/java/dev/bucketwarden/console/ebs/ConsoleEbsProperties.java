package dev.bucketwarden.console.ebs;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The console's EC2 client ({@code bucketwarden.console.ec2-endpoint}): bound beside
 * {@code ConsoleProperties} under the same prefix, so that the EBS page's one setting
 * lives with the other endpoints.
 *
 * @param ec2Endpoint an EC2 endpoint override (the local stack's moto), or unset for
 * AWS's
 */
@ConfigurationProperties("bucketwarden.console")
public record ConsoleEbsProperties(@Nullable URI ec2Endpoint) {
}
