/** Who changed what, when: every settings change and scan trigger, stored and logged. */
package dev.bucketwarden.console.audit;
