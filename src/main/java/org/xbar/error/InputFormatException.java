package org.xbar.error;

/**
 * A file that cannot be read as the input it should be: the message starts with
 * {@code file:line:} and names the column (field) and the offending text. A binary file names the
 * byte offset instead ({@code file: byte 16:}, see {@link #atByte}).
 */
public class InputFormatException extends XbarException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;
    private final long byteOffset;

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
        this.byteOffset = -1;
    }

    private InputFormatException(String file, long byteOffset, String message) {
        super(file + ": byte " + byteOffset + ": " + message);
        this.file = file;
        this.line = 0;
        this.column = 0;
        this.byteOffset = byteOffset;
    }

    /**
     * A problem in a binary file at a byte position: the message starts with {@code file: byte N:};
     * {@link #line()} and {@link #column()} are 0.
     *
     * @param file       file name as the user gave it
     * @param byteOffset 0-based offset of the offending byte (of the decompressed content, for a
     *                   compressed file), {@code >= 0}
     * @param message    what is wrong
     * @return the exception
     */
    public static InputFormatException atByte(String file, long byteOffset, String message) {
        return new InputFormatException(file, byteOffset, message);
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

    /** @return the 0-based byte offset in a binary file, -1 where the problem has no byte position */
    public long byteOffset() {
        return byteOffset;
    }
}
