/** What every page shares: the header's model, error answers, the signed-out page. */
package dev.bucketwarden.console.web;
