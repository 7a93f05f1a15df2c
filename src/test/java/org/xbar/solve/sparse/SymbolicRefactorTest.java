package org.xbar.solve.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract of {@link LinearSolver#analyze}: a pattern analysed once and refactored with new
 * values gives bit for bit what a factorization from scratch gives, for every value set; values that
 * make a pivot break down give no factorization instead of an error (Newton then takes a smaller step).
 */
class SymbolicRefactorTest {
    static List<LinearSolver> solvers() {
        return List.of(new SparseLuSolver(), new SparseLuSolver(0.1), new CholeskySolver());
    }

    /** A grid of n x n nodes, every node tied to its right and lower neighbour and to ground. */
    private static final class Grid {
        final SparsePattern.Compiled compiled;
        final int[] handles;
        final int[] grounds;

        Grid(int n) {
            SparsePattern pattern = new SparsePattern(n * n);
            handles = new int[2 * n * n];
            grounds = new int[n * n];
            int h = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    int k = i * n + j;
                    grounds[k] = pattern.reserve(k, k);
                    handles[h++] = j + 1 < n ? pattern.reserveConductance(k, k + 1) : -1;
                    handles[h++] = i + 1 < n ? pattern.reserveConductance(k, k + n) : -1;
                }
            }
            compiled = pattern.compile();
        }

        SparseMatrix values(long seed, double ground) {
            SplittableRandom random = new SplittableRandom(seed);
            compiled.clear();
            for (int handle : handles) {
                if (handle >= 0) {
                    compiled.addConductance(handle, 0.1 + random.nextDouble());
                }
            }
            for (int g : grounds) {
                compiled.add(g, ground * random.nextDouble());
            }
            SparseMatrix m = compiled.matrix();
            return new SparseMatrix(m.order(), m.columnStart().clone(), m.rowIndex().clone(), m.values().clone());
        }
    }

    @ParameterizedTest
    @MethodSource("solvers")
    void refactoringGivesWhatAFreshFactorizationGives(LinearSolver solver) {
        Grid grid = new Grid(7);
        LinearSolver.Symbolic symbolic = solver.analyze(grid.values(1, 1));
        double[] rhs = new SplittableRandom(9).doubles(49, -1, 1).toArray();
        for (long seed = 2; seed < 6; seed++) {
            SparseMatrix a = grid.values(seed, 0.5);
            double[] refactored = new double[49];
            double[] fresh = new double[49];
            symbolic.refactor(a).orElseThrow().solve(rhs, refactored);
            solver.factor(a).solve(rhs, fresh);
            assertArrayEquals(fresh, refactored, 0.0, solver.name() + ", values " + seed);
            double[] ax = new double[49];
            a.multiply(refactored, ax);
            for (int k = 0; k < 49; k++) {
                assertEquals(rhs[k], ax[k], 1e-10, "A x = b at " + k);
            }
        }
    }

    /**
     * A pivot that is exactly zero (here every value is: the linearisation of devices that all
     * switched off) gives no factorization; a later regular matrix factors again. (A matrix singular
     * only up to rounding, such as a grid without a path to ground, may factor with a tiny pivot: the
     * callers check their solutions are finite and their residuals small.)
     */
    @ParameterizedTest
    @MethodSource("solvers")
    void aZeroPivotGivesNoFactorization(LinearSolver solver) {
        Grid grid = new Grid(4);
        LinearSolver.Symbolic symbolic = solver.analyze(grid.values(1, 1));
        SparseMatrix zero = grid.values(2, 0);
        java.util.Arrays.fill(zero.values(), 0.0);
        assertTrue(symbolic.refactor(zero).isEmpty(), solver.name());
        assertTrue(symbolic.refactor(grid.values(3, 1)).isPresent(), solver.name() + ": a later regular matrix factors again");
    }
}
