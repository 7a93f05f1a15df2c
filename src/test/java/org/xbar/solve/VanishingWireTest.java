package org.xbar.solve;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xbar.TestCrossbars;
import org.xbar.circuit.CrossbarCircuit;
import org.xbar.spec.CrossbarSpec;
import org.xbar.spec.Drive;
import org.xbar.spec.InputBatch;
import org.xbar.spec.WeightMapping;

/**
 * As the wire resistance goes to zero the solution goes, to first order, to the solution with
 * ideal wires (merged nodes): the error shrinks in proportion to the resistance.
 */
class VanishingWireTest {

    @ParameterizedTest
    @EnumSource(WeightMapping.class)
    void wireResistanceToZero(WeightMapping mapping) {
        CrossbarSpec ideal = TestCrossbars.random(16, 12, mapping, 0, Drive.ONE_END, 31);
        double[] v = InputBatch.random(1, 16, 1.0, 4).vector(0);
        double[] limit = solve(ideal, v);
        double previous = Double.POSITIVE_INFINITY;
        double scale = 0;
        for (double i : limit) {
            scale = Math.max(scale, Math.abs(i));
        }
        for (double wire : new double[] {1e-1, 1e-2, 1e-3, 1e-4}) {
            double[] out = solve(ideal.withWires(wire, wire), v);
            double error = 0;
            for (int j = 0; j < out.length; j++) {
                error = Math.max(error, Math.abs(out[j] - limit[j]));
            }
            double relative = error / scale;
            assertTrue(relative < 1e-2 * wire / 1e-1 * 2, "wire " + wire + " ohm: relative difference " + relative);
            if (previous < Double.POSITIVE_INFINITY) {
                double ratio = previous / relative;
                assertTrue(ratio > 8 && ratio < 12, "a tenth of the wire resistance gives a tenth of the error, ratio " + ratio);
            }
            previous = relative;
        }
        assertTrue(previous < 1e-5, "at 0.1 mohm the outputs are within 1e-5 of the ideal-wire outputs: " + previous);
    }

    private static double[] solve(CrossbarSpec spec, double[] v) {
        return new LineRelaxationSolver().prepare(CrossbarCircuit.of(spec)).solve(v).outputs();
    }
}
