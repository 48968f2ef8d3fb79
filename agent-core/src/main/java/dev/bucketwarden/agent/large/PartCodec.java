package dev.bucketwarden.agent.large;

/**
 * Writes a part as the text a large-object queue message carries, and reads it back:
 * {@code W:<index>:<start>:<end>} for a window. Other kinds of part add their own prefix.
 */
public final class PartCodec {

	private PartCodec() {
	}

	public static String encode(Part part) {
		if (part instanceof Window window) {
			return "W:" + window.index() + ":" + window.start() + ":" + window.end();
		}
		throw new IllegalArgumentException("No text form for " + part.getClass().getSimpleName());
	}

	/**
	 * Reads a part back.
	 * @throws IllegalArgumentException when the text is not a part's
	 */
	public static Part decode(String text) {
		String[] fields = text.split(":", -1);
		try {
			if (fields.length == 4 && fields[0].equals("W")) {
				return new Window(Integer.parseInt(fields[1]), Long.parseLong(fields[2]), Long.parseLong(fields[3]));
			}
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Not a part: " + text, ex);
		}
		throw new IllegalArgumentException("Not a part: " + text);
	}

}
