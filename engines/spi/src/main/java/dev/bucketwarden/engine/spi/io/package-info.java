/**
 * I/O support shared by the engines that talk to a daemon over socket channels.
 */
package dev.bucketwarden.engine.spi.io;
