package org.xbar.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbar.TestCrossbars;
import org.xbar.error.NonFiniteResultException;
import org.xbar.results.OutputBatch;
import org.xbar.results.SolverStatistics;
import org.xbar.solve.DirectCrossbarSolver;
import org.xbar.solve.NodalEngine;
import org.xbar.solve.OutputMethod;
import org.xbar.solve.SolverKind;
import org.xbar.spec.ConductanceMatrix;
import org.xbar.spec.CrossbarSpec;
import org.xbar.spec.Drive;
import org.xbar.spec.InputBatch;
import org.xbar.spec.Sensing;
import org.xbar.spec.WeightMapping;

/**
 * No model and no solver returns NaN or infinity: crossbars at the edge of the accepted dynamic
 * range give finite outputs everywhere, and the final guard refuses a non-finite number rather
 * than pass it on.
 */
class FiniteOutputsTest {

    /**
     * Crossbars near the range limit, 1e12: one device of 1.5e5 S among TiO2 devices (ratio 6e11 to
     * the smallest of 1/600 kohm), and wires of 3e-6 ohm (ratio 5e11).
     */
    static List<CrossbarSpec> extremeButAccepted() {
        CrossbarSpec base = TestCrossbars.random(12, 9, WeightMapping.ROW_PAIR, 2.5, Drive.ONE_END, 4);
        double[][] g = base.positive().toArray();
        g[5][4] = 1.5e5;
        CrossbarSpec device = CrossbarSpec.pair(ConductanceMatrix.of(g), base.negative(), WeightMapping.ROW_PAIR)
                .sourceOhms(base.sourceOhms()).neuronOhms(base.neuronOhms()).wireOhms(2.5).build();
        return List.of(device, device.withSensing(Sensing.VOLTAGE), base.withWires(3e-6, 3e-6),
                base.withWires(3e-6, 3e-6).withSensing(Sensing.VOLTAGE));
    }

    @Test
    void everyModelAndSolverIsFiniteAtTheEdgeOfTheRange() {
        List<OutputModel> models = List.of(new AnalyticalModel(), new IdealModel(), new WireAwareModel(),
                OutputMethod.NODAL.create(SolverKind.ITERATIVE), OutputMethod.NODAL.create(SolverKind.DIRECT));
        for (CrossbarSpec spec : extremeButAccepted()) {
            InputBatch inputs = InputBatch.random(4, spec.inputs(), 1.0, 6);
            for (OutputModel model : models) {
                OutputBatch out = model.evaluate(spec, inputs);
                assertTrue(Arrays.stream(out.flat()).allMatch(Double::isFinite), model.name() + " on " + spec);
            }
            assertTrue(Arrays.stream(new AnalyticalModel().prepare(spec).matrix()).allMatch(Double::isFinite));
        }
    }

    /**
     * The iterative and the direct solver at the edge of the range agree to what the ratio leaves:
     * about 2e-17 times the ratio (measured, see {@link CrossbarSpec#MAX_CONDUCTANCE_RATIO}), 1e-5 here.
     */
    @Test
    void iterativeAndDirectAgreeAtTheEdgeOfTheRange() {
        for (CrossbarSpec spec : extremeButAccepted()) {
            InputBatch inputs = InputBatch.random(2, spec.inputs(), 1.0, 7);
            OutputBatch iterative = new NodalEngine().evaluate(spec, inputs);
            OutputBatch direct = new NodalEngine(new DirectCrossbarSolver()).evaluate(spec, inputs);
            double scale = Arrays.stream(direct.flat()).map(Math::abs).max().orElseThrow();
            for (int k = 0; k < inputs.size(); k++) {
                TestCrossbars.assertAllClose(spec + " vector " + k, iterative.vector(k), direct.vector(k), 0, 3e-5 * scale);
            }
        }
    }

    @Test
    void theGuardRefusesNonFiniteOutputs() {
        List<SolverStatistics> stats = List.of(new SolverStatistics("a model", 0, 0, 0, SolverStatistics.Path.MODEL),
                new SolverStatistics("a model", 0, 0, 0, SolverStatistics.Path.MODEL));
        NonFiniteResultException e = assertThrows(NonFiniteResultException.class,
                () -> new OutputBatch(new double[][] {{1, 2}, {3, Double.NaN}}, stats, 0));
        assertEquals("a model", e.producer());
        assertEquals(1, e.index());
        assertThrows(NonFiniteResultException.class,
                () -> new OutputBatch(new double[][] {{Double.POSITIVE_INFINITY, 2}}, stats.subList(0, 1), 0));
        assertThrows(NonFiniteResultException.class,
                () -> new PreparedModel("broken", new double[] {1, Double.NaN}, 1, 2, 0));
        PreparedModel huge = new PreparedModel("huge", new double[] {Double.MAX_VALUE}, 1, 1, 0);
        assertThrows(NonFiniteResultException.class, () -> huge.evaluate(new double[] {10}));
    }
}
