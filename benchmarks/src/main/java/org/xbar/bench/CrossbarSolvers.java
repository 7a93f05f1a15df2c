package org.xbar.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.xbar.circuit.CrossbarCircuit;
import org.xbar.results.CrossbarSolution;
import org.xbar.solve.CrossbarSolver;
import org.xbar.solve.DirectCrossbarSolver;
import org.xbar.solve.LineRelaxationSolver;

/**
 * The two exact crossbar solvers of the library on the seeded n x n crossbars of
 * {@link BenchmarkCrossbars} (4-bit TiO2, R_S = 800 ohm, R_N = 200 ohm, 2.5 ohm wires; 2 n^2
 * unknowns), one input vector:
 * <ul>
 *   <li>the iterative solver ({@link LineRelaxationSolver}, line-relaxation PCG on all processors):
 *       prepare and solve together, and the solve alone on a prepared solver, n = 64 to 1024;</li>
 *   <li>the direct solver ({@link DirectCrossbarSolver}, CSparseJ Cholesky with AMD): the prepare
 *       (assembly, ordering and factorization) and the solve (one forward and back substitution)
 *       timed apart, n = 64 to 512 only. Its factor grows about 5x per doubling of n, to about
 *       1.4 GB and minutes of factorization at 1024, so the direct benchmarks take their size from
 *       their own state classes, whose {@code n} parameter stops at 512.</li>
 * </ul>
 * Every state that prepares a solver checks once in its set-up that a solve reaches a relative
 * residual below 1e-9.
 * The iterative benchmarks run with {@code -Xmx1g}, the direct ones with {@code -Xmx4g}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class CrossbarSolvers {
    /** Largest relative residual a set-up check accepts. */
    static final double RESIDUAL_LIMIT = 1e-9;

    /** A crossbar of every size the iterative solver is timed at. */
    @State(Scope.Benchmark)
    public static class IterativeCase {
        /** Rows and columns of the crossbar. */
        @Param({"64", "128", "256", "512", "1024"})
        public int n;

        /** The crossbar's circuit. */
        public CrossbarCircuit circuit;
        /** The iterative solver, prepared on {@link #circuit}. */
        public CrossbarSolver.Prepared prepared;
        /** One seeded input vector, volt. */
        public double[] inputVolts;

        /** Builds the crossbar, prepares the solver and checks one solve (not timed). */
        @Setup(Level.Trial)
        public void setUp() {
            circuit = CrossbarCircuit.of(BenchmarkCrossbars.crossbar(n));
            inputVolts = BenchmarkCrossbars.inputs(1, n).vector(0);
            prepared = new LineRelaxationSolver().prepare(circuit);
            requireConverged(prepared.solve(inputVolts), n);
        }
    }

    /** A crossbar of every size the direct solver's prepare is timed at. */
    @State(Scope.Benchmark)
    public static class DirectCase {
        /** Rows and columns of the crossbar; no 1024 (see the class Javadoc). */
        @Param({"64", "128", "256", "512"})
        public int n;

        /** The crossbar's circuit. */
        public CrossbarCircuit circuit;

        /** Builds the crossbar (not timed). */
        @Setup(Level.Trial)
        public void setUp() {
            circuit = CrossbarCircuit.of(BenchmarkCrossbars.crossbar(n));
        }
    }

    /** A direct solver already prepared (factored), for timing its solve alone. */
    @State(Scope.Benchmark)
    public static class PreparedDirectCase {
        /** Rows and columns of the crossbar; no 1024 (see the class Javadoc). */
        @Param({"64", "128", "256", "512"})
        public int n;

        /** The direct solver, prepared on the crossbar. */
        public CrossbarSolver.Prepared prepared;
        /** One seeded input vector, volt. */
        public double[] inputVolts;

        /** Builds the crossbar, factors it and checks one solve (not timed). */
        @Setup(Level.Trial)
        public void setUp() {
            CrossbarCircuit circuit = CrossbarCircuit.of(BenchmarkCrossbars.crossbar(n));
            inputVolts = BenchmarkCrossbars.inputs(1, n).vector(0);
            prepared = new DirectCrossbarSolver().prepare(circuit);
            requireConverged(prepared.solve(inputVolts), n);
        }
    }

    /**
     * Prepares the iterative solver on the crossbar (the line factors of its preconditioner) and
     * solves one input vector: the cost of a single vector on a fresh crossbar.
     *
     * @param crossbar  the crossbar and input
     * @param blackhole consumes the solution
     */
    @Benchmark
    public void iterativePrepareAndSolve(IterativeCase crossbar, Blackhole blackhole) {
        CrossbarSolver.Prepared prepared = new LineRelaxationSolver().prepare(crossbar.circuit);
        blackhole.consume(prepared.solve(crossbar.inputVolts));
    }

    /**
     * Solves one input vector on an iterative solver prepared in set-up: the cost of each further
     * vector.
     *
     * @param crossbar  the prepared solver and input
     * @param blackhole consumes the solution
     */
    @Benchmark
    public void iterativeSolve(IterativeCase crossbar, Blackhole blackhole) {
        blackhole.consume(crossbar.prepared.solve(crossbar.inputVolts));
    }

    /**
     * Prepares the direct solver: writes the crossbar as a circuit, assembles the nodal matrix,
     * orders and factors it.
     *
     * @param crossbar  the crossbar
     * @param blackhole consumes the prepared solver
     */
    @Benchmark
    @Fork(value = 1, jvmArgs = {"-Xmx4g"})
    public void directPrepare(DirectCase crossbar, Blackhole blackhole) {
        blackhole.consume(new DirectCrossbarSolver().prepare(crossbar.circuit));
    }

    /**
     * Solves one input vector on a direct solver factored in set-up: one forward and one back
     * substitution, plus the residual check and node mapping every solve does.
     *
     * @param crossbar  the prepared solver and input
     * @param blackhole consumes the solution
     */
    @Benchmark
    @Fork(value = 1, jvmArgs = {"-Xmx4g"})
    public void directSolve(PreparedDirectCase crossbar, Blackhole blackhole) {
        blackhole.consume(crossbar.prepared.solve(crossbar.inputVolts));
    }

    /** Fails the trial when a set-up solve did not converge. */
    static void requireConverged(CrossbarSolution solution, int n) {
        double residual = solution.statistics().relativeResidual();
        if (!(residual <= RESIDUAL_LIMIT)) {
            throw new IllegalStateException("n=" + n + ": " + solution.statistics().solver() + " reached a relative residual of "
                    + residual + ", above " + RESIDUAL_LIMIT);
        }
    }
}
