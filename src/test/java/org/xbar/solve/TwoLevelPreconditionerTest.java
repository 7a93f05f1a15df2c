package org.xbar.solve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xbar.TestCrossbars;
import org.xbar.circuit.CrossbarCircuit;
import org.xbar.error.InvalidParameterException;
import org.xbar.results.CrossbarSolution;
import org.xbar.results.SolverStatistics;
import org.xbar.spec.CrossbarSpec;
import org.xbar.spec.DeviceIv;
import org.xbar.spec.Drive;
import org.xbar.spec.InputBatch;
import org.xbar.spec.WeightMapping;
import org.xbar.study.PerformanceStudy;

/**
 * The two-level preconditioner of the line-relaxation solver ({@link RowSegments}): its coarse
 * block solve against a dense elimination, the iterations it saves on a benchmark crossbar, answers
 * that do not depend on the thread count, and Newton's refactored steps with it.
 */
class TwoLevelPreconditionerTest {
    private static LineRelaxationSolver solver(int threads) {
        return new LineRelaxationSolver(LineRelaxationSolver.DEFAULT_TOLERANCE, LineRelaxationSolver.DEFAULT_MAX_ITERATIONS, threads);
    }

    /** The block-tridiagonal coarse solve equals Gaussian elimination on the assembled matrix. */
    @Test
    void coarseSolveEqualsDenseElimination() {
        Random random = new Random(7);
        int rows = 9;
        int cols = 30;
        RowSegments e = new RowSegments(rows, cols);
        int s = e.segments;
        int n = rows * s;
        double[][] dense = new double[n][n];
        for (int i = 0; i < rows; i++) {
            for (int a = 0; a < s; a++) {
                for (int b = 0; b <= a; b++) {
                    double v = a == b ? 10 + random.nextDouble() : -random.nextDouble() * 0.5;
                    e.addBlock(i, a, b, v);
                    dense[i * s + a][i * s + b] += v;
                    if (a != b) {
                        e.addBlock(i, b, a, v);
                        dense[i * s + b][i * s + a] += v;
                    }
                }
                if (i + 1 < rows) {
                    double c = -random.nextDouble();
                    e.addCoupling(i, a, c);
                    dense[i * s + a][(i + 1) * s + a] += c;
                    dense[(i + 1) * s + a][i * s + a] += c;
                }
            }
        }
        assertTrue(e.factor());
        double[] rhs = new double[n];
        for (int k = 0; k < n; k++) {
            rhs[k] = random.nextDouble() - 0.5;
        }
        double[] y = rhs.clone();
        e.solve(y);
        for (int k = 0; k < n; k++) {
            double sum = 0;
            for (int m = 0; m < n; m++) {
                sum += dense[k][m] * y[m];
            }
            assertEquals(rhs[k], sum, 1e-13, "row " + k + " of E y = rhs");
        }
    }

    /** A block that is not positive definite refuses the coarse level instead of dividing by it. */
    @Test
    void indefiniteCoarseMatrixIsRefused() {
        RowSegments e = new RowSegments(2, 16);
        for (int a = 0; a < e.segments; a++) {
            e.addBlock(0, a, a, 1.0);
            e.addBlock(1, a, a, 1.0);
            e.addCoupling(0, a, -2.0);
        }
        assertTrue(!e.factor(), "the second pivot block, 1 - 4, is negative");
    }

    /**
     * On the 256x256 benchmark crossbar (2.5 ohm wires) the coarse level halves the iterations
     * (measured 8 to 4) and the two answers agree within the tolerance's reach.
     */
    @Test
    void coarseLevelSavesIterationsWithTheSameAnswer() {
        CrossbarCircuit circuit = CrossbarCircuit.of(PerformanceStudy.crossbar(256));
        double[] input = InputBatch.random(1, 256, 1.0, 257).vector(0);
        CrossbarSolution one = solver(1).withTwoLevelFrom(Integer.MAX_VALUE).prepare(circuit).solve(input);
        CrossbarSolution two = solver(1).withTwoLevelFrom(0).prepare(circuit).solve(input);
        assertEquals(SolverStatistics.Path.ITERATIVE, two.statistics().path());
        assertTrue(two.statistics().iterations() * 3 <= one.statistics().iterations() * 2,
                two.statistics().iterations() + " iterations with the coarse level against " + one.statistics().iterations());
        double scale = 0;
        for (double v : one.outputs()) {
            scale = Math.max(scale, Math.abs(v));
        }
        TestCrossbars.assertAllClose("outputs", two.outputs(), one.outputs(), 0, 1e-9 * scale);
        TestCrossbars.assertAllClose("column nodes", two.columnVoltages(), one.columnVoltages(), 0, 1e-9);
    }

    /**
     * The adjoint solves of a transfer matrix take the coarse level from 256x256's cell count by
     * default (forward solves only from 2048x2048): at 300x220 with fewer outputs than inputs, the
     * default builds the matrix per output in fewer iterations than the column lines alone, and the
     * two matrices agree to the solves' accuracy.
     */
    @Test
    void adjointSolvesTakeTheCoarseLevelFromSmallerSizes() {
        CrossbarSpec spec = TestCrossbars.random(300, 220, WeightMapping.SINGLE, 2.5, Drive.ONE_END, 51);
        CrossbarCircuit circuit = CrossbarCircuit.of(spec);
        assertTrue((long) circuit.physicalRows() * circuit.physicalColumns() >= LineRelaxationSolver.ADJOINT_TWO_LEVEL_CELLS);
        TransferMatrix two = solver(1).prepare(circuit).transferMatrix();
        TransferMatrix one = solver(1).withTwoLevelFrom(Integer.MAX_VALUE).prepare(circuit).transferMatrix();
        assertEquals(TransferMatrix.Construction.PER_OUTPUT, two.construction());
        assertTrue(two.maxIterations() < one.maxIterations(),
                two.maxIterations() + " iterations per adjoint solve by default against " + one.maxIterations());
        double[] a = two.siemens();
        double[] b = one.siemens();
        double largest = 0;
        for (double v : b) {
            largest = Math.max(largest, Math.abs(v));
        }
        TestCrossbars.assertAllClose("transfer matrix", a, b, 0, 1e-9 * largest);
        // a forward solve of the same crossbar stays on the column lines alone
        CrossbarSolution forward = solver(1).prepare(circuit).solve(InputBatch.random(1, spec.inputs(), 1.0, 52).vector(0));
        CrossbarSolution alone = solver(1).withTwoLevelFrom(Integer.MAX_VALUE).prepare(circuit)
                .solve(InputBatch.random(1, spec.inputs(), 1.0, 52).vector(0));
        assertEquals(alone.statistics().iterations(), forward.statistics().iterations());
        assertArrayEquals(alone.columnVoltages(), forward.columnVoltages());
    }

    /** Coarse sums go per row and then in order: one thread and two give the same bits. */
    @Test
    void answersDoNotDependOnTheThreadCount() {
        CrossbarSpec spec = TestCrossbars.random(260, 140, WeightMapping.COLUMN_PAIR, 1.5, Drive.BOTH_ENDS, 31);
        CrossbarCircuit circuit = CrossbarCircuit.of(spec);
        double[] input = InputBatch.random(1, spec.inputs(), 1.0, 32).vector(0);
        CrossbarSolution one = solver(1).withTwoLevelFrom(0).prepare(circuit).solve(input);
        CrossbarSolution two = solver(2).withTwoLevelFrom(0).prepare(circuit).solve(input);
        assertArrayEquals(one.columnVoltages(), two.columnVoltages());
        assertArrayEquals(one.outputs(), two.outputs());
    }

    /**
     * Newton's method refactors the lines at every step; the coarse level is rebuilt with them: a
     * sinh crossbar solved with and without it agrees within Newton's own tolerance.
     */
    @Test
    void newtonStepsRebuildTheCoarseLevel() {
        CrossbarSpec spec = TestCrossbars.random(48, 40, WeightMapping.SINGLE, 2.5, Drive.ONE_END, 41).withDevice(DeviceIv.sinh(4));
        CrossbarCircuit circuit = CrossbarCircuit.of(spec);
        double[] input = InputBatch.random(1, spec.inputs(), 1.2, 42).vector(0);
        CrossbarSolution one = solver(1).withTwoLevelFrom(Integer.MAX_VALUE).prepare(circuit).solve(input);
        CrossbarSolution two = solver(1).withTwoLevelFrom(0).prepare(circuit).solve(input);
        assertEquals(SolverStatistics.Path.STRUCTURED_NEWTON, two.statistics().path());
        double scale = 0;
        for (double v : one.outputs()) {
            scale = Math.max(scale, Math.abs(v));
        }
        TestCrossbars.assertAllClose("outputs", two.outputs(), one.outputs(), 0, 1e-6 * scale);
    }

    @Test
    void negativeThresholdIsRefused() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> solver(1).withTwoLevelFrom(-1));
        assertEquals("cells", e.parameter());
    }
}
