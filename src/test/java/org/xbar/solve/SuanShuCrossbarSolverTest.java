package org.xbar.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbar.TestCrossbars;
import org.xbar.circuit.CrossbarCircuit;
import org.xbar.error.InvalidParameterException;
import org.xbar.error.NoConvergenceException;
import org.xbar.results.OutputBatch;
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

    /**
     * SuanShu's solver solves driven systems only, so it builds the transfer matrix per input and
     * refuses the adjoint construction by name; its per-input matrix still gives what solving each
     * vector gives.
     */
    @Override
    @ParameterizedTest
    @MethodSource("transferCrossbars")
    void adjointTransferMatrixEqualsPerInputAndSingleSolves(CrossbarSpec spec) {
        CrossbarSolver.Prepared prepared = solver().prepare(CrossbarCircuit.of(spec));
        assertEquals("construction", assertThrows(InvalidParameterException.class,
                () -> prepared.transferMatrix(TransferMatrix.Construction.PER_OUTPUT)).parameter());
        TransferMatrix perInput = prepared.transferMatrix(TransferMatrix.Construction.PER_INPUT);
        InputBatch inputs = InputBatch.random(3, spec.inputs(), 1.0, 31);
        OutputBatch mapped = perInput.apply(inputs);
        for (int k = 0; k < inputs.size(); k++) {
            double[] each = prepared.solve(inputs.vector(k)).outputs();
            double scale = java.util.Arrays.stream(each).map(Math::abs).max().orElseThrow();
            TestCrossbars.assertAllClose("vector " + k, mapped.vector(k), each, 1e-9, 1e-10 * scale);
        }
    }

    @Override
    List<TransferMatrix.Construction> constructions() {
        return List.of(TransferMatrix.Construction.PER_INPUT);
    }

    /** Per input whatever the shape: the only construction this solver has. */
    @Override
    @Test
    void transferMatrixTakesTheFewerSolves() {
        for (CrossbarSpec spec : List.of(TestCrossbars.random(12, 4, WeightMapping.COLUMN_PAIR, 2.5, Drive.ONE_END, 41),
                TestCrossbars.random(4, 12, WeightMapping.ROW_PAIR, 2.5, Drive.ONE_END, 42))) {
            assertEquals(TransferMatrix.Construction.PER_INPUT,
                    solver().prepare(CrossbarCircuit.of(spec)).transferMatrix().construction());
        }
    }
}
