package org.xbar.solve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xbar.TestCrossbars.assertAllClose;

import java.util.Arrays;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.xbar.TestCrossbars;
import org.xbar.circuit.CrossbarCircuit;
import org.xbar.error.NoConvergenceException;
import org.xbar.error.SingularCircuitException;
import org.xbar.results.CrossbarSolution;
import org.xbar.results.SolverStatistics.Path;
import org.xbar.solve.sparse.MemoryBudget;
import org.xbar.spec.CrossbarSpec;
import org.xbar.spec.Drive;
import org.xbar.spec.InputBatch;
import org.xbar.spec.WeightMapping;

/**
 * The iterative solver checks the true residual before it returns: a running estimate that lies
 * is caught and the solve restarted; when conjugate gradients cannot deliver, the direct solver
 * answers; when that fails too, a {@link NoConvergenceException} carries the facts. Nothing that
 * is not finite is ever returned.
 */
class TrueResidualTest {
    private static final double TOLERANCE = LineRelaxationSolver.DEFAULT_TOLERANCE;
    private static final CrossbarSpec SPEC = TestCrossbars.random(24, 20, WeightMapping.SINGLE, 2.5, Drive.ONE_END, 5);
    private static final double[] VOLTS = InputBatch.random(1, 24, 1.0, 8).vector(0);

    private static LineRelaxationSolver solver(int maxIterations, LineRelaxationSolver.RunningEstimate estimate,
            Function<CrossbarCircuit, PreparedCrossbar> fallback) {
        return new LineRelaxationSolver(TOLERANCE, maxIterations, 1, MemoryBudget.HEAP, estimate, fallback);
    }

    private static LineRelaxationSolver solver(LineRelaxationSolver.RunningEstimate estimate) {
        return solver(LineRelaxationSolver.DEFAULT_MAX_ITERATIONS, estimate, new DirectCrossbarSolver()::prepareNodes);
    }

    private static CrossbarSolution direct(CrossbarSpec spec, double[] volts) {
        return new DirectCrossbarSolver().prepare(CrossbarCircuit.of(spec)).solve(volts);
    }

    @Test
    void anHonestEstimateNeedsNoRestart() {
        CrossbarSolution s = solver((iteration, norm) -> norm).prepare(CrossbarCircuit.of(SPEC)).solve(VOLTS);
        assertEquals(Path.ITERATIVE, s.statistics().path());
        assertTrue(s.statistics().relativeResidual() <= TOLERANCE, "residual " + s.statistics().relativeResidual());
    }

    /** The estimate claims convergence after one iteration: the true residual says no, and a restart finishes. */
    @Test
    void anEstimateThatLiesOnceIsCaughtAndTheSolveRestarted() {
        boolean[] lied = {false};
        CrossbarSolution s = solver((iteration, norm) -> {
            if (iteration == 1 && !lied[0]) {
                lied[0] = true;
                return 0.0;
            }
            return norm;
        }).prepare(CrossbarCircuit.of(SPEC)).solve(VOLTS);
        assertEquals(Path.RESTARTED, s.statistics().path());
        assertTrue(s.statistics().iterations() > 1, "iterations " + s.statistics().iterations());
        assertTrue(s.statistics().relativeResidual() <= TOLERANCE, "residual " + s.statistics().relativeResidual());
        CrossbarSolution reference = direct(SPEC, VOLTS);
        assertAllClose("outputs", s.outputs(), reference.outputs(), 1e-9, 0);
        assertAllClose("column voltages", s.columnVoltages(), reference.columnVoltages(), 0, 1e-12);
    }

    /** An estimate that always claims convergence: the restarts cannot help, the direct solver answers. */
    @Test
    void anEstimateThatAlwaysLiesEndsAtTheDirectSolver() {
        CrossbarSolution s = solver((iteration, norm) -> 0.0).prepare(CrossbarCircuit.of(SPEC)).solve(VOLTS);
        assertEquals(Path.DIRECT_FALLBACK, s.statistics().path());
        assertArrayEquals(direct(SPEC, VOLTS).outputs(), s.outputs(), 0.0);
        assertTrue(s.statistics().relativeResidual() <= TOLERANCE, "residual " + s.statistics().relativeResidual());
    }

    /** A NaN estimate used to end the loop as converged; it is a breakdown now. */
    @Test
    void aNanEstimateIsABreakdownNotConvergence() {
        CrossbarSolution s = solver((iteration, norm) -> Double.NaN).prepare(CrossbarCircuit.of(SPEC)).solve(VOLTS);
        assertEquals(Path.DIRECT_FALLBACK, s.statistics().path());
        assertTrue(Arrays.stream(s.outputs()).allMatch(Double::isFinite));
        assertArrayEquals(direct(SPEC, VOLTS).outputs(), s.outputs(), 0.0);
    }

    @Test
    void theIterationCapHandsTheSolveToTheDirectSolver() {
        CrossbarSolution s = solver(1, (iteration, norm) -> norm, new DirectCrossbarSolver()::prepareNodes)
                .prepare(CrossbarCircuit.of(SPEC)).solve(VOLTS);
        assertEquals(Path.DIRECT_FALLBACK, s.statistics().path());
        assertEquals(1, s.statistics().iterations());
        assertArrayEquals(direct(SPEC, VOLTS).outputs(), s.outputs(), 0.0);
    }

    /** A fallback that fails too: the exception gives iterations, tolerance, residual and the worst node. */
    @Test
    void aFailedFallbackThrowsWithTheFacts() {
        SingularCircuitException broken = new SingularCircuitException(java.util.List.of("r0_0"), "a test");
        LineRelaxationSolver throwing = solver(3, (iteration, norm) -> 0.0, circuit -> {
            throw broken;
        });
        NoConvergenceException e = assertThrows(NoConvergenceException.class,
                () -> throwing.prepare(CrossbarCircuit.of(SPEC)).solve(VOLTS));
        assertEquals(0, e.iterations());
        assertEquals(TOLERANCE, e.tolerance().orElseThrow());
        assertTrue(e.residual().orElseThrow() > TOLERANCE, "residual " + e.residual());
        assertTrue(e.worstNode().orElseThrow().matches("[rc]\\d+_\\d+"), e.worstNode().toString());
        assertTrue(e.worstChange().isEmpty(), "no iteration was done, so no change is known");
        assertInstanceOf(SingularCircuitException.class, e.getCause());

        // a fallback that answers wrongly (every node at 0 V) is checked and refused as well
        LineRelaxationSolver wrong = solver(2, (iteration, norm) -> norm, circuit -> new PreparedCrossbar(circuit, "zero", 0) {
            @Override
            Convergence solveNodes(double[] drive, double[] rowVolts, double[] colVolts) {
                Arrays.fill(rowVolts, 0.0);
                Arrays.fill(colVolts, 0.0);
                return new Convergence(0, 0.0, Path.DIRECT);
            }

            @Override
            Convergence solveInjected(double[] rowAmps, double[] colAmps, double[] rowVolts, double[] colVolts) {
                return solveNodes(new double[0], rowVolts, colVolts);
            }
        });
        NoConvergenceException capped = assertThrows(NoConvergenceException.class,
                () -> wrong.prepare(CrossbarCircuit.of(SPEC)).solve(VOLTS));
        assertEquals(2, capped.iterations());
        assertTrue(capped.worstNode().isPresent());
        assertTrue(capped.worstChange().isPresent(), "two iterations were done");
        assertEquals(null, capped.getCause());
    }

    /**
     * A small source resistance makes the drive currents {@code V/R_S} large, and the former test
     * against {@code ||b||} let conjugate gradients stop after one or two iterations: outputs 6e-9
     * off at 32x32 with R_S = 0.01 ohm, 4.6e-6 off at 16x16 with 1e-5 ohm (measured). The column
     * equations are now judged on their own scale.
     */
    @Test
    void largeDriveCurrentsDoNotHideTheColumnEquations() {
        for (double[] c : new double[][] {{32, 1e-2}, {16, 1e-5}}) {
            int n = (int) c[0];
            CrossbarSpec spec = TestCrossbars.random(n, n, WeightMapping.SINGLE, 2.5, Drive.ONE_END, 9).withTerminations(c[1], 200);
            double[] v = InputBatch.random(1, n, 1.0, 7).vector(0);
            CrossbarSolution s = new LineRelaxationSolver(TOLERANCE, 2000, 1).prepare(CrossbarCircuit.of(spec)).solve(v);
            assertEquals(Path.ITERATIVE, s.statistics().path());
            assertAllClose(n + "x" + n + ", R_S " + c[1] + " ohm", s.outputs(), direct(spec, v).outputs(), 1e-11, 0);
        }
    }

    /**
     * Opposite drives on a row pair without column wires cancel in the reduced right-hand side;
     * the column scale counts magnitudes, so the solve still stops.
     */
    @Test
    void oppositeDrivesThatCancelStillConverge() {
        CrossbarSpec spec = TestCrossbars.random(16, 12, WeightMapping.ROW_PAIR, 0, Drive.ONE_END, 10);
        double[] v = new double[16];
        Arrays.fill(v, 0.5);
        CrossbarSpec symmetric = CrossbarSpec.pair(spec.positive(), spec.positive(), WeightMapping.ROW_PAIR)
                .sourceOhms(800).neuronOhms(200).build();
        CrossbarSolution s = new LineRelaxationSolver(TOLERANCE, 50, 1).prepare(CrossbarCircuit.of(symmetric)).solve(v);
        assertEquals(Path.ITERATIVE, s.statistics().path());
        assertAllClose("outputs", s.outputs(), direct(symmetric, v).outputs(), 0, 1e-18);
    }
}
