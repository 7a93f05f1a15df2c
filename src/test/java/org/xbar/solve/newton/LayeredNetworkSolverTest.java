package org.xbar.solve.newton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbar.results.NetworkSolution;
import org.xbar.spec.InverterSpec;
import org.xbar.spec.NetworkSpec;
import org.xbar.study.LoadingStudy;

/**
 * The layer-by-layer solve of inverter networks against the whole network as one circuit
 * ({@link NetworkSolver#solve}, itself checked against ngspice): the decomposition is exact, so with
 * tight Newton tolerances the two agree to 1e-9 V at every neuron, and with ngspice's defaults to
 * within what ngspice's convergence test leaves; the reduction is reused across input vectors.
 */
class LayeredNetworkSolverTest {
    private static final NewtonOptions TIGHT = NewtonOptions.DEFAULT.withTolerances(1e-10, 1e-12, 1e-16);

    private static List<LoadingStudy.Case> cases() {
        List<LoadingStudy.Case> cases = new ArrayList<>();
        long seed = 3;
        for (InverterSpec.Kind kind : InverterSpec.Kind.values()) {
            cases.add(new LoadingStudy.Case(new int[] {12, 6, 3}, kind, 0, 0, 2, seed++));
            cases.add(new LoadingStudy.Case(new int[] {12, 6, 3}, kind, 1000, 5, 2, seed++));
            cases.add(new LoadingStudy.Case(new int[] {24, 10, 6, 4}, kind, 0, 1, 2, seed++));
            cases.add(new LoadingStudy.Case(new int[] {49, 16, 10}, kind, 0, 2.5, 2, seed++));
        }
        return cases;
    }

    /** The largest difference over every layer's net voltages and both outputs, volt. */
    private static double difference(NetworkSolution a, NetworkSolution b) {
        assertEquals(a.layers(), b.layers());
        double d = 0;
        for (int l = 0; l < a.layers(); l++) {
            double[][] x = {a.net(l), a.inverted(l), a.nonInverted(l)};
            double[][] y = {b.net(l), b.inverted(l), b.nonInverted(l)};
            for (int q = 0; q < 3; q++) {
                assertEquals(x[q].length, y[q].length);
                for (int j = 0; j < x[q].length; j++) {
                    d = Math.max(d, Math.abs(x[q][j] - y[q][j]));
                }
            }
        }
        return d;
    }

    @Test
    void theDecompositionIsExact() {
        for (LoadingStudy.Case c : cases()) {
            NetworkSpec spec = c.network();
            double[] input = c.inputs().vector(0);
            NetworkSolution whole = new NetworkSolver(new NewtonSolver(TIGHT)).solve(spec, input);
            NetworkSolution layered = new LayeredNetworkSolver(spec, TIGHT).solve(input);
            double d = difference(whole, layered);
            assertTrue(d < 1e-9, c.shape() + " " + c.kind() + " R_S " + c.sourceOhms() + " wire " + c.wireOhms()
                    + ": the two differ by " + d + " V");
        }
    }

    /**
     * With ngspice's tolerances each solve stops somewhere within them (reltol 1e-3 of about 0.25 V
     * and vntol 1e-6 V): measured up to 5e-7 V on 196-20-10 with wires.
     */
    @Test
    void withNgspicesTolerancesTheyAgreeWithinThem() {
        for (LoadingStudy.Case c : cases()) {
            NetworkSpec spec = c.network();
            LayeredNetworkSolver layered = new LayeredNetworkSolver(spec);
            for (int k = 0; k < 2; k++) {
                double[] input = c.inputs().vector(k);
                double d = difference(new NetworkSolver().solve(spec, input), layered.solve(input));
                assertTrue(d < 1e-5, c.shape() + " " + c.kind() + " vector " + k + ": " + d + " V");
            }
        }
    }

    /** One reduction serves every vector: the answers are those of a fresh solver. */
    @Test
    void theReductionIsReusedAcrossVectors() {
        LoadingStudy.Case c = new LoadingStudy.Case(new int[] {24, 10, 6, 4}, InverterSpec.Kind.MOSFET, 0, 1, 3, 41);
        LayeredNetworkSolver reused = new LayeredNetworkSolver(c.network());
        for (int k = 0; k < 3; k++) {
            double[] input = c.inputs().vector(k);
            assertEquals(0.0, difference(reused.solve(input), new LayeredNetworkSolver(c.network()).solve(input)));
        }
    }
}
