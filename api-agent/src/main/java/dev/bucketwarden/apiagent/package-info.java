/** The API agent: scan-before-store over HTTP, behind the load balancer. */
package dev.bucketwarden.apiagent;
