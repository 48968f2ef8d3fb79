/** JUnit 5 extensions that give tests the real servers of the local stack. */
@NullMarked
package dev.bucketwarden.local.junit;

import org.jspecify.annotations.NullMarked;
