package dev.bucketwarden.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP addresses a process listens on, read from Linux's {@code /proc}: its socket
 * inodes from {@code /proc/PID/fd}, matched against the LISTEN entries of
 * {@code /proc/net/tcp} and {@code tcp6}. Lets tests prove a server binds to 127.0.0.1
 * only, without sending anything to any other address.
 */
public final class ListeningSockets {

	private static final String LISTEN = "0A";

	private ListeningSockets() {
	}

	public static List<InetSocketAddress> of(long pid) {
		Set<String> inodes = socketInodes(pid);
		List<InetSocketAddress> addresses = new ArrayList<>();
		for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
			for (String line : lines(Path.of(table)).stream().skip(1).toList()) {
				String[] fields = line.trim().split("\\s+");
				if (fields.length > 9 && LISTEN.equals(fields[3]) && inodes.contains(fields[9])) {
					addresses.add(address(fields[1]));
				}
			}
		}
		return addresses;
	}

	private static Set<String> socketInodes(long pid) {
		Set<String> inodes = new HashSet<>();
		try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
			for (Path fd : fds.toList()) {
				try {
					String target = Files.readSymbolicLink(fd).toString();
					if (target.startsWith("socket:[")) {
						inodes.add(target.substring("socket:[".length(), target.length() - 1));
					}
				}
				catch (IOException ex) {
					// closed while we looked
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list the sockets of process " + pid, ex);
		}
		return inodes;
	}

	/**
	 * {@code 0100007F:1F90}: the address as 32-bit words in host (little-endian) order.
	 */
	private static InetSocketAddress address(String field) {
		String[] parts = field.split(":");
		byte[] words = HexFormat.of().parseHex(parts[0]);
		byte[] address = new byte[words.length];
		for (int word = 0; word < words.length; word += 4) {
			for (int i = 0; i < 4; i++) {
				address[word + i] = words[word + 3 - i];
			}
		}
		try {
			return new InetSocketAddress(InetAddress.getByAddress(address), Integer.parseInt(parts[1], 16));
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException("Bad address in /proc/net: " + field, ex);
		}
	}

	private static List<String> lines(Path file) {
		try {
			return Files.readAllLines(file);
		}
		catch (IOException ex) {
			return List.of();
		}
	}

}
