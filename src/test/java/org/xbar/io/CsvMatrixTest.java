package org.xbar.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbar.error.InputFormatException;
import org.xbar.error.XbarException;

/** CSV reading with located errors, and writing that round-trips every double. */
class CsvMatrixTest {

    @Test
    void parsesWithCommentsBlankLinesAndSpaces() {
        double[][] v = CsvMatrix.parse("a.csv", List.of("# header", "1, 2.5e-3 ,3", "", "-4,5,6  "));
        assertArrayEquals(new double[] {1, 2.5e-3, 3}, v[0]);
        assertArrayEquals(new double[] {-4, 5, 6}, v[1]);
    }

    private static InputFormatException bad(List<String> lines) {
        return assertThrows(InputFormatException.class, () -> CsvMatrix.parse("G.csv", lines));
    }

    /** Asserts where a refusal points: file, line (0: the whole file) and column (0: the whole line). */
    private static void assertLocated(InputFormatException e, String file, int line, int column) {
        assertEquals(file, e.file(), e.getMessage());
        assertEquals(line, e.line(), "line: " + e.getMessage());
        assertEquals(column, e.column(), "column: " + e.getMessage());
    }

    @Test
    void errorsNameFileLineAndColumn() {
        assertLocated(bad(List.of("1,2,3", "# c", "4,x5,6")), "G.csv", 3, 2);
        assertLocated(bad(List.of("1,2,3", "4,5")), "G.csv", 2, 0);
        assertLocated(bad(List.of("1,2,")), "G.csv", 1, 3);
        assertLocated(bad(List.of("NaN")), "G.csv", 1, 1);
        assertLocated(bad(List.of("# only", "")), "G.csv", 0, 0);
        InputFormatException negative = assertThrows(InputFormatException.class,
                () -> CsvMatrix.parse("G.csv", List.of("1e-5,-2e-5"), x -> x >= 0, "conductances must be >= 0 S"));
        assertLocated(negative, "G.csv", 1, 2);
        // the caller's allowed range has no field: the message is where the user reads it
        assertTrue(negative.getMessage().endsWith("is out of range: conductances must be >= 0 S"), negative.getMessage());
    }

    /**
     * The fast decimal paths give, bit for bit, what {@link Double#parseDouble} gives: on the
     * shortest forms of seeded random doubles of every magnitude and bit pattern (17 digits and
     * subnormals included), on decimals at the edges of the paths (2^53 and 2^53 + 1, exponents 22
     * and 23, 17 and 18 digits, signed zeros), and they leave alone the forms they must.
     */
    @Test
    void fastDecimalsParseAsJavaDoes() {
        SplittableRandom random = new SplittableRandom(5);
        List<String> texts = new java.util.ArrayList<>(List.of("0", "-0", "+0.0", "0e999", "9007199254740992",
                "9007199254740993", "1e22", "1e23", "1e-22", "1e-23", "12345678901234567", "123456789012345678",
                "0.000000000000000000000000001", "1.", ".5", "-.5e+3", "00000000000000000001.5", "4.9e-324", "1.5d",
                "0x1p3", "1e+0022", "0.30000000000000004", "2.2250738585072014E-308"));
        for (int k = 0; k < 20000; k++) {
            double any = Math.abs(Double.longBitsToDouble(random.nextLong()));
            if (Double.isFinite(any)) {
                texts.add(Double.toString(any));
            }
            double magnitude = Math.pow(10, random.nextInt(-30, 30));
            texts.add(Double.toString(random.nextDouble() * magnitude));
            texts.add(String.format(java.util.Locale.ROOT, "%." + random.nextInt(1, 12) + "e", -random.nextDouble() * magnitude));
            texts.add(String.format(java.util.Locale.ROOT, "%." + random.nextInt(0, 9) + "f", random.nextDouble() * 1000));
        }
        int fast = 0;
        for (String text : texts) {
            double value = CsvMatrix.plainDecimal(text, 0, text.length());
            if (!Double.isNaN(value)) {
                fast++;
                assertEquals(Double.doubleToLongBits(Double.parseDouble(text)), Double.doubleToLongBits(value), text);
            }
            double[][] parsed = CsvMatrix.parse("V.csv", List.of(text));
            assertEquals(Double.doubleToLongBits(Double.parseDouble(text)), Double.doubleToLongBits(parsed[0][0]), text);
        }
        assertTrue(fast > 0.95 * texts.size(), "the fast paths took " + fast + " of " + texts.size());
        for (String left : List.of("1e-400", "4.9e-324", "1e309", "1.5d", "0x1p3", "1234567890123456789")) {
            assertTrue(Double.isNaN(CsvMatrix.plainDecimal(left, 0, left.length())), left + " is left to Double.parseDouble");
        }
    }

    /** A file long enough to be parsed on several threads still reports its first problem. */
    @Test
    void theFirstProblemOfALongFileIsReported() {
        List<String> lines = new java.util.ArrayList<>();
        for (int n = 0; n < 3000; n++) {
            lines.add(n + ".5," + n);
        }
        lines.set(2500, "1,x");
        lines.set(1700, "1,2,3");
        lines.set(2900, "");
        assertLocated(bad(lines), "G.csv", 1701, 0);
        lines.set(1700, "1,2");
        assertLocated(bad(lines), "G.csv", 2501, 2);
        lines.set(2500, "1,2");
        double[][] v = CsvMatrix.parse("G.csv", lines);
        assertEquals(2999, v.length);
        assertArrayEquals(new double[] {1234.5, 1234}, v[1234]);
    }

    @Test
    void missingFileIsNamed(@TempDir Path dir) {
        InputFormatException e = assertThrows(InputFormatException.class, () -> CsvMatrix.read(dir.resolve("nope.csv")));
        assertLocated(e, dir.resolve("nope.csv").toString(), 0, 0);
    }

    @Test
    void writtenValuesParseBackToTheSameDouble(@TempDir Path dir) throws Exception {
        SplittableRandom random = new SplittableRandom(3);
        double[][] values = new double[20][7];
        for (double[] row : values) {
            for (int j = 0; j < row.length; j++) {
                row[j] = Double.longBitsToDouble(random.nextLong() >>> 2) * (random.nextBoolean() ? 1 : -1);
            }
        }
        values[0][0] = 1e-300;
        values[0][1] = -0.0;
        values[0][2] = Double.MIN_VALUE;
        Path file = dir.resolve("out.csv");
        CsvMatrix.write(file, values);
        double[][] back = CsvMatrix.read(file);
        for (int i = 0; i < values.length; i++) {
            for (int j = 0; j < values[i].length; j++) {
                assertEquals(Double.doubleToLongBits(values[i][j]), Double.doubleToLongBits(back[i][j]));
            }
        }
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void failedWriteLeavesTheOldFileAlone(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keep.csv");
        Files.writeString(file, "1,2\n");
        assertThrows(XbarException.class, () -> CsvMatrix.writeAtomically(file, out -> {
            out.write("partial");
            throw new java.io.IOException("disk full");
        }));
        assertEquals("1,2\n", Files.readString(file));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    /** Atomic writes go through a private temporary file; the result must not stay private. */
    @Test
    void writtenFilesKeepOrGetOrdinaryPermissions(@TempDir Path dir) throws Exception {
        Path fresh = dir.resolve("new.csv");
        CsvMatrix.write(fresh, new double[][] {{1}});
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
        Path existing = dir.resolve("old.csv");
        Files.writeString(existing, "1\n");
        Files.setPosixFilePermissions(existing, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw----"));
        CsvMatrix.write(existing, new double[][] {{2}});
        assertEquals("rw-rw----", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(existing)));
    }
}
