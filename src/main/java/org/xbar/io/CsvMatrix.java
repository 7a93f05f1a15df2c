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
import java.util.stream.IntStream;
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
    /** Lines below which a file is parsed on one thread. */
    private static final int PARALLEL_LINES = 256;
    /** Rows formatted together, on all processors, before they are written. */
    private static final int WRITE_GROUP = 512;
    private static final int PROCESSORS = Runtime.getRuntime().availableProcessors();
    /** Marks a blank or comment line among the parsed lines. */
    private static final double[] COMMENT = new double[0];
    /** {@code 10^0 .. 10^22}: every one exactly a double. */
    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /** Decimal exponents the Eisel-Lemire tables cover. */
    private static final int SMALLEST_POWER = -342;
    private static final int LARGEST_POWER = 308;
    /** {@link #powersOfFive()}, high and low half per exponent. */
    private static final long[] POWERS_OF_FIVE = powersOfFive();

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
        int count = lines.size();
        double[][] parsed = new double[count][];
        InputFormatException[] failures = new InputFormatException[count];
        int chunks = count < PARALLEL_LINES ? 1 : Math.min(count / (PARALLEL_LINES / 4), 4 * PROCESSORS);
        // lines are independent: parse them on all processors, each chunk stopping at its first
        // problem; then walk the lines in order, so the first problem in the file is the one reported
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int from = (int) ((long) count * c / chunks);
            int to = (int) ((long) count * (c + 1) / chunks);
            for (int n = from; n < to; n++) {
                try {
                    parsed[n] = parseLine(name, n, lines.get(n), accept, requirement);
                } catch (InputFormatException e) {
                    failures[n] = e;
                    return;
                }
            }
        });
        List<double[]> rows = new ArrayList<>(count);
        int width = -1;
        int widthLine = 0;
        for (int n = 0; n < count; n++) {
            double[] values = parsed[n];
            if (values == null) {
                throw failures[n];
            }
            if (values == COMMENT) {
                continue;
            }
            if (width < 0) {
                width = values.length;
                widthLine = n + 1;
            } else if (values.length != width) {
                throw new InputFormatException(name, n + 1, 0,
                        "has " + values.length + " values, line " + widthLine + " has " + width);
            }
            rows.add(values);
        }
        if (rows.isEmpty()) {
            throw new InputFormatException(name, 0, 0, "no values (the file is empty or all comments)");
        }
        return rows.toArray(new double[0][]);
    }

    /**
     * @return the values of line {@code n} (0-based), or {@link #COMMENT} for a blank or comment line
     */
    private static double[] parseLine(String name, int n, String raw, java.util.function.DoublePredicate accept,
            String requirement) {
        String line = raw.strip();
        if (n == 0 && line.startsWith("\uFEFF")) {
            line = line.substring(1);
        }
        if (line.isEmpty() || line.startsWith("#")) {
            return COMMENT;
        }
        int fields = 1;
        for (int k = line.indexOf(','); k >= 0; k = line.indexOf(',', k + 1)) {
            fields++;
        }
        double[] values = new double[fields];
        int start = 0;
        for (int c = 0; c < fields; c++) {
            int comma = line.indexOf(',', start);
            int end = comma < 0 ? line.length() : comma;
            int from = start;
            int to = end;
            while (from < to && Character.isWhitespace(line.charAt(from))) {
                from++;
            }
            while (to > from && Character.isWhitespace(line.charAt(to - 1))) {
                to--;
            }
            values[c] = parseValue(name, n + 1, c + 1, line, from, to);
            if (!accept.test(values[c])) {
                throw new InputFormatException(name, n + 1, c + 1,
                        org.xbar.error.Excerpt.of(line.substring(from, to)) + " is out of range: " + requirement);
            }
            start = end + 1;
        }
        return values;
    }

    private static double parseValue(String file, int line, int column, String text, int from, int to) {
        if (from == to) {
            throw new InputFormatException(file, line, column, "empty value");
        }
        double value = plainDecimal(text, from, to);
        if (!Double.isNaN(value)) {
            return value;
        }
        String field = text.substring(from, to);
        try {
            value = Double.parseDouble(field);
        } catch (NumberFormatException e) {
            throw new InputFormatException(file, line, column, "\"" + org.xbar.error.Excerpt.of(field) + "\" is not a number");
        }
        if (!Double.isFinite(value)) {
            throw new InputFormatException(file, line, column, "\"" + org.xbar.error.Excerpt.of(field) + "\" is not a finite number");
        }
        return value;
    }

    /**
     * Decimal parsing without {@link Double#parseDouble} for the plain decimals that CSV files hold,
     * {@code [+-]digits[.digits][(e|E)[+-]digits]} with at most 18 significant digits, giving
     * bit for bit what {@link Double#parseDouble} gives. With significant digits {@code m} and
     * decimal exponent {@code e}: when {@code m <= 2^53} and {@code |e| <= 22}, {@code m * 10^e} or
     * {@code m / 10^-e} is one correctly rounded operation on two exact doubles (Clinger, "How to
     * read floating point numbers accurately", PLDI 1990); otherwise the Eisel-Lemire algorithm
     * (Lemire, "Number parsing at a gigabyte per second", Software: Practice and Experience 51(8),
     * 2021) multiplies {@code m} by a 128-bit approximation of {@code 5^e} and rounds, and gives up
     * where that approximation cannot decide the rounding. Everything else (more digits, results
     * that are subnormal or out of range, hexadecimal, {@code NaN}, suffixes, errors, and the rare
     * cases Eisel-Lemire gives up on) is left to {@link Double#parseDouble}.
     *
     * @return the value, or NaN when the text is not such a decimal or the fast paths cannot decide
     */
    static double plainDecimal(String text, int from, int to) {
        int k = from;
        char ch = text.charAt(k);
        boolean negative = ch == '-';
        if (ch == '+' || ch == '-') {
            k++;
        }
        long mantissa = 0;
        int digits = 0;
        int scale = 0;
        boolean any = false;
        boolean fraction = false;
        for (; k < to; k++) {
            ch = text.charAt(k);
            if (ch == '.' && !fraction) {
                fraction = true;
                continue;
            }
            if (ch < '0' || ch > '9') {
                break;
            }
            any = true;
            if (mantissa != 0 || ch != '0') {
                if (++digits > 18) {
                    return Double.NaN;
                }
                mantissa = 10 * mantissa + (ch - '0');
            }
            if (fraction) {
                scale--;
            }
        }
        if (!any) {
            return Double.NaN;
        }
        if (k < to && (text.charAt(k) == 'e' || text.charAt(k) == 'E')) {
            k++;
            boolean down = k < to && text.charAt(k) == '-';
            if (k < to && (text.charAt(k) == '+' || text.charAt(k) == '-')) {
                k++;
            }
            int exponent = 0;
            int exponentDigits = 0;
            for (; k < to && text.charAt(k) >= '0' && text.charAt(k) <= '9'; k++) {
                if (++exponentDigits > 4) {
                    return Double.NaN;
                }
                exponent = 10 * exponent + (text.charAt(k) - '0');
            }
            if (exponentDigits == 0) {
                return Double.NaN;
            }
            scale += down ? -exponent : exponent;
        }
        if (k != to) {
            return Double.NaN;
        }
        double value;
        if (mantissa == 0) {
            value = 0.0;
        } else if (mantissa <= 1L << 53 && scale >= 0 && scale <= 22) {
            value = mantissa * POWERS_OF_TEN[scale];
        } else if (mantissa <= 1L << 53 && scale < 0 && scale >= -22) {
            value = mantissa / POWERS_OF_TEN[-scale];
        } else {
            value = eiselLemire(mantissa, scale);
        }
        return negative ? -value : value;
    }

    /**
     * {@code mantissa * 10^power} correctly rounded, for {@code mantissa > 0}, or NaN where the
     * 128-bit product cannot decide the rounding, or the result would be subnormal or infinite.
     */
    private static double eiselLemire(long mantissa, int power) {
        if (power < SMALLEST_POWER || power > LARGEST_POWER) {
            return Double.NaN;
        }
        int index = 2 * (power - SMALLEST_POWER);
        long factorHigh = POWERS_OF_FIVE[index];
        int zeros = Long.numberOfLeadingZeros(mantissa);
        long w = mantissa << zeros;
        long lower = w * factorHigh;
        long upper = unsignedMultiplyHigh(w, factorHigh);
        if ((upper & 0x1FF) == 0x1FF && Long.compareUnsigned(lower + w, lower) < 0) {
            long factorLow = POWERS_OF_FIVE[index + 1];
            long productLow = w * factorLow;
            long middle = lower + unsignedMultiplyHigh(w, factorLow);
            if (Long.compareUnsigned(middle, lower) < 0) {
                upper++;
            }
            if (middle + 1 == 0 && (upper & 0x1FF) == 0x1FF && Long.compareUnsigned(productLow + w, productLow) < 0) {
                return Double.NaN;
            }
            lower = middle;
        }
        int upperBit = (int) (upper >>> 63);
        long bits = upper >>> (upperBit + 9);
        zeros += 1 ^ upperBit;
        if (lower == 0 && (upper & 0x1FF) == 0 && (bits & 3) == 1) {
            return Double.NaN;
        }
        bits += bits & 1;
        bits >>>= 1;
        if (bits >= 1L << 53) {
            bits = 1L << 52;
            zeros--;
        }
        bits &= ~(1L << 52);
        long exponent = (((152170L + 65536L) * power) >> 16) + 1024 + 63 - zeros;
        if (exponent < 1 || exponent > 2046) {
            return Double.NaN;
        }
        return Double.longBitsToDouble(bits | exponent << 52);
    }

    /** The high 64 bits of the unsigned 128-bit product of two unsigned 64-bit numbers. */
    private static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    /**
     * {@code 5^q} for {@code q} in {@code [SMALLEST_POWER, LARGEST_POWER]} as 128-bit numbers with
     * their top bit set, high and low half: truncated for {@code q >= 0}; for {@code q < 0},
     * {@code floor(2^b / 5^-q) + 1}, truncated (the tables of Lemire's fast_float).
     */
    private static long[] powersOfFive() {
        long[] table = new long[2 * (LARGEST_POWER - SMALLEST_POWER + 1)];
        java.math.BigInteger two128 = java.math.BigInteger.ONE.shiftLeft(128);
        java.math.BigInteger two127 = java.math.BigInteger.ONE.shiftLeft(127);
        java.math.BigInteger mask = java.math.BigInteger.ONE.shiftLeft(64).subtract(java.math.BigInteger.ONE);
        for (int q = SMALLEST_POWER; q <= LARGEST_POWER; q++) {
            java.math.BigInteger c;
            if (q < 0) {
                java.math.BigInteger power = java.math.BigInteger.valueOf(5).pow(-q);
                int z = power.bitLength();
                int b = q >= -27 ? z + 127 : 2 * z + 128;
                c = java.math.BigInteger.ONE.shiftLeft(b).divide(power).add(java.math.BigInteger.ONE);
                while (c.compareTo(two128) >= 0) {
                    c = c.shiftRight(1);
                }
            } else {
                c = java.math.BigInteger.valueOf(5).pow(q);
                while (c.compareTo(two127) < 0) {
                    c = c.shiftLeft(1);
                }
                while (c.compareTo(two128) >= 0) {
                    c = c.shiftRight(1);
                }
            }
            int index = 2 * (q - SMALLEST_POWER);
            table[index] = c.shiftRight(64).longValue();
            table[index + 1] = c.and(mask).longValue();
        }
        return table;
    }

    /**
     * Writes values so that each parses back to the same double, atomically.
     *
     * @param file   the target
     * @param values {@code [line][column]}
     */
    public static void write(Path file, double[][] values) {
        writeAtomically(file, out -> writeRows(out, values));
    }

    /**
     * Writes rows as {@link #writeRow} does, formatting groups of rows on all processors (turning
     * doubles into text is most of the work) and writing them in order.
     *
     * @param out    destination
     * @param values {@code [line][column]}
     * @throws IOException when writing fails
     */
    public static void writeRows(Appendable out, double[][] values) throws IOException {
        String[] text = new String[Math.min(values.length, WRITE_GROUP)];
        for (int first = 0; first < values.length; first += WRITE_GROUP) {
            int start = first;
            int count = Math.min(WRITE_GROUP, values.length - first);
            IntStream.range(0, count).parallel().forEach(k -> text[k] = formatRow(values[start + k]));
            for (int k = 0; k < count; k++) {
                out.append(text[k]);
            }
        }
    }

    private static String formatRow(double[] row) {
        StringBuilder line = new StringBuilder(row.length * 20 + 1);
        try {
            writeRow(line, row);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return line.toString();
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
