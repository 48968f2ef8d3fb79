/** What a scan is asked to look at, whichever way the request came in. */
@NullMarked
package dev.bucketwarden.agent.request;

import org.jspecify.annotations.NullMarked;
