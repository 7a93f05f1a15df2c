package org.xbar.model;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xbar.TestCrossbars.assertAllClose;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbar.TestCrossbars;
import org.xbar.compare.ErrorMetrics;
import org.xbar.results.OutputBatch;
import org.xbar.solve.DirectCrossbarSolver;
import org.xbar.solve.NodalEngine;
import org.xbar.spec.CrossbarSpec;
import org.xbar.spec.Drive;
import org.xbar.spec.InputBatch;
import org.xbar.spec.Sensing;
import org.xbar.spec.WeightMapping;

/**
 * The analytical model equals exact nodal analysis where the theory says it must (DESIGN
 * section 3: {@code R_S = 0} or {@code R_N = 0}, ideal wires) and differs where it is an
 * approximation; the ideal model equals nodal analysis without any parasitics.
 */
class AnalyticalModelTest {

    static Stream<Arguments> exactCases() {
        List<Arguments> cases = new ArrayList<>();
        long seed = 70;
        for (WeightMapping mapping : WeightMapping.values()) {
            for (Drive drive : Drive.values()) {
                CrossbarSpec base = TestCrossbars.random(14, 9, mapping, 0, drive, seed++);
                cases.add(Arguments.of("R_S = 0", base.withTerminations(0, 180)));
                cases.add(Arguments.of("R_N = 0", base.withTerminations(750, 0)));
                cases.add(Arguments.of("per-row R_S, R_N = 0", withZeroNeuron(base)));
                cases.add(Arguments.of("R_S = 0, per-column R_N", withZeroSource(base)));
            }
        }
        return cases.stream();
    }

    private static CrossbarSpec withZeroNeuron(CrossbarSpec s) {
        return new CrossbarSpec(s.positive(), s.negative(), s.mapping(), s.sourceOhms(), new double[s.outputs()], 0, 0, s.drive());
    }

    private static CrossbarSpec withZeroSource(CrossbarSpec s) {
        return new CrossbarSpec(s.positive(), s.negative(), s.mapping(), new double[s.inputs()], s.neuronOhms(), 0, 0, s.drive());
    }

    private static OutputBatch nodal(CrossbarSpec spec, InputBatch inputs) {
        return new NodalEngine(new DirectCrossbarSolver()).evaluate(spec, inputs);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exactCases")
    void modelIsExactWhenOneTerminationVanishes(String label, CrossbarSpec spec) {
        InputBatch inputs = InputBatch.random(5, spec.inputs(), 1.0, 3);
        OutputBatch exact = nodal(spec, inputs);
        OutputBatch model = new AnalyticalModel().evaluate(spec, inputs);
        for (int k = 0; k < inputs.size(); k++) {
            assertAllClose(label + " vector " + k, model.vector(k), exact.vector(k), 1e-12, 1e-12 * maxAbs(exact.vector(k)));
        }
    }

    @Test
    void modelIsAnApproximationWhenBothTerminationsArePresent() {
        for (WeightMapping mapping : WeightMapping.values()) {
            CrossbarSpec spec = TestCrossbars.random(32, 16, mapping, 0, Drive.ONE_END, 5).withTerminations(800, 200);
            InputBatch inputs = InputBatch.random(10, spec.inputs(), 1.0, 4);
            ErrorMetrics e = ErrorMetrics.of(new AnalyticalModel().evaluate(spec, inputs), nodal(spec, inputs));
            assertTrue(e.nrmsdRange() > 1e-7, mapping + ": model differs from nodal, NRMSD " + e.nrmsdRange());
            ErrorMetrics ideal = ErrorMetrics.of(new IdealModel().evaluate(spec, inputs), nodal(spec, inputs));
            assertTrue(ideal.nrmsdRange() > 10 * e.nrmsdRange(), mapping + ": the model beats the ideal product by far: "
                    + e.nrmsdRange() + " vs " + ideal.nrmsdRange());
        }
    }

    @Test
    void idealModelIsExactWithoutParasitics() {
        for (WeightMapping mapping : WeightMapping.values()) {
            CrossbarSpec spec = TestCrossbars.random(12, 10, mapping, 0, Drive.ONE_END, 8).withTerminations(0, 0);
            InputBatch inputs = InputBatch.random(4, spec.inputs(), 1.0, 5);
            OutputBatch exact = nodal(spec, inputs);
            OutputBatch ideal = new IdealModel().evaluate(spec, inputs);
            for (int k = 0; k < inputs.size(); k++) {
                assertAllClose(mapping + " vector " + k, ideal.vector(k), exact.vector(k), 1e-12, 1e-12 * maxAbs(exact.vector(k)));
            }
        }
    }

    /** Floating columns: with R_S = 0 both models are exact (the weighted mean of the inputs). */
    @Test
    void voltageSensingModelsAreExactWithoutSourceResistance() {
        for (WeightMapping mapping : WeightMapping.values()) {
            for (Drive drive : Drive.values()) {
                CrossbarSpec spec = TestCrossbars.random(11, 7, mapping, 0, drive, 21).withTerminations(0, 0)
                        .withSensing(Sensing.VOLTAGE);
                InputBatch inputs = InputBatch.random(4, 11, 1.0, 6);
                OutputBatch exact = nodal(spec, inputs);
                OutputBatch model = new AnalyticalModel().evaluate(spec, inputs);
                OutputBatch ideal = new IdealModel().evaluate(spec, inputs);
                for (int k = 0; k < inputs.size(); k++) {
                    assertAllClose(mapping + " model " + k, model.vector(k), exact.vector(k), 1e-12, 1e-13);
                    assertAllClose(mapping + " ideal " + k, ideal.vector(k), exact.vector(k), 1e-12, 1e-13);
                }
            }
        }
    }

    /**
     * Floating columns with R_S: equal inputs drive no current, so the model is exact there; with
     * random inputs it is an approximation, and much better than the ideal weighted mean.
     */
    @Test
    void voltageSensingModelWithSourceResistance() {
        CrossbarSpec spec = TestCrossbars.random(32, 16, WeightMapping.SINGLE, 0, Drive.ONE_END, 22)
                .withTerminations(800, 0).withSensing(Sensing.VOLTAGE);
        double[] equal = new double[32];
        java.util.Arrays.fill(equal, 0.37);
        InputBatch same = InputBatch.single(equal);
        assertAllClose("equal inputs", new AnalyticalModel().evaluate(spec, same).vector(0), nodal(spec, same).vector(0),
                1e-12, 0);
        InputBatch inputs = InputBatch.random(10, 32, 1.0, 7);
        OutputBatch exact = nodal(spec, inputs);
        ErrorMetrics model = ErrorMetrics.of(new AnalyticalModel().evaluate(spec, inputs), exact);
        ErrorMetrics ideal = ErrorMetrics.of(new IdealModel().evaluate(spec, inputs), exact);
        assertTrue(model.nrmsdRange() > 1e-9, "an approximation: " + model.nrmsdRange());
        assertTrue(model.nrmsdRange() < ideal.nrmsdRange() / 3, model.nrmsdRange() + " vs ideal " + ideal.nrmsdRange());
    }

    /** Hand-checked: one device, R_S and R_N in series with it: I = V / (R_S + 1/g + R_N). */
    @Test
    void singleDeviceIsASeriesCircuit() {
        double g = 1e-4;
        CrossbarSpec spec = CrossbarSpec.single(org.xbar.spec.ConductanceMatrix.of(new double[][] {{g}}))
                .sourceOhms(1000).neuronOhms(500).build();
        InputBatch inputs = InputBatch.single(new double[] {2.0});
        double expected = 2.0 / (1000 + 1 / g + 500);
        assertAllClose("model", new AnalyticalModel().evaluate(spec, inputs).vector(0), new double[] {expected}, 1e-14, 0);
        assertAllClose("nodal", nodal(spec, inputs).vector(0), new double[] {expected}, 1e-12, 0);
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }
}
