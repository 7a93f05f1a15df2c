package org.xbar.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xbar.TestCrossbars.assertAllClose;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xbar.TestCrossbars;
import org.xbar.compare.ErrorMetrics;
import org.xbar.results.OutputBatch;
import org.xbar.solve.NodalEngine;
import org.xbar.spec.CrossbarSpec;
import org.xbar.spec.DeviceIv;
import org.xbar.spec.Drive;
import org.xbar.spec.InputBatch;
import org.xbar.spec.WeightMapping;

/** The wire-aware model: the seed model without wires, and first-order correct in the wire resistance. */
class WireAwareModelTest {

    /** Without wires the model is exact where the seed model is: R_S = 0 or R_N = 0. */
    @ParameterizedTest
    @EnumSource(WeightMapping.class)
    void exactWhereTheSeedModelIs(WeightMapping mapping) {
        CrossbarSpec base = TestCrossbars.random(20, 12, mapping, 0, Drive.BOTH_ENDS, 3);
        InputBatch inputs = InputBatch.random(3, 20, 1.0, 4);
        for (CrossbarSpec spec : new CrossbarSpec[] {base.withTerminations(0, 150), base.withTerminations(600, 0)}) {
            OutputBatch exact = new NodalEngine().evaluate(spec, inputs);
            OutputBatch model = new WireAwareModel().evaluate(spec, inputs);
            for (int k = 0; k < 3; k++) {
                assertAllClose(mapping + " vector " + k, model.vector(k), exact.vector(k), 1e-12, 1e-18);
            }
        }
    }

    /**
     * Nonlinear devices, the first-order correction. With R_S = R_N = 0 and no wires every device
     * sees its input exactly, so the secant conductances at the linear pass's voltages give the
     * exact currents: the model equals Newton's solution (to Newton's tolerance). With terminations
     * and wires it is no longer exact, but far closer than the same model with the programmed
     * conductances; a vanishing nonlinearity is the linear model.
     */
    @Test
    void theNonlinearCorrectionIsExactWhereEveryDeviceSeesItsInput() {
        CrossbarSpec base = TestCrossbars.random(16, 10, WeightMapping.ROW_PAIR, 0, Drive.ONE_END, 31);
        InputBatch inputs = InputBatch.random(3, 16, 0.5, 32);
        for (DeviceIv law : new DeviceIv[] {DeviceIv.sinh(4), TestCrossbars.sampledSinh(2)}) {
            CrossbarSpec ideal = base.withTerminations(0, 0).withDevice(law);
            OutputBatch exact = new NodalEngine().evaluate(ideal, inputs);
            OutputBatch model = new WireAwareModel().evaluate(ideal, inputs);
            for (int k = 0; k < 3; k++) {
                assertAllClose(law.describe() + " vector " + k, model.vector(k), exact.vector(k), 1e-6, 1e-15);
            }
        }
        CrossbarSpec terminated = base.withTerminations(800, 200).withWires(1.0, 1.0);
        CrossbarSpec sinh = terminated.withDevice(DeviceIv.sinh(3));
        OutputBatch exact = new NodalEngine().evaluate(sinh, inputs);
        double corrected = error(new WireAwareModel(), sinh, inputs, exact);
        double uncorrected = error(new WireAwareModel(), terminated, inputs, exact);
        assertTrue(corrected < uncorrected / 5, corrected + " vs " + uncorrected);
        OutputBatch tiny = new WireAwareModel().evaluate(terminated.withDevice(DeviceIv.sinh(1e-7)), inputs);
        OutputBatch linear = new WireAwareModel().evaluate(terminated, inputs);
        for (int k = 0; k < 3; k++) {
            assertAllClose("K -> 0, vector " + k, tiny.vector(k), linear.vector(k), 1e-9, 1e-18);
        }
    }

    /**
     * Without wires the seed model's error is of order R_S R_N: halving both quarters it (here
     * from 200/50 ohm to 100/25 ohm). The corrected coupling's error is of higher order: halving both
     * cuts it by at least eight.
     */
    @Test
    void higherOrderInTheTerminations() {
        CrossbarSpec base = TestCrossbars.random(40, 24, WeightMapping.ROW_PAIR, 0, Drive.ONE_END, 9);
        InputBatch inputs = InputBatch.random(4, 40, 1.0, 10);
        double[] seed = new double[2];
        double[] wire = new double[2];
        for (int k = 0; k < 2; k++) {
            double scale = k == 0 ? 0.25 : 0.125;
            CrossbarSpec spec = base.withTerminations(800 * scale, 200 * scale);
            OutputBatch exact = new NodalEngine().evaluate(spec, inputs);
            seed[k] = error(new AnalyticalModel(), spec, inputs, exact);
            wire[k] = error(new WireAwareModel(), spec, inputs, exact);
        }
        double seedRatio = seed[0] / seed[1];
        assertTrue(seedRatio > 3.6 && seedRatio < 4.4, "seed model error ratio " + seedRatio);
        assertTrue(wire[0] / wire[1] > 7.5, "corrected model error ratio " + wire[0] / wire[1]);
        assertTrue(wire[0] < seed[0] / 50, wire[0] + " vs " + seed[0]);
    }

    private static double error(OutputModel model, CrossbarSpec spec, InputBatch inputs, OutputBatch exact) {
        return ErrorMetrics.of(model.evaluate(spec, inputs), exact).nrmsdRange();
    }

    /**
     * With R_S = R_N = 0 the seed model is exact without wires. Adding wires of resistance r, its
     * error grows like r; the wire-aware model's like r^2: halving r halves one and quarters the
     * other.
     */
    @ParameterizedTest
    @EnumSource(Drive.class)
    void firstOrderInTheWireResistance(Drive drive) {
        CrossbarSpec base = TestCrossbars.random(24, 16, WeightMapping.SINGLE, 0, drive, 5).withTerminations(0, 0);
        InputBatch inputs = InputBatch.random(4, 24, 1.0, 6);
        double[] seed = new double[2];
        double[] wire = new double[2];
        double[] r = {0.02, 0.01};
        for (int k = 0; k < 2; k++) {
            CrossbarSpec spec = base.withWires(r[k], r[k]);
            OutputBatch exact = new NodalEngine().evaluate(spec, inputs);
            seed[k] = error(new AnalyticalModel(), spec, inputs, exact);
            wire[k] = error(new WireAwareModel(), spec, inputs, exact);
        }
        double seedRatio = seed[0] / seed[1];
        double wireRatio = wire[0] / wire[1];
        assertTrue(seedRatio > 1.9 && seedRatio < 2.1, drive + ": seed model error ratio " + seedRatio);
        assertTrue(wireRatio > 3.6 && wireRatio < 4.4, drive + ": wire-aware model error ratio " + wireRatio);
        assertTrue(wire[1] < seed[1] / 50, drive + ": " + wire[1] + " vs " + seed[1]);
    }

    /** At seed 004's worst corner with 2.5 ohm wires (r g n^2 about 0.03), the correction beats the seed model tenfold. */
    @ParameterizedTest
    @EnumSource(WeightMapping.class)
    void beatsTheSeedModelWithWires(WeightMapping mapping) {
        CrossbarSpec spec = TestCrossbars.random(32, 32, mapping, 2.5, Drive.ONE_END, 7).withTerminations(800, 200);
        InputBatch inputs = InputBatch.random(5, 32, 1.0, 8);
        OutputBatch exact = new NodalEngine().evaluate(spec, inputs);
        double seed = error(new AnalyticalModel(), spec, inputs, exact);
        double wire = error(new WireAwareModel(), spec, inputs, exact);
        assertTrue(wire < seed / 10, mapping + ": wire-aware " + wire + " vs seed " + seed);
    }

    /**
     * A uniformly loaded row line (one input, 400 devices alike, columns held at ground) is a
     * transmission line: its total current is {@code G V tanh(x)/x} with {@code x^2 = r G n}. At
     * {@code x^2 = 3} the seed model, which ignores the wire, is 85 % off; the first-order drops
     * alone would overshoot; resummed, the model is within 1 % of the exact ladder.
     */
    @Test
    void reproducesTheUniformLineAttenuation() {
        int n = 400;
        double g = 1.0 / 80e3;
        double[][] row = new double[1][n];
        java.util.Arrays.fill(row[0], g);
        double r = 3.0 / (n * n * g);
        CrossbarSpec spec = CrossbarSpec.single(org.xbar.spec.ConductanceMatrix.of(row)).wireOhms(r, 0).build();
        InputBatch input = InputBatch.single(new double[] {0.2});
        double exact = java.util.Arrays.stream(new NodalEngine().evaluate(spec, input).vector(0)).sum();
        double model = java.util.Arrays.stream(new WireAwareModel().evaluate(spec, input).vector(0)).sum();
        double seed = java.util.Arrays.stream(new AnalyticalModel().evaluate(spec, input).vector(0)).sum();
        double x = Math.sqrt(3);
        assertEquals(n * g * 0.2 * Math.tanh(x) / x, exact, 0.01 * exact, "the ladder is a transmission line");
        assertEquals(exact, model, 0.01 * exact, "wire-aware model");
        assertTrue(Math.abs(seed - exact) > 0.8 * exact, "seed model " + seed + " vs " + exact);
    }

    /** Past r g n^2 = 1 the correction no longer reaches the exact solution, but it stays well ahead of the seed model. */
    @Test
    void staysAheadOnLargeArraysWithResistiveWires() {
        CrossbarSpec spec = new org.xbar.device.WeightMapper(new org.xbar.device.Quantizer(org.xbar.device.Technology.TIO2, 4))
                .random(128, 128, WeightMapping.ROW_PAIR, 1).toSpec().sourceOhms(800).neuronOhms(200).wireOhms(10).build();
        InputBatch inputs = InputBatch.random(3, 128, 0.2, 2);
        OutputBatch exact = new NodalEngine().evaluate(spec, inputs);
        double seed = error(new AnalyticalModel(), spec, inputs, exact);
        double wire = error(new WireAwareModel(), spec, inputs, exact);
        assertTrue(seed > 0.2, "seed model " + seed);
        assertTrue(wire < seed / 3, "wire-aware " + wire + " vs seed " + seed);
    }
}
