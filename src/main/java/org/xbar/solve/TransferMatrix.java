package org.xbar.solve;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbar.circuit.CrossbarCircuit;
import org.xbar.error.InsufficientMemoryException;
import org.xbar.error.NonFiniteResultException;
import org.xbar.results.CrossbarSolution;
import org.xbar.results.OutputBatch;
import org.xbar.results.SolverStatistics;
import org.xbar.solve.parallel.Team;
import org.xbar.spec.InputBatch;

/**
 * The exact linear map from input voltages to output currents of one crossbar, {@code I = T V}.
 * It is exact because the circuit is linear and has no source other than the inputs (zero input
 * gives zero output). It is built either column by column, from one solve per unit input vector
 * ({@link Construction#PER_INPUT}), or row by row, from one solve of the adjoint system per output
 * ({@link Construction#PER_OUTPUT}; see {@link PreparedCrossbar}): whichever takes fewer solves.
 * Its entries carry the accuracy of the solves that made them; a matrix with a number that is not
 * finite is never made.
 */
public final class TransferMatrix {
    /** How a transfer matrix was built. */
    public enum Construction {
        /** One solve per input: each unit input vector gives a column of {@code T}. */
        PER_INPUT,
        /**
         * One solve of the adjoint system per output: the output's sense excited with every
         * driver at 0 V gives a row of {@code T} by reciprocity (the nodal matrix is symmetric).
         */
        PER_OUTPUT
    }

    /** Vectors that share one pass over {@code T} in {@link #apply}. */
    static final int BLOCK = 32;

    private final int outputs;
    /** {@code T[input * outputs + output]}: output current per volt on that input, siemens. */
    private final double[] siemens;
    private final String solver;
    private final int maxIterations;
    private final double maxResidual;
    private final SolverStatistics.Path path;
    private final long setupNanos;
    private final Construction construction;

    private TransferMatrix(int outputs, double[] siemens, Solves solves, long setupNanos, Construction construction) {
        this.outputs = outputs;
        this.siemens = NonFiniteResultException.requireFinite(solves.solver, "transfer matrix", siemens);
        this.solver = solves.solver + " (transfer matrix)";
        this.maxIterations = solves.iterations;
        this.maxResidual = solves.residual;
        this.path = solves.path;
        this.setupNanos = setupNanos;
        this.construction = construction;
    }

    /** The worst of the statistics of the solves that build a matrix. */
    private static final class Solves {
        private String solver = "";
        private int iterations;
        private double residual;
        private SolverStatistics.Path path;

        void merge(Solves other) {
            if (other != null && other.path != null) {
                add(other.solver, other.iterations, other.residual, other.path);
            }
        }

        void add(String name, int solveIterations, double relativeResidual, SolverStatistics.Path solvePath) {
            solver = name;
            iterations = Math.max(iterations, solveIterations);
            residual = Math.max(residual, relativeResidual);
            path = path == null || solvePath.compareTo(path) > 0 ? solvePath : path;
        }
    }

    /**
     * @param prepared a prepared crossbar solver
     * @return the transfer matrix, from one solve per input
     */
    static TransferMatrix perInput(CrossbarSolver.Prepared prepared) {
        return perInput(prepared, (input, solution) -> { });
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
     * @param observer sees every unit solve, in input order (the power form needs their node voltages,
     *                 which the adjoint construction does not give)
     * @return the transfer matrix, from one solve per input
     */
    static TransferMatrix perInput(CrossbarSolver.Prepared prepared, UnitSolveObserver observer) {
        long start = System.nanoTime();
        int inputs = prepared.circuit().inputs();
        int outputs = prepared.circuit().outputs();
        double[] t = new double[Math.multiplyExact(inputs, outputs)];
        double[] unit = new double[inputs];
        Solves solves = new Solves();
        for (int i = 0; i < inputs; i++) {
            unit[i] = 1.0;
            CrossbarSolution s = prepared.solve(unit);
            unit[i] = 0.0;
            observer.accept(i, s);
            System.arraycopy(s.outputs(), 0, t, i * outputs, outputs);
            SolverStatistics st = s.statistics();
            solves.add(st.solver(), st.iterations(), st.relativeResidual(), st.path());
        }
        return new TransferMatrix(outputs, t, solves, prepared.setupNanos() + System.nanoTime() - start,
                Construction.PER_INPUT);
    }

    /**
     * @param prepared a prepared crossbar solver
     * @return the transfer matrix, from one solve of the adjoint system per output
     */
    static TransferMatrix perOutput(PreparedCrossbar prepared) {
        long start = System.nanoTime();
        CrossbarCircuit circuit = prepared.circuit();
        int inputs = circuit.inputs();
        int outputs = circuit.outputs();
        double[] t = new double[Math.multiplyExact(inputs, outputs)];
        // the adjoint solves are independent: with several workers, each solves outputs on a
        // single-threaded copy of the solver (which gives bit for bit the same rows), taking the
        // next output as it finishes one, so that slow outputs do not hold the others up. Measured
        // on 784x500 with 2.5 ohm wires, 2 cores: 27.9 and 29.7 s against 29.6 and 31.8 s for one
        // two-threaded solver, side by side (1.07x): one two-threaded solve already keeps both
        // cores busy (1.3x to 1.8x over one thread in xbar bench); independent solves need no
        // hand-off between the threads, which should count for more on more cores (not measured)
        int workers = Math.min(prepared.workers(), outputs / PER_WORKER_OUTPUTS);
        List<PreparedCrossbar> pool = new ArrayList<>();
        try {
            while (workers > 1 && pool.size() < workers) {
                pool.add(prepared.worker());
            }
        } catch (InsufficientMemoryException e) {
            // as many workers as the heap holds; with fewer than two, the one prepared solver alone
        }
        workers = pool.size();
        AtomicInteger next = new AtomicInteger();
        Solves[] solves = new Solves[Math.max(1, workers)];
        if (workers <= 1) {
            pool.clear();
            solves[0] = adjointRows(prepared, next, t);
        } else {
            Thread[] threads = new Thread[workers];
            Throwable[] failure = new Throwable[1];
            for (int w = 0; w < workers; w++) {
                int index = w;
                threads[w] = new Thread(() -> {
                    try {
                        solves[index] = adjointRows(pool.get(index), next, t);
                    } catch (RuntimeException | Error e) {
                        synchronized (failure) {
                            if (failure[0] == null) {
                                failure[0] = e;
                            }
                        }
                        next.set(outputs);
                    }
                }, "xbar-adjoint-" + w);
                threads[w].setDaemon(true);
                threads[w].start();
            }
            for (Thread thread : threads) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new org.xbar.error.XbarException("interrupted while building a transfer matrix", e);
                }
            }
            if (failure[0] instanceof RuntimeException e) {
                throw e;
            } else if (failure[0] instanceof Error e) {
                throw e;
            }
        }
        Solves all = new Solves();
        for (Solves s : solves) {
            all.merge(s);
        }
        return new TransferMatrix(outputs, t, all, prepared.setupNanos() + System.nanoTime() - start,
                Construction.PER_OUTPUT);
    }

    /** Outputs per worker below which the adjoint solves stay on one prepared solver (a worker costs a prepare). */
    static final int PER_WORKER_OUTPUTS = 16;

    /** Solves the adjoint rows {@code next} hands out until none is left, writing each into {@code t}. */
    private static Solves adjointRows(PreparedCrossbar prepared, AtomicInteger next, double[] t) {
        CrossbarCircuit circuit = prepared.circuit();
        int inputs = circuit.inputs();
        int outputs = circuit.outputs();
        int cells = Math.multiplyExact(circuit.physicalRows(), circuit.physicalColumns());
        double[] rowAmps = new double[cells];
        double[] colAmps = new double[cells];
        double[] rowVolts = new double[cells];
        double[] colVolts = new double[cells];
        double[] row = new double[inputs];
        Solves solves = new Solves();
        for (int o = next.getAndIncrement(); o < outputs; o = next.getAndIncrement()) {
            PreparedCrossbar.Convergence c = prepared.transferRow(o, rowAmps, colAmps, rowVolts, colVolts, row);
            for (int i = 0; i < inputs; i++) {
                t[i * outputs + o] = row[i];
            }
            solves.add(prepared.solverName(), c.iterations(), c.relativeResidual(), c.path());
        }
        return solves;
    }

    /** @return how this matrix was built */
    public Construction construction() {
        return construction;
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

    /** @return the most iterations any of the solves that built it needed */
    public int maxIterations() {
        return maxIterations;
    }

    /** @return the largest relative residual of the solves that built it */
    public double maxResidual() {
        return maxResidual;
    }

    /**
     * @return the path of the solves that built it; when they differ, the last in the order of
     *         {@link SolverStatistics.Path} (a restart or a fallback on any of them shows)
     */
    public SolverStatistics.Path path() {
        return path;
    }

    /** @return time spent preparing the solver and building the matrix, nanoseconds */
    public long setupNanos() {
        return setupNanos;
    }

    /**
     * {@code T V} for every vector of a batch. Vectors go in blocks of {@value #BLOCK}, so that each
     * row of {@code T} is read once per block instead of once per vector, and the blocks run on all
     * processors. Every output is summed over the inputs in order, as
     * {@link InputBatch#multiply(int, double[], int)} does, so the results do not depend on the
     * blocks or the thread count.
     *
     * @param batch input vectors
     * @return {@code T V} for every vector; the statistics carry the worst iteration count and
     *         residual of the solves that built it, the time of the vector's block shared among its
     *         vectors, and the setup time includes building the matrix
     */
    public OutputBatch apply(InputBatch batch) {
        int size = batch.size();
        int inputs = batch.length();
        double[][] out = new double[size][];
        long[] nanos = new long[size];
        int blocks = (size + BLOCK - 1) / BLOCK;
        int processors = Runtime.getRuntime().availableProcessors();
        Team.of(processors).run(blocks, b -> {
            long start = System.nanoTime();
            int k0 = b * BLOCK;
            int k1 = Math.min(size, k0 + BLOCK);
            double[] volts = new double[BLOCK];
            for (int k = k0; k < k1; k++) {
                out[k] = new double[outputs];
            }
            for (int i = 0; i < inputs; i++) {
                int base = i * outputs;
                for (int k = k0; k < k1; k++) {
                    volts[k - k0] = batch.get(k, i);
                }
                for (int k = k0; k < k1; k++) {
                    double v = volts[k - k0];
                    if (v == 0) {
                        continue;
                    }
                    double[] y = out[k];
                    for (int j = 0; j < outputs; j++) {
                        y[j] += v * siemens[base + j];
                    }
                }
            }
            long each = (System.nanoTime() - start) / (k1 - k0);
            for (int k = k0; k < k1; k++) {
                nanos[k] = each;
            }
        }, processors == 1 || blocks == 1);
        List<SolverStatistics> stats = new ArrayList<>(size);
        for (int k = 0; k < size; k++) {
            stats.add(new SolverStatistics(solver, maxIterations, maxResidual, nanos[k], path));
        }
        return new OutputBatch(out, stats, setupNanos);
    }
}
