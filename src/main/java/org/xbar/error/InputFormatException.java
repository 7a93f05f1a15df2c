package org.xbar.error;

/**
 * A file that cannot be read as the input it should be: the message starts with
 * {@code file:line:} and names the column (field) and the offending text.
 */
public class InputFormatException extends XbarException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;

    /**
     * @param file    file name as the user gave it
     * @param line    1-based line number, or 0 when the problem concerns the whole file
     * @param column  1-based column (comma-separated field) number, or 0 when the whole line is at fault
     * @param message what is wrong, quoting the offending text
     */
    public InputFormatException(String file, int line, int column, String message) {
        super(location(file, line, column) + message);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    private static String location(String file, int line, int column) {
        StringBuilder sb = new StringBuilder(file).append(':');
        if (line > 0) {
            sb.append(line).append(':');
        }
        if (column > 0) {
            sb.append(" column ").append(column).append(':');
        }
        return sb.append(' ').toString();
    }

    /** @return the file name */
    public String file() {
        return file;
    }

    /** @return the 1-based line, 0 for the whole file */
    public int line() {
        return line;
    }

    /** @return the 1-based column (field), 0 for the whole line */
    public int column() {
        return column;
    }
}
