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
import org.xbar.solve.CrossbarSolver;
import org.xbar.solve.LineRelaxationSolver;
import org.xbar.spec.InputBatch;

/**
 * A batch of 100 seeded input vectors against one crossbar of {@link BenchmarkCrossbars} on the
 * prepared iterative solver, next to one vector, so that the batch's cost per vector can be read
 * against the single-vector time.
 *
 * <p>{@code solveBatch} picks its own method: when the batch holds more vectors than the crossbar
 * has inputs (n = 64) it builds the exact transfer matrix from n unit solves and applies it to each
 * vector, a matrix-vector product each; otherwise (n = 256) it solves vector after vector, like
 * {@code solveEach}. The transfer matrix is rebuilt on every call, so its cost is part of the
 * batch's time.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
@State(Scope.Benchmark)
public class BatchSolve {
    /** Input vectors in the batch. */
    public static final int VECTORS = 100;

    /** Rows and columns of the crossbar. */
    @Param({"64", "256"})
    public int n;

    private CrossbarSolver.Prepared prepared;
    private InputBatch inputs;
    private double[] firstVector;

    /** Builds the crossbar and the batch, prepares the solver and checks one solve (not timed). */
    @Setup(Level.Trial)
    public void setUp() {
        prepared = new LineRelaxationSolver().prepare(CrossbarCircuit.of(BenchmarkCrossbars.crossbar(n)));
        inputs = BenchmarkCrossbars.inputs(VECTORS, n);
        firstVector = inputs.vector(0);
        CrossbarSolvers.requireConverged(prepared.solve(firstVector), n);
    }

    /**
     * Solves the whole batch with {@code solveBatch}, the library's choice of method; time per
     * batch of {@value #VECTORS} vectors.
     *
     * @param blackhole consumes the output batch
     */
    @Benchmark
    public void solveBatch(Blackhole blackhole) {
        blackhole.consume(prepared.solveBatch(inputs));
    }

    /**
     * Solves the whole batch vector after vector with {@code solveEach}; time per batch of
     * {@value #VECTORS} vectors.
     *
     * @param blackhole consumes the output batch
     */
    @Benchmark
    public void solveEach(Blackhole blackhole) {
        blackhole.consume(prepared.solveEach(inputs));
    }

    /**
     * Solves the batch's first vector alone: the single-vector time, for the ratio.
     *
     * @param blackhole consumes the solution
     */
    @Benchmark
    public void solveOneVector(Blackhole blackhole) {
        blackhole.consume(prepared.solve(firstVector));
    }
}
