package org.xbar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11's reproductions of wrong exit codes and unclear messages, each now refused clearly. */
class HardeningCliTest {
    @TempDir
    Path dir;

    @Test
    void aDemoTooLargeToHoldIsRefusedNotOverflowed() {
        CliRunner.Run run = CliRunner.run("demo", "--vectors", "1000000000");
        assertEquals(Main.BAD_INPUT, run.code(), run.err());
        assertTrue(run.err().contains("--vectors") && !run.err().contains("Exception"), run.err());
        CliRunner.Run product = CliRunner.run("demo", "--vectors", "900000", "--size", "4096");
        assertEquals(Main.BAD_INPUT, product.code(), product.err());
    }

    @Test
    void anUnknownCommandIsNamedOnce() {
        CliRunner.Run run = CliRunner.run("frobnicate");
        assertEquals(Main.BAD_INPUT, run.code());
        assertTrue(run.err().startsWith("xbar: "), run.err());
        assertFalse(run.err().contains("xbar xbar"), run.err());
    }

    @Test
    void aVoltageSensedColumnWithoutDevicesIsBadInput() throws IOException {
        Path g = dir.resolve("G.csv");
        Path v = dir.resolve("V.csv");
        Files.writeString(g, "1e-5,0\n2e-5,0\n");
        Files.writeString(v, "0.1,0.2\n");
        for (String method : new String[] {"nodal", "model", "ideal"}) {
            CliRunner.Run run = CliRunner.run("solve", "--g", g.toString(), "--v", v.toString(), "--rs", "100", "--rw", "0",
                    "--sensing", "voltage", "--method", method);
            assertEquals(Main.BAD_INPUT, run.code(), method + ": " + run.err());
        }
    }

    @Test
    void aBenchThatRefusesEverySizeFails() {
        CliRunner.Run run = CliRunner.run("bench", "--sizes", "8192", "--no-ngspice", "--direct-max", "0", "--lu-max", "0",
                "--batch-max", "0", "--model-max", "0", "--no-scaling");
        assertEquals(Main.FAILURE, run.code(), run.out() + run.err());
        assertTrue(run.out().contains("refused"), run.out());
    }

    @Test
    void aBinaryCsvIsQuotedShortAndEscaped() throws IOException {
        Path w = dir.resolve("W1.csv");
        StringBuilder junk = new StringBuilder();
        for (int k = 0; k < 500; k++) {
            junk.append((char) (k % 31 + 1)).append('x');
        }
        Files.writeString(w, junk + "\n");
        Path x = dir.resolve("X.csv");
        Files.writeString(x, "0.5\n");
        CliRunner.Run run = CliRunner.run("infer", "--weights", w.toString(), "--inputs", x.toString(), "--rs", "0", "--rn", "0",
                "--rw", "0");
        assertEquals(Main.BAD_INPUT, run.code(), run.err());
        assertTrue(run.err().contains(w + ":1"), run.err());
        assertTrue(run.err().length() < 300, "a short excerpt, not the whole line: " + run.err().length() + " characters");
        assertTrue(run.err().chars().noneMatch(c -> c < 0x20 && c != '\n' && c != '\t'), "no control characters but tabs on the terminal");
    }

    @Test
    void newtonSaysWhyWhenItsMatrixIsSingular() throws IOException {
        Path netlist = dir.resolve("singular.cir");
        Files.writeString(netlist, String.join("\n", "* a drain left floating by a transistor that is off, gmin 0",
                "vdd d 0 1", "r1 d x 1k", "m1 x g 0 0 nm w=1u l=1u", "m2 y g 0 0 nm w=1u l=1u", "vg g 0 0",
                ".model nm nmos level=1 vto=1", ".options gmin=0 gminsteps=0 srcsteps=0", ".op", ".end", ""));
        CliRunner.Run run = CliRunner.run("solve", "--netlist", netlist.toString());
        assertEquals(Main.FAILURE, run.code(), run.err());
        assertTrue(run.err().contains("singular") && !run.err().contains("node  changed"), run.err());
    }
}
