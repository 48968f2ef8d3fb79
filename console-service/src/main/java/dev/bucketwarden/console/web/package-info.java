/** What every page shares: the header's model, error answers, the signed-out page. */
@NullMarked
package dev.bucketwarden.console.web;

import org.jspecify.annotations.NullMarked;
