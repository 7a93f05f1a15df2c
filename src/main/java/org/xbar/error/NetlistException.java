package org.xbar.error;

/**
 * A netlist that xbar cannot read, or cannot represent faithfully: the message names the file,
 * the line and the offending text, for example
 * {@code mesh.cir:12: ".subckt cell a b" is not supported: ...}.
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
        super(file, line, 0, "\"" + text + "\" " + message);
        this.text = text;
    }

    /** @return the offending text */
    public String text() {
        return text;
    }
}
