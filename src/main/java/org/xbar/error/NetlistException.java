package org.xbar.error;

/**
 * A netlist that xbar cannot read, or cannot represent faithfully: the message names the file,
 * the line (and, where one character is at fault, the column) and quotes the offending text, for
 * example {@code mesh.cir:12: ".subckt cell a b" is not supported: ...}. The quote is an
 * {@link Excerpt}: control characters are escaped and a long card is cut, so a message never
 * echoes raw netlist bytes to the terminal.
 */
public class NetlistException extends InputFormatException {
    private static final long serialVersionUID = 1L;

    private final String text;

    /**
     * @param file    netlist file name
     * @param line    1-based line where the offending card starts
     * @param text    the offending text
     * @param message what is wrong with it
     */
    public NetlistException(String file, int line, String text, String message) {
        this(file, line, 0, text, message);
    }

    /**
     * @param file    netlist file name
     * @param line    1-based line of the offending character
     * @param column  1-based character column in that line, or 0 when the whole card is at fault
     * @param text    the offending text (the card)
     * @param message what is wrong with it
     */
    public NetlistException(String file, int line, int column, String text, String message) {
        super(file, line, column, "\"" + Excerpt.of(text) + "\" " + Excerpt.escape(message));
        this.text = text;
    }

    /** @return the offending text, as it was in the netlist (unescaped and uncut) */
    public String text() {
        return text;
    }
}
