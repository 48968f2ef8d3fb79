/** The console's settings and the tables it reads and writes. */
package dev.bucketwarden.console.config;
