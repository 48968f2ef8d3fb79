/** Who changed what, when: every settings change and scan trigger, stored and logged. */
@NullMarked
package dev.bucketwarden.console.audit;

import org.jspecify.annotations.NullMarked;
