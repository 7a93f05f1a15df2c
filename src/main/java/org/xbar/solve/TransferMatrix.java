package org.xbar.solve;

import java.util.ArrayList;
import java.util.List;
import org.xbar.error.NonFiniteResultException;
import org.xbar.results.CrossbarSolution;
import org.xbar.results.OutputBatch;
import org.xbar.results.SolverStatistics;
import org.xbar.spec.InputBatch;

/**
 * The exact linear map from input voltages to output currents of one crossbar, {@code I = T V},
 * built from one solve per unit input vector. It is exact because the circuit is linear and has
 * no source other than the inputs (zero input gives zero output). Its columns carry the accuracy
 * of the solves that made them; a matrix with a number that is not finite is never made.
 */
public final class TransferMatrix {
    private final int outputs;
    /** {@code T[input * outputs + output]}: output current per volt on that input, siemens. */
    private final double[] siemens;
    private final String solver;
    private final int maxIterations;
    private final double maxResidual;
    private final SolverStatistics.Path path;
    private final long setupNanos;

    private TransferMatrix(int outputs, double[] siemens, String solver, int maxIterations,
            double maxResidual, SolverStatistics.Path path, long setupNanos) {
        this.outputs = outputs;
        this.siemens = NonFiniteResultException.requireFinite(solver, "transfer matrix", siemens);
        this.solver = solver;
        this.maxIterations = maxIterations;
        this.maxResidual = maxResidual;
        this.path = path;
        this.setupNanos = setupNanos;
    }

    /**
     * @param prepared a prepared crossbar solver
     * @return the transfer matrix, from one solve per input
     */
    static TransferMatrix of(CrossbarSolver.Prepared prepared) {
        return of(prepared, (input, solution) -> { });
    }

    /**
     * What else wants to see each unit solve while the matrix is built.
     */
    @FunctionalInterface
    interface UnitSolveObserver {
        /**
         * @param input    the input that was 1 V (every other input 0 V)
         * @param solution the crossbar's solution for that unit vector
         */
        void accept(int input, CrossbarSolution solution);
    }

    /**
     * @param prepared a prepared crossbar solver
     * @param observer sees every unit solve, in input order
     * @return the transfer matrix, from one solve per input
     */
    static TransferMatrix of(CrossbarSolver.Prepared prepared, UnitSolveObserver observer) {
        long start = System.nanoTime();
        int inputs = prepared.circuit().inputs();
        int outputs = prepared.circuit().outputs();
        double[] t = new double[inputs * outputs];
        double[] unit = new double[inputs];
        int iterations = 0;
        double residual = 0;
        String solver = "";
        SolverStatistics.Path path = null;
        for (int i = 0; i < inputs; i++) {
            unit[i] = 1.0;
            CrossbarSolution s = prepared.solve(unit);
            unit[i] = 0.0;
            observer.accept(i, s);
            System.arraycopy(s.outputs(), 0, t, i * outputs, outputs);
            iterations = Math.max(iterations, s.statistics().iterations());
            residual = Math.max(residual, s.statistics().relativeResidual());
            solver = s.statistics().solver();
            SolverStatistics.Path p = s.statistics().path();
            path = path == null || p.compareTo(path) > 0 ? p : path;
        }
        return new TransferMatrix(outputs, t, solver + " (transfer matrix)", iterations, residual, path,
                prepared.setupNanos() + System.nanoTime() - start);
    }

    /** @return the crossbar's outputs (the matrix's columns) */
    public int outputs() {
        return outputs;
    }

    /**
     * @return {@code T}, {@code inputs x outputs}, row-major: output current per volt on each
     *         input, siemens (volt per volt with voltage sensing); a copy
     */
    public double[] siemens() {
        return siemens.clone();
    }

    /** @return the most iterations any of the unit solves needed */
    public int maxIterations() {
        return maxIterations;
    }

    /** @return the largest relative residual of the unit solves */
    public double maxResidual() {
        return maxResidual;
    }

    /**
     * @return the path of the unit solves; when they differ, the last in the order of
     *         {@link SolverStatistics.Path} (a restart or a fallback on any unit solve shows)
     */
    public SolverStatistics.Path path() {
        return path;
    }

    /** @return time spent preparing the solver and building the matrix, nanoseconds */
    public long setupNanos() {
        return setupNanos;
    }

    /**
     * @param batch input vectors
     * @return {@code T V} for every vector; the statistics carry the worst iteration count and
     *         residual of the unit solves, and the setup time includes building the matrix
     */
    public OutputBatch apply(InputBatch batch) {
        double[][] out = new double[batch.size()][];
        List<SolverStatistics> stats = new ArrayList<>(batch.size());
        for (int k = 0; k < batch.size(); k++) {
            long start = System.nanoTime();
            out[k] = batch.multiply(k, siemens, outputs);
            stats.add(new SolverStatistics(solver, maxIterations, maxResidual, System.nanoTime() - start, path));
        }
        return new OutputBatch(out, stats, setupNanos);
    }
}
