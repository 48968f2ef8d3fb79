/**
 * Unit economics: what a period's scanning cost at list prices (request fees from the
 * agents' usage roll-ups, Fargate compute from their running time), per GB and per
 * million objects, per bucket and in total, beside what GuardDuty Malware Protection for
 * S3 would charge for the same objects and bytes; and the price table admins edit.
 */
@NullMarked
package dev.bucketwarden.console.economics;

import org.jspecify.annotations.NullMarked;
