package org.xbar.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.xbar.error.InputFormatException;

/**
 * CsvMatrix's own decimal parsing (Clinger's fast path, Eisel-Lemire, Double.parseDouble for the
 * rest) gives exactly the double Double.parseDouble gives, and refuses what it refuses or what is
 * not finite: checked through the whole reader, one value per line.
 */
class CsvDecimalsTest {
    private static void same(String text) {
        double expected;
        try {
            expected = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            expected = Double.NaN;
        }
        if (!Double.isFinite(expected) || text.strip().isEmpty()) {
            assertThrows(InputFormatException.class, () -> CsvMatrix.parse("t.csv", List.of("1," + text)), text);
            return;
        }
        double actual = CsvMatrix.parse("t.csv", List.of("1," + text))[0][1];
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                text + ": " + expected + " against " + actual);
    }

    @Test
    void handPickedFormsAndEdges() {
        for (String s : List.of("0", "-0", "+0", "0.0", "-0.0", "1", "-1", "+1", "1.", ".5", "-.5", "1.25", "6.5e-05", "6.5E-05",
                "1e22", "1e23", "1e-22", "1e-23", "123456789012345", "1234567890123456", "12345678901234567890",
                "0.000000000000000000000000001234", "1e400", "-1e400", "1e-400", "4.9e-324", "1.7976931348623157e308",
                "2.2250738585072014E-308", "9007199254740993", "0.1", "0.2", "0.30000000000000004", "Infinity", "-Infinity",
                "NaN", "0x1p3", "1d", "2f", "1e", "1e+", "e5", ".", "-", "+", "1.2.3", "1e5x", "--1", "00012", "0.0001e4",
                "1e0000000000000000000005", "123.456e-3", "999999999999999e22", "999999999999999e-22")) {
            same(s);
        }
    }

    @Test
    void randomDoublesInEveryFormatParseToTheSameBits() {
        SplittableRandom random = new SplittableRandom(20_261_130);
        List<String> texts = new ArrayList<>();
        for (int k = 0; k < 20_000; k++) {
            // 17 significant digits (Double.toString) take Eisel-Lemire, 15 or fewer Clinger's path
            double v = Math.scalb(random.nextDouble() - 0.5, random.nextInt(-80, 80));
            texts.add(Double.toString(v));
            texts.add(String.format(Locale.ROOT, "%.6e", v));
            texts.add(String.format(Locale.ROOT, "%.15g", v));
            texts.add(String.format(Locale.ROOT, "%.3f", v));
            texts.add(Long.toString(random.nextLong(-1_000_000_000_000_000L, 1_000_000_000_000_000L)));
        }
        for (String t : texts) {
            same(t);
        }
    }
}
