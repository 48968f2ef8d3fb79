/** The API agent: scan-before-store over HTTP, behind the load balancer. */
@NullMarked
package dev.bucketwarden.apiagent;

import org.jspecify.annotations.NullMarked;
