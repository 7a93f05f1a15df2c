package org.xbar.error;

/**
 * Quotes input text in a message without letting it act on the terminal or flood it: control
 * characters are written as escapes (a bell byte as {@code \x07}, an escape byte as
 * {@code \x1b}; a tab stays a tab) and long text is cut to a short excerpt that says how long the
 * whole is. Escaping is idempotent: escaped text has no control characters left to escape.
 */
public final class Excerpt {
    /** The most characters of input text that {@link #of} quotes before it cuts. */
    public static final int MAX_CHARACTERS = 100;
    /** How many characters {@link #around} shows on each side of a position. */
    public static final int CONTEXT_CHARACTERS = 24;

    private Excerpt() {
    }

    /**
     * @param text any text
     * @return the text with every control or format character (other than a tab) written as
     *         {@code \xNN} (or a backslash-u escape above U+00FF)
     */
    public static String escape(String text) {
        int k = 0;
        while (k < text.length() && !needsEscape(text.charAt(k))) {
            k++;
        }
        if (k == text.length()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length() + 16).append(text, 0, k);
        for (; k < text.length(); k++) {
            char c = text.charAt(k);
            if (!needsEscape(c)) {
                sb.append(c);
            } else if (c <= 0xff) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.toString();
    }

    private static boolean needsEscape(char c) {
        if (c == '\t') {
            return false;
        }
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    /**
     * @param text any text
     * @return the text escaped, cut after {@value #MAX_CHARACTERS} characters with
     *         {@code "... (N characters)"} when it is longer
     */
    public static String of(String text) {
        if (text.length() <= MAX_CHARACTERS) {
            return escape(text);
        }
        return escape(text.substring(0, MAX_CHARACTERS - 20)) + "... (" + text.length() + " characters)";
    }

    /**
     * @param text     any text
     * @param position a 0-based position in it (clamped to the text)
     * @return the escaped text within {@value #CONTEXT_CHARACTERS} characters of the position,
     *         with {@code ...} where it is cut
     */
    public static String around(String text, int position) {
        int at = Math.max(0, Math.min(position, text.length()));
        int from = Math.max(0, at - CONTEXT_CHARACTERS);
        int to = Math.min(text.length(), at + CONTEXT_CHARACTERS);
        return (from > 0 ? "..." : "") + escape(text.substring(from, to)) + (to < text.length() ? "..." : "");
    }
}
