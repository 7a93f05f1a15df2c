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
import org.xbar.results.SolverStatistics;
import org.xbar.solve.CrossbarSolver;
import org.xbar.solve.DirectCrossbarSolver;
import org.xbar.solve.LineRelaxationSolver;
import org.xbar.spec.CrossbarSpec;
import org.xbar.spec.DeviceIv;

/**
 * Nonlinear (sinh) devices against linear ones on the crossbars of {@link BenchmarkCrossbars}
 * (n x n, 4-bit TiO2, R_S = 800 ohm, R_N = 200 ohm, 2.5 ohm wires), one input vector per call, the
 * solver prepared outside the timed code:
 * <ul>
 *   <li>{@code linear}: the line-relaxation solver on the linear crossbar (the yardstick);</li>
 *   <li>{@code structuredNewton}: the same solver on the crossbar with {@code I = G sinh(K V)/K}
 *       devices, Newton's method with a line-relaxation solve per step (the target: at
 *       most 10 times {@code linear} at n = 256);</li>
 *   <li>{@code genericNewton}: the generic Newton solver on the whole circuit (a sparse LU per
 *       step), n = 64 only from its own state: at 256 one call takes about 9 s.</li>
 * </ul>
 * Every set-up checks one solve: linear within the iterative tolerance, Newton on the structured
 * path (not its fallback).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class NonlinearCrossbars {
    /** A crossbar and its law, prepared on the line-relaxation solver. */
    @State(Scope.Benchmark)
    public static class Case {
        /** Rows and columns. */
        @Param({"64", "256"})
        public int n;
        /** K of the sinh devices, 1/V. */
        @Param({"2", "5"})
        public double k;

        /** The linear crossbar, prepared. */
        public CrossbarSolver.Prepared linear;
        /** The sinh crossbar, prepared. */
        public CrossbarSolver.Prepared nonlinear;
        /** One seeded input vector, volt. */
        public double[] inputVolts;

        /** Prepares both and checks one solve of each (not timed). */
        @Setup(Level.Trial)
        public void setUp() {
            CrossbarSpec spec = BenchmarkCrossbars.crossbar(n);
            inputVolts = BenchmarkCrossbars.inputs(1, n).vector(0);
            linear = new LineRelaxationSolver().prepare(CrossbarCircuit.of(spec));
            CrossbarSolvers.requireConverged(linear.solve(inputVolts), n);
            nonlinear = new LineRelaxationSolver().prepare(CrossbarCircuit.of(spec.withDevice(DeviceIv.sinh(k))));
            SolverStatistics.Path path = nonlinear.solve(inputVolts).statistics().path();
            if (path != SolverStatistics.Path.STRUCTURED_NEWTON) {
                throw new IllegalStateException("n = " + n + ", K = " + k + ": answered by " + path);
            }
        }
    }

    /** The generic Newton solver's crossbar, small sizes only. */
    @State(Scope.Benchmark)
    public static class GenericCase {
        /** Rows and columns; no 256 (see the class Javadoc). */
        @Param({"64"})
        public int n;
        /** K of the sinh devices, 1/V. */
        @Param({"2", "5"})
        public double k;

        /** The sinh crossbar, prepared on the direct solver. */
        public CrossbarSolver.Prepared prepared;
        /** One seeded input vector, volt. */
        public double[] inputVolts;

        /** Prepares the solver (not timed). */
        @Setup(Level.Trial)
        public void setUp() {
            inputVolts = BenchmarkCrossbars.inputs(1, n).vector(0);
            prepared = new DirectCrossbarSolver().prepare(
                    CrossbarCircuit.of(BenchmarkCrossbars.crossbar(n).withDevice(DeviceIv.sinh(k))));
        }
    }

    /**
     * @param c  the case
     * @param bh consumes the solution
     */
    @Benchmark
    public void linear(Case c, Blackhole bh) {
        CrossbarSolution s = c.linear.solve(c.inputVolts);
        bh.consume(s.outputs());
    }

    /**
     * @param c  the case
     * @param bh consumes the solution
     */
    @Benchmark
    public void structuredNewton(Case c, Blackhole bh) {
        CrossbarSolution s = c.nonlinear.solve(c.inputVolts);
        bh.consume(s.outputs());
    }

    /**
     * @param c  the case
     * @param bh consumes the solution
     */
    @Benchmark
    public void genericNewton(GenericCase c, Blackhole bh) {
        CrossbarSolution s = c.prepared.solve(c.inputVolts);
        bh.consume(s.outputs());
    }
}
