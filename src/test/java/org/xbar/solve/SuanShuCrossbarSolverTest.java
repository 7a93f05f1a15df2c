package org.xbar.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.xbar.TestCrossbars;
import org.xbar.circuit.CrossbarCircuit;
import org.xbar.error.NoConvergenceException;
import org.xbar.spec.CrossbarSpec;
import org.xbar.spec.Drive;
import org.xbar.spec.InputBatch;
import org.xbar.spec.WeightMapping;

/**
 * The whole contract for SuanShu's conjugate gradients on an independently assembled nodal system
 * ({@link SuanShuCrossbarSolver}): hand-solved circuits, KCL at every node, superposition, batches,
 * the floating column named, the edge of the accepted dynamic range. SuanShu's CG is slow (DESIGN
 * section 7), so the random crossbars keep every configuration of the contract's but at most
 * {@value #MAX_SIDE} rows and columns; {@link ThreeSolversAgreementTest} takes it to larger ones.
 */
class SuanShuCrossbarSolverTest extends CrossbarSolverContract {
    private static final int MAX_SIDE = 6;

    @Override
    CrossbarSolver solver() {
        return new SuanShuCrossbarSolver();
    }

    /**
     * Hides the contract's cases for its parameterized tests.
     *
     * @return the contract's configurations, at most {@value #MAX_SIDE} a side
     */
    static Stream<Arguments> randomCrossbars() {
        return CrossbarSolverContract.randomCrossbars(MAX_SIDE);
    }

    /** An answer short of the tolerance is refused, not returned: here no CG run is allowed. */
    @Test
    void anAnswerShortOfTheToleranceIsRefused() {
        CrossbarSpec spec = TestCrossbars.random(6, 5, WeightMapping.SINGLE, 2.5, Drive.ONE_END, 3);
        CrossbarSolver.Prepared prepared = new SuanShuCrossbarSolver(SuanShuCrossbarSolver.DEFAULT_TOLERANCE, 0)
                .prepare(CrossbarCircuit.of(spec));
        double[] v = InputBatch.random(1, 6, 1.0, 4).vector(0);
        NoConvergenceException e = assertThrows(NoConvergenceException.class, () -> prepared.solve(v));
        assertEquals(0, e.iterations());
    }
}
