package org.xbar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbar.TestCrossbars;
import org.xbar.compare.ErrorMetrics;
import org.xbar.io.CsvMatrix;
import org.xbar.model.AnalyticalModel;
import org.xbar.results.OutputBatch;
import org.xbar.solve.DirectCrossbarSolver;
import org.xbar.solve.NodalEngine;
import org.xbar.spec.CrossbarSpec;
import org.xbar.spec.DeviceIv;
import org.xbar.spec.Drive;
import org.xbar.spec.InputBatch;
import org.xbar.spec.WeightMapping;
import org.xbar.spice.Netlist;
import org.xbar.spice.NetlistReader;

/** {@code --nonlinearity} and {@code --iv-table} on solve, compare and export, end to end. */
class NonlinearCliTest {
    @TempDir
    Path dir;

    private Path g;
    private Path v;
    private CrossbarSpec spec;
    private InputBatch inputs;

    @BeforeEach
    void files() {
        spec = TestCrossbars.random(6, 4, WeightMapping.SINGLE, 0, Drive.ONE_END, 5).withTerminations(800, 200)
                .withWires(2.5, 2.5);
        inputs = InputBatch.random(3, 6, 1.0, 6);
        g = dir.resolve("G.csv");
        v = dir.resolve("V.csv");
        CsvMatrix.write(g, spec.positive().toArray());
        TestCrossbars.writeVectors(v, inputs);
    }

    private String[] args(String command, String... extra) {
        List<String> args = new ArrayList<>(List.of(command, "--g", g.toString(), "--v", v.toString(), "--rs", "800",
                "--rn", "200", "--rw", "2.5"));
        args.addAll(List.of(extra));
        return args.toArray(new String[0]);
    }

    @Test
    void solveWithSinhDevicesIsTheLibrarysNewtonSolve() {
        CliRunner.Run r = CliRunner.run(args("solve", "--nonlinearity", "4"));
        assertEquals(0, r.code(), r.err());
        double[][] printed = CsvMatrix.parse("stdout", r.out().lines().toList());
        OutputBatch expected = new NodalEngine().evaluate(spec.withDevice(DeviceIv.sinh(4)), inputs);
        OutputBatch linear = new NodalEngine().evaluate(spec, inputs);
        CliRunner.Run direct = CliRunner.run(args("solve", "--nonlinearity", "4", "--solver", "direct"));
        assertEquals(0, direct.code(), direct.err());
        double[][] printedDirect = CsvMatrix.parse("stdout", direct.out().lines().toList());
        OutputBatch expectedDirect = new NodalEngine(new DirectCrossbarSolver()).evaluate(spec.withDevice(DeviceIv.sinh(4)),
                inputs);
        for (int k = 0; k < printed.length; k++) {
            TestCrossbars.assertAllClose("vector " + k, printed[k], expected.vector(k), 1e-15, 0);
            TestCrossbars.assertAllClose("direct, vector " + k, printedDirect[k], expectedDirect.vector(k), 1e-15, 0);
            // both Newton iterations stop at ngspice's tolerances, not necessarily at the same step
            TestCrossbars.assertAllClose("the two solvers, vector " + k, printed[k], printedDirect[k], 1e-6, 0);
            assertTrue(Math.abs(printed[k][0] - linear.vector(k)[0]) > 1e-3 * Math.abs(linear.vector(k)[0]),
                    "the nonlinearity changes the outputs");
        }
        CliRunner.Run zero = CliRunner.run(args("solve", "--nonlinearity", "0"));
        assertEquals(0, zero.code(), zero.err());
        double[][] linearPrinted = CsvMatrix.parse("stdout", zero.out().lines().toList());
        TestCrossbars.assertAllClose("K = 0 is linear", linearPrinted[0], linear.vector(0), 1e-15, 0);
    }

    /** 1D1R from the command line: the library's solve of the same selector, exported netlists that ngspice reads. */
    @Test
    void diodeSelectorsFromTheCommandLine() throws IOException {
        CliRunner.Run r = CliRunner.run(args("solve", "--selector", "diode", "--diode-is", "2e-14", "--diode-n", "1.2",
                "--diode-bv", "3"));
        assertEquals(0, r.code(), r.err());
        double[][] printed = CsvMatrix.parse("stdout", r.out().lines().toList());
        OutputBatch expected = new NodalEngine().evaluate(spec.withDevice(new DeviceIv.DiodeSelector(2e-14, 1.2, 3)),
                inputs);
        for (int k = 0; k < printed.length; k++) {
            TestCrossbars.assertAllClose("vector " + k, printed[k], expected.vector(k), 1e-15, 0);
        }
        Path out = dir.resolve("x.cir");
        CliRunner.Run export = CliRunner.run(args("export", "--selector", "diode", "--out", out.toString()));
        assertEquals(0, export.code(), export.err());
        Netlist read = NetlistReader.read(out.toString(), Files.readAllLines(out));
        assertEquals(24, read.circuit().diodes().size(), "one selector per device");
        for (String[] bad : new String[][] {{"--selector", "triode"}, {"--diode-is", "1e-12"},
            {"--selector", "diode", "--nonlinearity", "2"}, {"--selector", "diode", "--diode-is", "-1"},
            {"--selector", "diode", "--diode-bv", "0"}}) {
            CliRunner.Run no = CliRunner.run(args("solve", bad));
            assertEquals(2, no.code(), String.join(" ", bad) + ": " + no.err());
            assertTrue(no.err().contains("--selector") || no.err().contains("--diode"), no.err());
        }
    }

    @Test
    void badFlagsAreRefusedWithExitCodeTwo() throws IOException {
        CliRunner.Run negative = CliRunner.run(args("solve", "--nonlinearity", "-1"));
        assertEquals(2, negative.code());
        assertTrue(negative.err().contains("--nonlinearity"), negative.err());
        CliRunner.Run model = CliRunner.run(args("solve", "--nonlinearity", "2", "--method", "model"));
        assertEquals(2, model.code(), model.err());
        Path table = dir.resolve("iv.csv");
        Files.writeString(table, "# V,I\n-1,-2e-4\n0,0\n0.5,1e-4\n0.4,2e-4\n");
        CliRunner.Run bad = CliRunner.run(args("solve", "--iv-table", table.toString()));
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains(table + ":5:"), "names the file and line: " + bad.err());
        CliRunner.Run both = CliRunner.run(args("solve", "--iv-table", table.toString(), "--nonlinearity", "1"));
        assertEquals(2, both.code(), both.err());
    }

    @Test
    void exportWritesSinhAndTableDevicesAsBSourcesThatReadBack() throws IOException {
        Path out = dir.resolve("x.cir");
        CliRunner.Run r = CliRunner.run(args("export", "--nonlinearity", "3", "--out", out.toString()));
        assertEquals(0, r.code(), r.err());
        String text = Files.readString(out);
        assertTrue(text.contains(" I=") && text.contains("/3.0*sinh(3.0*v(r"), text);
        org.xbar.circuit.Circuit read = NetlistReader.read(out.toString(), text.lines().toList()).circuit();
        long devices = java.util.Arrays.stream(spec.positive().toArray()).flatMapToDouble(java.util.Arrays::stream)
                .filter(x -> x > 0).count();
        assertEquals(devices, read.behavioralCurrents().size(), "one B source per device");
        assertEquals(0, read.resistors().size() - (6 + 4 + 6 * 3 + 5 * 4), "no device left as a resistor");
        Path table = dir.resolve("iv.csv");
        Files.writeString(table, "-1,-3e-4\n-0.2,-4e-5\n0,0\n0.3,8e-5\n1,5e-4\n");
        CliRunner.Run t = CliRunner.run(args("export", "--iv-table", table.toString()));
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains(" ? ") && t.out().contains("monotone cubic Hermite"), t.out());
    }

    @Test
    void compareShowsHowFarTheLinearModelsAreFromTheNonlinearSolve() {
        CliRunner.Run r = CliRunner.run(args("compare", "--nonlinearity", "5"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("devices: sinh, K = 5.0 1/V"), r.out());
        CrossbarSpec sinh = spec.withDevice(DeviceIv.sinh(5));
        ErrorMetrics e = ErrorMetrics.of(new AnalyticalModel().evaluate(spec, inputs),
                new NodalEngine(new DirectCrossbarSolver()).evaluate(sinh, inputs));
        String modelLine = r.out().lines().filter(l -> l.startsWith("model")).findFirst().orElseThrow();
        assertTrue(modelLine.contains(String.format(Locale.ROOT, "%.3e", e.nrmsdRange())), modelLine);
    }
}
