package org.xbar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xbar.TestCrossbars.assertAllClose;
import static org.xbar.TestCrossbars.assertClose;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbar.TestCrossbars;
import org.xbar.dense.DenseOps;
import org.xbar.device.Technology;
import org.xbar.io.CsvMatrix;
import org.xbar.network.CrossbarNetwork;
import org.xbar.network.Hardware;
import org.xbar.network.Network;
import org.xbar.network.NetworkPower;
import org.xbar.network.NonlinearNetwork;
import org.xbar.network.TestNetworks;
import org.xbar.network.TileShape;
import org.xbar.results.PowerBreakdown;
import org.xbar.solve.NodalEngine;
import org.xbar.spec.CrossbarSpec;
import org.xbar.spec.DeviceIv;
import org.xbar.spec.Drive;
import org.xbar.spec.InputBatch;
import org.xbar.spec.Sensing;
import org.xbar.spec.WeightMapping;

/** {@code solve --power}, {@code --read-ns} on solve and infer: what they print is what the library computes, and bad values are refused by flag. */
class PowerCliTest {
    @TempDir
    Path dir;

    private Path g;
    private Path gNeg;
    private Path v;
    private Path v1;
    private CrossbarSpec spec;
    private InputBatch inputs;

    @BeforeEach
    void files() {
        spec = TestCrossbars.random(10, 6, WeightMapping.ROW_PAIR, 0, Drive.ONE_END, 21).withTerminations(800, 200)
                .withWires(2.5, 2.5);
        inputs = InputBatch.random(5, 10, 0.5, 4);
        g = dir.resolve("G.csv");
        gNeg = dir.resolve("GN.csv");
        v = dir.resolve("V.csv");
        v1 = dir.resolve("V1.csv");
        CsvMatrix.write(g, spec.positive().toArray());
        CsvMatrix.write(gNeg, spec.negative().toArray());
        TestCrossbars.writeVectors(v, inputs);
        CsvMatrix.write(v1, new double[][] {inputs.vector(0)});
    }

    private String[] solve(Path volts, String... extra) {
        List<String> args = new ArrayList<>(List.of("solve", "--g", g.toString(), "--g-neg", gNeg.toString(), "--v",
                volts.toString(), "--rs", "800", "--rn", "200", "--rw", "2.5"));
        args.addAll(List.of(extra));
        return args.toArray(new String[0]);
    }

    /** @return the numbers at the end of the table line that starts with {@code label} */
    private static double[] line(String text, String label, int numbers) {
        String found = text.lines().filter(l -> l.startsWith(label)).findFirst().orElseThrow(() -> new AssertionError(
                "no line " + label + " in:\n" + text));
        String[] tokens = found.trim().split("\\s+");
        return Arrays.stream(tokens, tokens.length - numbers, tokens.length).mapToDouble(Double::parseDouble).toArray();
    }

    private static double[] terms(PowerBreakdown p) {
        return new double[] {p.devices(), p.rowWires(), p.columnWires(), p.sources(), p.neurons(), p.dissipated(), p.drawn()};
    }

    @Test
    void powerOfOneVectorIsTheLibrarysBreakdown() {
        CliRunner.Run r = CliRunner.run(solve(v1, "--power"));
        assertEquals(0, r.code(), r.err());
        PowerBreakdown expected = new NodalEngine().power(spec, InputBatch.single(inputs.vector(0))).get(0);
        double[] printed = line(r.err(), "vector 1", 7);
        TestCrossbars.assertAllClose("vector 1", printed, terms(expected), 5e-5, 0);
        assertTrue(expected.rowWires() > 0 && expected.columnWires() > 0 && expected.neurons() > 0, expected.toString());
        Matcher m = Pattern.compile("<= ([0-9.e+-]+)").matcher(r.err());
        assertTrue(m.find() && Double.parseDouble(m.group(1)) < 1e-9, r.err());
        // the outputs are what they are without --power
        assertEquals(CliRunner.run(solve(v1)).out(), r.out());
    }

    @Test
    void aBatchGetsItsMeanAndMaximumAndTheEnergyPerRead() {
        Path out = dir.resolve("OUT.csv");
        CliRunner.Run r = CliRunner.run(solve(v, "--solver", "direct", "--read-ns", "20", "--out", out.toString()));
        assertEquals(0, r.code(), r.err());
        List<PowerBreakdown> each = new NodalEngine().power(spec, inputs);
        double[] mean = line(r.out(), "mean of 5 vectors", 8);
        double[] max = line(r.out(), "max of 5 vectors", 8);
        double[] expectedMean = Arrays.copyOf(terms(PowerBreakdown.mean(each)), 8);
        expectedMean[7] = PowerBreakdown.mean(each).drawn() * 20e-9;
        double[] expectedMax = Arrays.copyOf(terms(PowerBreakdown.max(each)), 8);
        expectedMax[7] = PowerBreakdown.max(each).drawn() * 20e-9;
        TestCrossbars.assertAllClose("mean", mean, expectedMean, 5e-5, 0);
        TestCrossbars.assertAllClose("max", max, expectedMax, 5e-5, 0);
        assertTrue(r.out().contains("energy per read J"), r.out());
        assertEquals(5, CsvMatrix.read(out).length);
    }

    @Test
    void voltageSensingHasNoNeuronPower() {
        CliRunner.Run r = CliRunner.run("solve", "--g", g.toString(), "--g-neg", gNeg.toString(), "--v", v1.toString(),
                "--rs", "800", "--rw", "2.5", "--sensing", "inverter", "--power");
        assertEquals(0, r.code(), r.err());
        PowerBreakdown expected = new NodalEngine().power(spec.withSensing(Sensing.VOLTAGE),
                InputBatch.single(inputs.vector(0))).get(0);
        double[] printed = line(r.err(), "vector 1", 7);
        TestCrossbars.assertAllClose("vector 1", printed, terms(expected), 5e-5, 0);
        assertEquals(0.0, printed[4], 0.0);
    }

    @Test
    void badReadTimesAndMethodsWithoutNodeVoltagesAreRefusedByFlag() {
        for (String t : new String[] {"0", "-1", "NaN", "Infinity"}) {
            CliRunner.Run r = CliRunner.run(solve(v1, "--power", "--read-ns", t));
            assertEquals(2, r.code(), t + ": " + r.err());
            assertTrue(r.err().contains("--read-ns"), r.err());
        }
        for (String method : new String[] {"model", "ideal"}) {
            CliRunner.Run r = CliRunner.run(solve(v1, "--power", "--method", method));
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains("--power") && r.err().contains("nodal"), r.err());
            CliRunner.Run energy = CliRunner.run(solve(v1, "--read-ns", "10", "--method", method));
            assertEquals(2, energy.code(), energy.err());
            assertTrue(energy.err().contains("--read-ns"), energy.err());
        }
        CliRunner.Run netlist = CliRunner.run("solve", "--netlist", dir.resolve("none.cir").toString(), "--power");
        assertEquals(2, netlist.code(), netlist.err());
        assertTrue(netlist.err().contains("--power"), netlist.err());
        // nonlinear devices: the breakdown takes each device's current from its own law, and the
        // outputs are those of the same solve without --power
        CliRunner.Run nonlinear = CliRunner.run(solve(v1, "--power", "--nonlinearity", "2"));
        assertEquals(0, nonlinear.code(), nonlinear.err());
        assertEquals(CliRunner.run(solve(v1, "--nonlinearity", "2")).out(), nonlinear.out());
        CliRunner.Run linear = CliRunner.run(solve(v1, "--power"));
        assertNotEquals(linear.err(), nonlinear.err(), "sinh devices draw another power than linear ones");
    }

    /** @return the factor of an SI prefix as PowerOutput.si prints it */
    private static double unit(String prefix) {
        return switch (prefix) {
            case "f" -> 1e-15;
            case "p" -> 1e-12;
            case "n" -> 1e-9;
            case "u" -> 1e-6;
            case "m" -> 1e-3;
            default -> 1;
        };
    }

    @Test
    void inferReportsTheEnergyPerInference() {
        Network network = TestNetworks.random(3, 12, 6, 4);
        List<Path> written = NetworkFiles.write(network, dir);
        double[] flat = TestNetworks.inputs(4, 5, 12);
        double[][] rows = new double[5][];
        for (int k = 0; k < 5; k++) {
            rows[k] = Arrays.copyOfRange(flat, k * 12, (k + 1) * 12);
        }
        Path x = dir.resolve("X.csv");
        CsvMatrix.write(x, rows);
        List<String> args = new ArrayList<>(List.of("infer", "--weights", written.get(0) + "," + written.get(2), "--bias",
                written.get(1) + "," + written.get(3), "--inputs", x.toString(), "--technology", "TaOx", "--tile", "5x3",
                "--rs", "800", "--rn", "200", "--rw", "2.5"));
        Hardware hardware = Hardware.ideal(Technology.TAOX).withTerminations(800, 200).withWires(2.5).withTile(new TileShape(5, 3));
        NetworkPower power = CrossbarNetwork.map(network, hardware).effectiveWithPower();
        double joules = NetworkPower.meanJoules(power.watts(flat, 5, DenseOps.ejml(1)), 10e-9);

        List<String> withEnergy = new ArrayList<>(args);
        withEnergy.addAll(List.of("--read-ns", "10"));
        CliRunner.Run r = CliRunner.run(withEnergy.toArray(new String[0]));
        assertEquals(0, r.code(), r.err());
        Matcher m = Pattern.compile("energy per inference ([0-9.]+) ([fpnum]?)J \\(mean").matcher(r.err());
        assertTrue(m.find(), r.err());
        assertClose("energy per inference", Double.parseDouble(m.group(1)) * unit(m.group(2)), joules, 5e-4, 0);
        CliRunner.Run plain = CliRunner.run(args.toArray(new String[0]));
        assertEquals(plain.out(), r.out(), "the outputs do not change with --read-ns");

        // sinh devices: every tile solved per vector; the library's outputs and energy, printed
        List<String> sinh = new ArrayList<>(withEnergy);
        sinh.addAll(List.of("--nonlinearity", "3", "--threads", "2"));
        CliRunner.Run nonlinear = CliRunner.run(sinh.toArray(new String[0]));
        assertEquals(0, nonlinear.code(), nonlinear.err());
        assertTrue(nonlinear.err().contains("sinh, K = 3.0 1/V devices"), nonlinear.err());
        NonlinearNetwork.Result expected = NonlinearNetwork.evaluate(CrossbarNetwork.map(network, hardware),
                DeviceIv.sinh(3), flat, 5, 1, true);
        double[][] printed = CsvMatrix.parse("stdout", nonlinear.out().lines().toList());
        for (int k = 0; k < 5; k++) {
            assertAllClose("vector " + k, printed[k], Arrays.copyOfRange(expected.outputs(), k * 4, (k + 1) * 4), 0, 0);
        }
        Matcher e = Pattern.compile("energy per inference ([0-9.]+) ([fpnum]?)J \\(mean").matcher(nonlinear.err());
        assertTrue(e.find(), nonlinear.err());
        assertClose("nonlinear energy per inference", Double.parseDouble(e.group(1)) * unit(e.group(2)),
                NetworkPower.meanJoules(expected.watts(), 10e-9), 5e-4, 0);
        List<String> modelWithK = new ArrayList<>(args);
        modelWithK.addAll(List.of("--nonlinearity", "3", "--method", "wire-aware"));
        CliRunner.Run refusedModel = CliRunner.run(modelWithK.toArray(new String[0]));
        assertEquals(2, refusedModel.code(), refusedModel.err());
        assertTrue(refusedModel.err().contains("--nonlinearity") && refusedModel.err().contains("--method nodal"),
                refusedModel.err());

        for (String[] bad : new String[][] {{"--read-ns", "0"}, {"--read-ns", "-3"}, {"--read-ns", "NaN"},
            {"--read-ns", "10", "--method", "model"}}) {
            List<String> refused = new ArrayList<>(args);
            refused.addAll(List.of(bad));
            CliRunner.Run no = CliRunner.run(refused.toArray(new String[0]));
            assertEquals(2, no.code(), String.join(" ", bad) + ": " + no.err());
            assertTrue(no.err().contains("--read-ns"), no.err());
        }
    }
}
