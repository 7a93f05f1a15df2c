package org.xbar.spice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbar.error.InputFormatException;

/** The ASCII rawfile parser on a golden file written by ngspice, and on broken files. */
class RawFileTest {

    @Test
    void goldenRawfileFromNgspice() throws Exception {
        List<RawFile.Plot> plots = RawFile.parse("divider.raw", Files.readAllLines(Path.of("netlists/divider.raw")));
        assertEquals(1, plots.size());
        assertEquals("Operating Point", plots.get(0).name());
        Map<String, Double> op = plots.get(0).at(0);
        assertEquals(List.of("v(top)", "v(mid)", "i(vsupply)"), List.copyOf(op.keySet()));
        // 10 V over 1.5k into 3.3k || 2.2k = 1.32k: v(mid) = 10 * 1.32 / 2.82
        assertEquals(10 * 1.32 / 2.82, op.get("v(mid)"), 1e-14);
        assertEquals(-10 / 2820.0, op.get("i(vsupply)"), 1e-17);
    }

    private static final String HEADER = "Title: t\nDate: d\nPlotname: %s\nFlags: %s\nNo. Variables: 2\nNo. Points: %d\n"
            + "Variables:\n\t0\tv(a)\tvoltage\n\t1\ti(v1)\tcurrent\nValues:\n";

    @Test
    void severalPointsAndComplexPlotsSkipped() {
        String ac = String.format(HEADER, "AC Analysis", "complex", 1) + "0\t1.0,0.0\n\t2.0,0.5\n";
        String dc = String.format(HEADER, "DC transfer characteristic", "real", 2) + "0\t1.0\n\t-1e-3\n1\t2.0\n\t-2e-3\n";
        List<RawFile.Plot> plots = RawFile.parse("x.raw", (ac + dc).lines().toList());
        assertEquals(1, plots.size(), "the complex plot is skipped");
        assertEquals(-2e-3, plots.get(0).values()[1][1]);
    }

    @Test
    void brokenFilesAreLocated() {
        InputFormatException binary = assertThrows(InputFormatException.class,
                () -> RawFile.parse("b.raw", List.of("Title: t", "Binary:")));
        assertEquals("b.raw", binary.file(), binary.getMessage());
        assertEquals(2, binary.line(), "the Binary: line: " + binary.getMessage());
        String truncated = String.format(HEADER, "Operating Point", "real", 1) + "0\t1.0\n";
        InputFormatException t = assertThrows(InputFormatException.class,
                () -> RawFile.parse("t.raw", truncated.lines().toList()));
        assertEquals("t.raw", t.file(), t.getMessage());
        assertEquals(11, t.line(), "its last line, inside the values of point 0: " + t.getMessage());
        String bad = String.format(HEADER, "Operating Point", "real", 1) + "0\t1.0\n\tx\n";
        InputFormatException n = assertThrows(InputFormatException.class, () -> RawFile.parse("n.raw", bad.lines().toList()));
        assertEquals("n.raw", n.file(), n.getMessage());
        assertEquals(12, n.line(), "the line of the value x: " + n.getMessage());
    }
}
