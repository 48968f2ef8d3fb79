/** What a scan is asked to look at, whichever way the request came in. */
package dev.bucketwarden.agent.request;
