package dev.bucketwarden.store.settings;

/**
 * What happens to an object larger than the engines scan in one piece
 * (docs/large-objects.md).
 */
public enum LargeObjects {

	/**
	 * Scanned in parts (archive members, or overlapping windows); the record says how.
	 */
	WINDOWS,

	/**
	 * Recorded Unscannable (too large), as before large objects were scanned in parts.
	 */
	UNSCANNABLE

}
