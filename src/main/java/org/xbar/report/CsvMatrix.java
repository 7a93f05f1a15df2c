package org.xbar.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * text to parse back to the same double. Files are written to a temporary file beside the target
 * and moved into place, so a failure never leaves a half-written or emptied file behind.
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
        String name = file.toString();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputFormatException(name, 0, 0, "file not found");
        } catch (IOException e) {
            throw new InputFormatException(name, 0, 0, "cannot read: " + e.getMessage());
        }
        return parse(name, lines, accept, requirement);
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
            String[] fields = line.split(",", -1);
            double[] values = new double[fields.length];
            for (int c = 0; c < fields.length; c++) {
                values[c] = parseValue(name, n + 1, c + 1, fields[c].strip());
                if (!accept.test(values[c])) {
                    throw new InputFormatException(name, n + 1, c + 1,
                            org.xbar.error.Excerpt.of(fields[c].strip()) + " is out of range: " + requirement);
                }
            }
            if (width < 0) {
                width = fields.length;
                widthLine = n + 1;
            } else if (fields.length != width) {
                throw new InputFormatException(name, n + 1, 0,
                        "has " + fields.length + " values, line " + widthLine + " has " + width);
            }
            rows.add(values);
        }
        if (rows.isEmpty()) {
            throw new InputFormatException(name, 0, 0, "no values (the file is empty or all comments)");
        }
        return rows.toArray(new double[0][]);
    }

    private static double parseValue(String file, int line, int column, String text) {
        if (text.isEmpty()) {
            throw new InputFormatException(file, line, column, "empty value");
        }
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new InputFormatException(file, line, column, "\"" + org.xbar.error.Excerpt.of(text) + "\" is not a number");
        }
        if (!Double.isFinite(value)) {
            throw new InputFormatException(file, line, column, "\"" + org.xbar.error.Excerpt.of(text) + "\" is not a finite number");
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
     * Gives the temporary file the target's permissions, or {@code rw-r--r--} for a new file
     * (temporary files are created private to their owner).
     */
    private static void keepPermissions(Path target, Path temp) throws IOException {
        if (!Files.getFileStore(temp).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) {
            return;
        }
        Files.setPosixFilePermissions(temp, Files.exists(target) ? Files.getPosixFilePermissions(target)
                : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    }

    /**
     * Writes a file through a temporary file in the same directory and a move into place.
     *
     * @param file the target
     * @param body what to write
     */
    public static void writeAtomically(Path file, Body body) {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path temp = null;
        try {
            if (dir != null) {
                Files.createDirectories(dir);
            }
            temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                body.write(out);
            }
            keepPermissions(target, temp);
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } catch (IOException e) {
            throw new XbarException("cannot write " + file + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new XbarException("cannot write " + file + ": " + e.getCause().getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the temporary file is ours; nothing else to lose
                }
            }
        }
    }
}
