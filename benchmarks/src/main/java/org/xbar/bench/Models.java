package org.xbar.bench;

import java.util.SplittableRandom;
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
import org.xbar.model.AnalyticalModel;
import org.xbar.model.IdealModel;
import org.xbar.model.PreparedModel;
import org.xbar.spec.CrossbarSpec;
import org.xbar.spec.InputBatch;

/**
 * The fast models on one input vector of the seeded n x n crossbars of {@link BenchmarkCrossbars},
 * against a plain dense matrix-vector product of the same size as the yardstick.
 *
 * <p>{@code AnalyticalModel.evaluate} and {@code IdealModel.evaluate} compute their fixed
 * effective conductance matrix {@code W} (inputs x outputs) on every call, then multiply each
 * vector by it; with one vector the call is mostly that set-up. {@code AnalyticalModel.prepare}
 * computes {@code W} once ({@link PreparedModel}); each further vector is then one product. The
 * set-up checks that the prepared model gives {@code evaluate}'s outputs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
@State(Scope.Benchmark)
public class Models {
    /** Seed of the yardstick's dense matrix. */
    public static final long MATRIX_SEED = 6;

    /** Rows and columns of the crossbar, and of the dense matrix. */
    @Param({"256", "1024"})
    public int n;

    private CrossbarSpec spec;
    private InputBatch oneVector;
    private PreparedModel prepared;
    private double[] denseMatrix;
    private double[] denseVector;

    /** Builds the crossbar, the input, the prepared model and the dense matrix (not timed). */
    @Setup(Level.Trial)
    public void setUp() {
        spec = BenchmarkCrossbars.crossbar(n);
        oneVector = BenchmarkCrossbars.inputs(1, n);
        prepared = new AnalyticalModel().prepare(spec);
        denseVector = oneVector.vector(0);
        double[] fromPrepared = prepared.evaluate(denseVector);
        double[] fromModel = new AnalyticalModel().evaluate(spec, oneVector).vector(0);
        for (int j = 0; j < fromModel.length; j++) {
            if (fromPrepared[j] != fromModel[j]) {
                throw new IllegalStateException("the prepared model disagrees with evaluate at output " + j + ": "
                        + fromPrepared[j] + " vs " + fromModel[j]);
            }
        }
        SplittableRandom random = new SplittableRandom(MATRIX_SEED);
        denseMatrix = new double[n * n];
        for (int k = 0; k < denseMatrix.length; k++) {
            denseMatrix[k] = random.nextDouble();
        }
    }

    /**
     * The analytical model (seed 004) on one vector, the whole public call: building the circuit,
     * the effective conductance matrix, and one product.
     *
     * @param blackhole consumes the outputs
     */
    @Benchmark
    public void analyticalEvaluate(Blackhole blackhole) {
        blackhole.consume(new AnalyticalModel().evaluate(spec, oneVector));
    }

    /**
     * The analytical model prepared once ({@code AnalyticalModel.prepare}), one vector: one product
     * with its effective conductance matrix.
     *
     * @param blackhole consumes the outputs
     */
    @Benchmark
    public void analyticalPerVector(Blackhole blackhole) {
        blackhole.consume(prepared.evaluate(denseVector));
    }

    /**
     * The ideal product {@code I = G V} on one vector, the whole public call (its matrix is the
     * conductances, folded on every call).
     *
     * @param blackhole consumes the outputs
     */
    @Benchmark
    public void idealEvaluate(Blackhole blackhole) {
        blackhole.consume(new IdealModel().evaluate(spec, oneVector));
    }

    /**
     * The yardstick: an n x n row-major {@code double[]} times a vector, written straightforwardly
     * (one dot product per row into a new output array).
     *
     * @param blackhole consumes the product
     */
    @Benchmark
    public void denseMatrixVector(Blackhole blackhole) {
        double[] product = new double[n];
        for (int i = 0; i < n; i++) {
            int base = i * n;
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += denseMatrix[base + j] * denseVector[j];
            }
            product[i] = sum;
        }
        blackhole.consume(product);
    }
}
