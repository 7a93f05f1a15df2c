package org.xbar.io;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.xbar.error.InputFormatException;
import org.xbar.error.XbarException;

/**
 * Numeric matrices as comma-separated text: one matrix row per line, values separated by commas.
 * Blank lines and lines starting with {@code #} are skipped. Every problem is reported with the
 * file, the line and the column (the 1-based position of the value in its line).
 *
 * <p>Values are written with {@link Double#toString(double)}, which prints enough digits for the
 * text to parse back to the same double. Files are written by the rules of {@link OutputFiles}:
 * atomically, so a failure never leaves a half-written or emptied file behind, through symbolic
 * links, and only over regular files we may write.
 */
public final class CsvMatrix {
    private CsvMatrix() {
    }

    /**
     * @param file the file to read
     * @return its values, {@code [line][column]}, every line the same length, all finite
     * @throws InputFormatException naming the file, line and column of the first problem
     */
    public static double[][] read(Path file) {
        return read(file, value -> true, "");
    }

    /**
     * @param file        the file to read
     * @param accept      which values are allowed
     * @param requirement the rule {@code accept} enforces, for the message (such as
     *                    "conductances must be >= 0 S")
     * @return its values, {@code [line][column]}, every line the same length, all finite and accepted
     * @throws InputFormatException naming the file, line and column of the first problem
     */
    public static double[][] read(Path file, java.util.function.DoublePredicate accept, String requirement) {
        return parse(file.toString(), lines(file), accept, requirement);
    }

    /**
     * @param file a UTF-8 text file
     * @return its lines
     * @throws InputFormatException naming the file when it is missing or cannot be read
     */
    public static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputFormatException(file.toString(), 0, 0, "file not found");
        } catch (IOException e) {
            throw new InputFormatException(file.toString(), 0, 0, "cannot read: " + e.getMessage());
        }
    }

    /**
     * @param name  file name for messages
     * @param lines the file's lines
     * @return the parsed values
     */
    public static double[][] parse(String name, List<String> lines) {
        return parse(name, lines, value -> true, "");
    }

    /**
     * @param name        file name for messages
     * @param lines       the file's lines
     * @param accept      which values are allowed
     * @param requirement the rule {@code accept} enforces, for the message
     * @return the parsed values
     */
    public static double[][] parse(String name, List<String> lines, java.util.function.DoublePredicate accept,
            String requirement) {
        List<double[]> rows = new ArrayList<>();
        int width = -1;
        int widthLine = 0;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (n == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int count = 1;
            for (int i = 0; i < line.length(); i++) {
                if (line.charAt(i) == ',') {
                    count++;
                }
            }
            double[] values = new double[count];
            int fieldStart = 0;
            int c = 0;
            for (int i = 0; i <= line.length(); i++) {
                if (i < line.length() && line.charAt(i) != ',') {
                    continue;
                }
                int s = fieldStart;
                int e = i;
                while (s < e && Character.isWhitespace(line.charAt(s))) {
                    s++;
                }
                while (e > s && Character.isWhitespace(line.charAt(e - 1))) {
                    e--;
                }
                values[c] = parseValue(name, n + 1, c + 1, line, s, e);
                if (!accept.test(values[c])) {
                    throw new InputFormatException(name, n + 1, c + 1,
                            org.xbar.error.Excerpt.of(line.substring(s, e)) + " is out of range: " + requirement);
                }
                c++;
                fieldStart = i + 1;
            }
            int fields = count;
            if (width < 0) {
                width = fields;
                widthLine = n + 1;
            } else if (fields != width) {
                throw new InputFormatException(name, n + 1, 0,
                        "has " + fields + " values, line " + widthLine + " has " + width);
            }
            rows.add(values);
        }
        if (rows.isEmpty()) {
            throw new InputFormatException(name, 0, 0, "no values (the file is empty or all comments)");
        }
        return rows.toArray(new double[0][]);
    }

    private static double parseValue(String file, int line, int column, String text, int start, int end) {
        if (start == end) {
            throw new InputFormatException(file, line, column, "empty value");
        }
        double value;
        try {
            value = DecimalParser.parse(text, start, end);
        } catch (NumberFormatException e) {
            throw new InputFormatException(file, line, column, "\"" + org.xbar.error.Excerpt.of(text.substring(start, end))
                    + "\" is not a number");
        }
        if (!Double.isFinite(value)) {
            throw new InputFormatException(file, line, column, "\"" + org.xbar.error.Excerpt.of(text.substring(start, end))
                    + "\" is not a finite number");
        }
        return value;
    }

    /**
     * Writes values so that each parses back to the same double, atomically.
     *
     * @param file   the target
     * @param values {@code [line][column]}
     */
    public static void write(Path file, double[][] values) {
        writeAtomically(file, out -> {
            for (double[] row : values) {
                writeRow(out, row);
            }
        });
    }

    /**
     * @param out   destination
     * @param row   values of one line
     * @throws IOException when writing fails
     */
    public static void writeRow(Appendable out, double[] row) throws IOException {
        for (int j = 0; j < row.length; j++) {
            if (j > 0) {
                out.append(',');
            }
            out.append(Double.toString(row[j]));
        }
        out.append('\n');
    }

    /** Writes the body of a file. */
    @FunctionalInterface
    public interface Body {
        /**
         * @param out where to write
         * @throws IOException when writing fails
         */
        void write(Writer out) throws IOException;
    }

    /**
     * Writes a text file (UTF-8) by the rules of {@link OutputFiles}: through symbolic links, only
     * over a regular file we may write, keeping its permissions and owner, atomically.
     *
     * @param file the target
     * @param body what to write
     * @throws org.xbar.error.OutputFileException when the path is not one xbar writes
     * @throws XbarException                      when writing fails (the old file is left as it was)
     */
    public static void writeAtomically(Path file, Body body) {
        OutputFiles.write(file, stream -> {
            Writer out = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
            body.write(out);
            out.flush();
        });
    }
}
