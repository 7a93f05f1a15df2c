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
import org.xbar.solve.TransferMatrix;

/**
 * The exact transfer matrix of a layer-sized crossbar (784 inputs, 500 outputs: an MNIST layer;
 * random 4-bit TiO2, R_S = 800 ohm, R_N = 200 ohm, 2.5 ohm wires, {@link BenchmarkCrossbars#crossbar(int, int)})
 * on the prepared iterative solver, built both ways: one solve per input (784 solves) and one solve
 * of the adjoint system per output (500 solves). The ratio of the two is what the adjoint saves;
 * it is about 784/500 when an adjoint solve costs what a forward one does. Single shots: one
 * matrix takes seconds.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
@State(Scope.Benchmark)
public class TransferMatrices {
    /** Inputs (rows) of the crossbar. */
    public static final int ROWS = 784;
    /** Outputs (columns) of the crossbar. */
    public static final int COLS = 500;

    /** How the matrix is built. */
    @Param({"PER_INPUT", "PER_OUTPUT"})
    public TransferMatrix.Construction construction;

    private CrossbarSolver.Prepared prepared;

    /** Builds the crossbar and prepares the solver (not timed). */
    @Setup(Level.Trial)
    public void setUp() {
        prepared = new LineRelaxationSolver().prepare(CrossbarCircuit.of(BenchmarkCrossbars.crossbar(ROWS, COLS)));
    }

    /**
     * Builds the whole transfer matrix.
     *
     * @param blackhole consumes the matrix
     */
    @Benchmark
    public void transferMatrix(Blackhole blackhole) {
        blackhole.consume(prepared.transferMatrix(construction));
    }
}
