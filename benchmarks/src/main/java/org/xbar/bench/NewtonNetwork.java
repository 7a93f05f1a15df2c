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
import org.xbar.results.NetworkSolution;
import org.xbar.solve.newton.LayeredNetworkSolver;
import org.xbar.solve.newton.NetworkSolver;
import org.xbar.spec.InverterSpec;
import org.xbar.spec.NetworkSpec;
import org.xbar.study.LoadingStudy;

/**
 * The Newton-Raphson DC solver on a whole PHAX inverter-neuron network, one input vector: a
 * 196-20-10 network of 6-bit PHAX devices (seeded N(0, 1) weights and N(0, 0.3) biases, mapped by
 * {@link WeightMapper#layer}), level-1 MOSFET inverter pairs as neurons, drivers tied straight to
 * their rows, solved as one circuit by {@link NetworkSolver#solve} (every inverter loaded by the
 * crossbar it drives): the network and input of the 196-20-10 cases of {@link LoadingStudy}
 * ({@code xbar loading}), built by {@link LoadingStudy.Case}.
 *
 * <p>Each call builds the network's circuit for the input and runs Newton from scratch (ngspice's
 * {@code .op} sequence), as {@code NetworkSolver.solve} always does. {@code wireOhms} = 0 and 2.5
 * ohm per wire segment; {@code -p neurons=BEHAVIORAL} times the behavioral tanh neurons instead.
 * {@code solveLayered} solves the same network exactly layer by layer ({@link LayeredNetworkSolver},
 * its crossbars reduced to multiports once in set-up) and {@code prepareLayered} times that
 * reduction alone: the target is 50 ms per vector with 2.5 ohm wires.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
@State(Scope.Benchmark)
public class NewtonNetwork {
    /** Layer widths, inputs first. */
    static final int[] LAYER_SIZES = {196, 20, 10};
    /** Seed of weights and biases; the input uses the next seed. */
    public static final long SEED = 1;

    /** Resistance of every wire segment, ohm. */
    @Param({"0", "2.5"})
    public double wireOhms;

    /** Neuron kind, an {@link InverterSpec.Kind} name. */
    @Param({"MOSFET"})
    public String neurons;

    private NetworkSpec network;
    private double[] input;
    private final NetworkSolver solver = new NetworkSolver();
    private LayeredNetworkSolver layered;

    /** Builds the network and the input vector and checks that one solve works (not timed). */
    @Setup(Level.Trial)
    public void setUp() {
        LoadingStudy.Case study = new LoadingStudy.Case(LAYER_SIZES, InverterSpec.Kind.valueOf(neurons), 0, wireOhms, 1, SEED);
        network = study.network();
        input = study.inputs().vector(0);
        layered = new LayeredNetworkSolver(network);
        NetworkSolution check = solver.solve(network, input);
        if (check.outputs().length != LAYER_SIZES[LAYER_SIZES.length - 1]) {
            throw new IllegalStateException("expected " + LAYER_SIZES[LAYER_SIZES.length - 1] + " outputs, got "
                    + check.outputs().length);
        }
    }

    /**
     * Solves the whole network for one input vector: circuit construction and the Newton solve.
     *
     * @param blackhole consumes the network solution
     */
    @Benchmark
    public void solveNetwork(Blackhole blackhole) {
        blackhole.consume(solver.solve(network, input));
    }

    /**
     * The same network solved layer by layer ({@link LayeredNetworkSolver}), its crossbars reduced
     * in set-up: the per-vector cost once a network serves many vectors.
     *
     * @param blackhole consumes the network solution
     */
    @Benchmark
    public void solveLayered(Blackhole blackhole) {
        blackhole.consume(layered.solve(input));
    }

    /**
     * The reduction of the crossbars to multiports alone (once per network).
     *
     * @param blackhole consumes the solver
     */
    @Benchmark
    public void prepareLayered(Blackhole blackhole) {
        blackhole.consume(new LayeredNetworkSolver(network));
    }
}
