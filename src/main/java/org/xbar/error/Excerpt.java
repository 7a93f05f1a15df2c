package org.xbar.error;

/**
 * A short, printable excerpt of text taken from a user's file, for error messages: control
 * characters and other unprintable ones are escaped ({@code \t}, {@code \x07}, {@code \u200b}),
 * and anything past a few dozen characters is cut with an ellipsis, so that a message never
 * echoes a whole line of a binary file or a terminal escape sequence.
 */
public final class Excerpt {
    /** Characters kept before the cut. */
    public static final int LENGTH = 40;

    private Excerpt() {
    }

    /**
     * @param text text from a file
     * @return at most {@link #LENGTH} of its characters, escaped, with {@code ...} when cut
     */
    public static String of(String text) {
        StringBuilder sb = new StringBuilder();
        int n = Math.min(text.length(), LENGTH);
        for (int k = 0; k < n; k++) {
            char c = text.charAt(k);
            if (c == '\t') {
                sb.append("\\t");
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    || Character.getType(c) == Character.UNASSIGNED || Character.isSurrogate(c)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (text.length() > LENGTH) {
            sb.append("...");
        }
        return sb.toString();
    }
}
