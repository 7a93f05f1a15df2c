package org.xbar.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbar.TestCrossbars;
import org.xbar.io.CsvMatrix;
import org.xbar.report.OperatingPointCsv;
import org.xbar.results.OutputBatch;
import org.xbar.solve.NodalEngine;
import org.xbar.spec.CrossbarSpec;
import org.xbar.spec.Drive;
import org.xbar.spec.InputBatch;
import org.xbar.spec.WeightMapping;
import org.xbar.spice.NgspiceAvailable;

/** The SPICE commands end to end: export, solve --netlist, check, ngspice, validate. */
class SpiceCliTest {
    @TempDir
    Path dir;

    private static CliRunner.Run run(String... args) {
        return CliRunner.run(args);
    }

    private String[] crossbarFiles(CrossbarSpec spec, InputBatch inputs) {
        Path g = dir.resolve("G.csv");
        Path v = dir.resolve("V.csv");
        CsvMatrix.write(g, spec.positive().toArray());
        TestCrossbars.writeVectors(v, inputs);
        return new String[] {"--g", g.toString(), "--v", v.toString()};
    }

    /** The exported netlist, solved as a netlist, gives the crossbar solver's outputs for that vector. */
    @Test
    void exportThenSolveNetlist() throws Exception {
        CrossbarSpec spec = TestCrossbars.random(7, 5, WeightMapping.SINGLE, 0, Drive.ONE_END, 8)
                .withTerminations(800, 200).withWires(2.5, 2.5);
        InputBatch inputs = InputBatch.random(3, 7, 1.0, 2);
        String[] files = crossbarFiles(spec, inputs);
        Path cir = dir.resolve("x.cir");
        CliRunner.Run export = run("export", files[0], files[1], files[2], files[3], "--rs", "800", "--rn", "200", "--rw", "2.5",
                "--vector", "2", "--out", cir.toString());
        assertEquals(0, export.code(), export.err());
        String text = Files.readString(cir);
        assertTrue(text.contains("* input vector, volt: "), text);
        assertTrue(text.contains("source resistance R_S per input row, ohm: 800 on all 7"), text);
        assertTrue(text.contains("\n.op\n.end\n"), text);
        Path op = dir.resolve("op.csv");
        CliRunner.Run solve = run("solve", "--netlist", cir.toString(), "--out", op.toString());
        assertEquals(0, solve.code(), solve.err());
        assertEquals("node,value", Files.readAllLines(op).get(0));
        Map<String, Double> values = OperatingPointCsv.read(op);
        OutputBatch expected = new NodalEngine().evaluate(spec, InputBatch.single(inputs.vector(1)));
        for (int j = 0; j < 5; j++) {
            TestCrossbars.assertClose("i(vout" + j + ")", values.get("i(vout" + j + ")"), expected.get(0, j), 1e-9, 0);
        }
        assertEquals(inputs.get(1, 3), values.get("v(in3)"), 0.0);
        CliRunner.Run badVector = run("export", files[0], files[1], files[2], files[3], "--rs", "800", "--rn", "200", "--rw", "0",
                "--vector", "4");
        assertEquals(2, badVector.code());
        assertTrue(badVector.err().contains("--vector: 4 is out of range"), badVector.err());
    }

    @Test
    void solveNetlistToStandardOutput() {
        CliRunner.Run r = run("solve", "--netlist", "netlists/divider.cir");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("node,value", lines.get(0));
        assertEquals(List.of("v(top)", "v(mid)", "i(vsupply)"), lines.subList(1, 4).stream().map(l -> l.split(",")[0]).toList());
        // 10 V over 1.5k into 3.3k || 2.2k = 1.32k
        TestCrossbars.assertClose("v(mid)", Double.parseDouble(lines.get(2).split(",")[1]), 10 * 1.32 / 2.82, 1e-15, 0);
        TestCrossbars.assertClose("i(vsupply)", Double.parseDouble(lines.get(3).split(",")[1]), -10 / 2820.0, 1e-15, 0);
    }

    @Test
    void badNetlistsAreLocated() throws Exception {
        Path cir = dir.resolve("bad.cir");
        Files.writeString(cir, "title\nR1 a 0 1k\nR2 a b 2k\n.param x=1\n");
        CliRunner.Run r = run("solve", "--netlist", cir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(cir + ":4: \".param x=1\" is not supported"), r.err());
        Files.writeString(cir, "title\nV1 a 0 1\nR1 a 0 1k\nR2 b c 2k\n");
        CliRunner.Run floating = run("solve", "--netlist", cir.toString());
        assertEquals(2, floating.code(), "a floating circuit is bad input");
        assertTrue(floating.err().contains("check nodes b, c: no DC path to ground"), floating.err());
        CliRunner.Run both = run("solve", "--netlist", cir.toString(), "--rs", "5");
        assertEquals(2, both.code());
        assertTrue(both.err().contains("--netlist: takes no crossbar flags"), both.err());
        CliRunner.Run none = run("solve", "--rs", "5");
        assertEquals(2, none.code());
        assertTrue(none.err().contains("--g: missing"), none.err());
    }

    /** xbar network: weight files in, outputs out; the exported netlist solves to the same outputs. */
    @Test
    void networkCommand() throws Exception {
        Path w1 = dir.resolve("W1.csv");
        Path w2 = dir.resolve("W2.csv");
        Path b1 = dir.resolve("B1.csv");
        Path v = dir.resolve("V.csv");
        Files.writeString(w1, "0.5,-1,0.2\n-0.3,0.8,1\n0.9,0.1,-0.6\n1,-0.4,0.3\n");
        Files.writeString(w2, "1,-0.5\n-0.7,0.2\n0.4,0.9\n");
        Files.writeString(b1, "0.1\n-0.2\n0.05\n");
        Files.writeString(v, "0.25,-0.25,0.25,-0.25\n-0.1,0.2,0.05,0.25\n");
        Path out = dir.resolve("out.csv");
        Path cir = dir.resolve("net.cir");
        CliRunner.Run r = run("network", "--weights", w1 + "," + w2, "--bias", b1 + "," + b1.toString().replace("B1", "B2"), "--v",
                v.toString());
        assertEquals(2, r.code(), "a missing bias file is named");
        assertTrue(r.err().contains("B2.csv: file not found"), r.err());
        Files.writeString(dir.resolve("B2.csv"), "0,0\n");
        r = run("network", "--weights", w1 + "," + w2, "--bias", b1 + "," + dir.resolve("B2.csv"), "--v", v.toString(),
                "--rw", "1", "--out", out.toString(), "--export", cir.toString(), "--vector", "2");
        assertEquals(0, r.code(), r.err());
        double[][] outputs = CsvMatrix.read(out);
        assertEquals(2, outputs.length);
        assertEquals(2, outputs[0].length);
        Map<String, Double> op = new java.util.HashMap<>();
        CliRunner.Run solved = run("solve", "--netlist", cir.toString());
        assertEquals(0, solved.code(), solved.err());
        for (String line : solved.out().lines().skip(1).toList()) {
            op.put(line.split(",")[0], Double.parseDouble(line.split(",")[1]));
        }
        TestCrossbars.assertClose("out0", op.get("v(l2_out0)"), outputs[1][0], 1e-9, 1e-12);
        TestCrossbars.assertClose("out1", op.get("v(l2_out1)"), outputs[1][1], 1e-9, 1e-12);
        // layer by layer: the same operating point within ngspice's tolerances (reltol 1e-3, vntol 1e-6 V)
        Path layeredOut = dir.resolve("layered.csv");
        CliRunner.Run layered = run("network", "--weights", w1 + "," + w2, "--bias", b1 + "," + dir.resolve("B2.csv"), "--v",
                v.toString(), "--rw", "1", "--out", layeredOut.toString(), "--solver", "layered");
        assertEquals(0, layered.code(), layered.err());
        double[][] byLayer = CsvMatrix.read(layeredOut);
        for (int k = 0; k < 2; k++) {
            TestCrossbars.assertAllClose("layered vector " + k, byLayer[k], outputs[k], 1e-5, 2e-6);
        }
        assertEquals(2, run("network", "--weights", w1 + "," + w2, "--v", v.toString(), "--solver", "block").code());
        assertEquals(2, run("network", "--weights", w1 + "," + w2, "--v", v.toString(), "--solver", "layered",
                "--ideal-drivers").code());
        CliRunner.Run bad = run("network", "--weights", w1 + "," + w1, "--v", v.toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("has 4 rows (inputs)"), bad.err());
    }

    @Tag("ngspice")
    @Test
    void checkNgspiceAndValidateLive() throws Exception {
        NgspiceAvailable.orSkip();
        CliRunner.Run check = run("check", "netlists/mesh.cir");
        assertEquals(0, check.code(), check.err());
        assertTrue(check.out().startsWith("netlists/mesh.cir: PASS: 14 values"), check.out());
        Path op = dir.resolve("mesh.csv");
        CliRunner.Run spice = run("ngspice", "netlists/mesh.cir", "--out", op.toString());
        assertEquals(0, spice.code(), spice.err());
        assertEquals(OperatingPointCsv.read(Path.of("netlists/mesh.op.csv")).keySet(), OperatingPointCsv.read(op).keySet());
        CliRunner.Run validate = run("validate", "--max-size", "8", "--out", dir.toString());
        assertEquals(0, validate.code(), validate.err() + validate.out());
        String md = Files.readString(dir.resolve("spice-crosscheck.md"));
        assertTrue(md.contains("**8 of 8 cases pass.**"), md);
        assertTrue(md.contains("./xbar validate --max-size 8 --out " + dir), md);
        assertEquals(9, Files.readAllLines(dir.resolve("spice-crosscheck.csv")).size());
        // a partial run without --out leaves the committed full report alone
        byte[] full = Files.readAllBytes(Path.of("validation/spice-crosscheck.md"));
        byte[] fullCsv = Files.readAllBytes(Path.of("validation/spice-crosscheck.csv"));
        CliRunner.Run partial = run("validate", "--max-size", "8");
        assertEquals(0, partial.code(), partial.err() + partial.out());
        assertTrue(partial.out().contains("8 of 8 cases pass; no report written"), partial.out());
        assertArrayEquals(full, Files.readAllBytes(Path.of("validation/spice-crosscheck.md")));
        assertArrayEquals(fullCsv, Files.readAllBytes(Path.of("validation/spice-crosscheck.csv")));
    }

    @Tag("ngspice")
    @Test
    void benchTimesNgspiceOnTheSameCrossbarsAndChecksItsAnswer() throws Exception {
        NgspiceAvailable.orSkip();
        Path report = dir.resolve("performance.md");
        CliRunner.Run bench = run("bench", "--sizes", "4,6", "--ngspice-runs", "2", "--repeats", "1", "--warmup", "0",
                "--batch", "2", "--no-scaling", "--report", report.toString());
        assertEquals(0, bench.code(), bench.err() + bench.out());
        String md = Files.readString(report);
        // one row per size in the ngspice table, each agreeing node by node
        assertTrue(md.contains("**ngspice / xbar**"), md);
        for (String size : new String[] {"4x4 | 32 |", "6x6 | 72 |"}) {
            String row = md.lines().filter(l -> l.startsWith("| " + size) && l.endsWith("| yes |")).findFirst().orElse(null);
            assertTrue(row != null, size + " has no agreeing ngspice row:\n" + md);
        }
    }

    /**
     * Checking a netlist someone sent runs none of its commands: ngspice itself runs the
     * {@code shell} of a {@code .control} block and of a {@code *#} line (shown first, on the file
     * as it is), but {@code xbar ngspice} and {@code xbar check} hand ngspice only the circuit
     * xbar read, and warn about what they left out.
     */
    @Tag("ngspice")
    @Test
    void ngspiceAndCheckRunNoCommandFromTheNetlist() throws Exception {
        org.xbar.spice.Ngspice ngspice = NgspiceAvailable.orSkip();
        Path control = dir.resolve("control-ran");
        Path script = dir.resolve("script-line-ran");
        String netlist = "someone's divider\nV1 a 0 1\nR1 a b 1k\nR2 b 0 1k\n.control\nshell touch " + control
                + "\n.endc\n*# shell touch " + script + "\n.op\n.end\n";
        ngspice.run(netlist);
        assertTrue(Files.exists(control) && Files.exists(script), "ngspice runs both commands of the file as it is");
        Files.delete(control);
        Files.delete(script);
        Path cir = dir.resolve("sent.cir");
        Files.writeString(cir, netlist);
        CliRunner.Run spice = run("ngspice", cir.toString());
        assertEquals(0, spice.code(), spice.err());
        assertTrue(spice.out().contains("v(b),0.5"), spice.out());
        assertTrue(spice.err().contains("xbar ngspice: warning: " + cir + ":5: .control block skipped"), spice.err());
        assertTrue(spice.err().contains("xbar ngspice: warning: " + cir + ":8: *# line skipped"), spice.err());
        CliRunner.Run check = run("check", cir.toString());
        assertEquals(0, check.code(), check.err());
        assertTrue(check.out().contains(": PASS: "), check.out());
        assertTrue(check.err().contains("xbar check: warning: " + cir + ":5: .control block skipped"), check.err());
        assertFalse(Files.exists(control), "xbar ngspice and xbar check ran the .control block");
        assertFalse(Files.exists(script), "xbar ngspice and xbar check ran the *# line");
    }

    /** A netlist that names another file is refused before anything opens it, ngspice included. */
    @Test
    void includedFilesAreRefusedByLine() throws Exception {
        Path cir = dir.resolve("include.cir");
        Files.writeString(cir, "t\nV1 a 0 1\n.include /etc/passwd\nR1 a 0 1k\n.end\n");
        Path first = dir.resolve("first.cir");
        Files.writeString(first, ".include /etc/passwd\nV1 a 0 1\nR1 a 0 1k\n.end\n");
        for (String command : new String[] {"ngspice", "check", "solve"}) {
            for (Path file : new Path[] {cir, first}) {
                CliRunner.Run r = command.equals("solve") ? run("solve", "--netlist", file.toString()) : run(command, file.toString());
                assertEquals(2, r.code(), command + " " + file + ": " + r.err());
                int line = file.equals(cir) ? 3 : 1;
                assertTrue(r.err().contains(file + ":" + line + ": \".include /etc/passwd\" is not supported: included files"),
                        r.err());
                assertFalse(r.err().contains("root:"), "nothing of /etc/passwd is echoed: " + r.err());
            }
        }
    }

    @Test
    void netlistCommandsNameWhatIsWrongWithTheirArguments() throws Exception {
        for (String command : new String[] {"ngspice", "check"}) {
            CliRunner.Run r = run(command, dir.toString());
            assertEquals(2, r.code());
            assertTrue(r.err().contains(dir + ": is a directory, not a netlist file"), r.err());
            r = run(command, dir.resolve("missing.cir").toString());
            assertEquals(2, r.code());
            assertTrue(r.err().contains("missing.cir: file not found"), r.err());
        }
        CliRunner.Run method = run("solve", "--netlist", "netlists/divider.cir", "--method", "model");
        assertEquals(2, method.code());
        assertTrue(method.err().contains("--method: does not apply to --netlist"), method.err());
        CliRunner.Run solver = run("solve", "--netlist", "netlists/divider.cir", "--solver", "direct");
        assertEquals(2, solver.code());
        assertTrue(solver.err().contains("--solver: does not apply to --netlist"), solver.err());
        Path bell = dir.resolve("bell.cir");
        Files.writeString(bell, "t\u001b]0;title\u0007\nV1 a 0 1\nR1 a\u0007\u001b[2J 0 1k\n", java.nio.charset.StandardCharsets.ISO_8859_1);
        CliRunner.Run escaped = run("solve", "--netlist", bell.toString());
        assertEquals(2, escaped.code());
        assertTrue(escaped.err().contains("\"R1 a\\x07\\x1b[2J 0 1k\""), escaped.err());
        assertFalse(escaped.err().contains("\u0007") || escaped.err().contains("\u001b"), "no raw control byte: " + escaped.err());
    }
}
