/** JUnit 5 extensions that give tests the real servers of the local stack. */
package dev.bucketwarden.local.junit;
