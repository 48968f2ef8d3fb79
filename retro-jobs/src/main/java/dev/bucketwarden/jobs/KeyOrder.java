package dev.bucketwarden.jobs;

import java.util.Comparator;

/**
 * S3's key order: by UTF-8 bytes, which is code point order. Java's
 * {@link String#compareTo} compares UTF-16 units and sorts characters above U+E000 before
 * supplementary ones, unlike S3.
 */
public final class KeyOrder {

	public static final Comparator<String> COMPARATOR = KeyOrder::compare;

	private KeyOrder() {
	}

	public static int compare(String a, String b) {
		int i = 0;
		int j = 0;
		while (i < a.length() && j < b.length()) {
			int x = a.codePointAt(i);
			int y = b.codePointAt(j);
			if (x != y) {
				return Integer.compare(x, y);
			}
			i += Character.charCount(x);
			j += Character.charCount(y);
		}
		return Integer.compare(a.length() - i, b.length() - j);
	}

}
