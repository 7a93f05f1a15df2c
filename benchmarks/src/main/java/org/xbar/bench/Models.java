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
import org.xbar.results.OutputBatch;
import org.xbar.spec.CrossbarSpec;
import org.xbar.spec.InputBatch;

/**
 * The fast models on one input vector of the seeded n x n crossbars of {@link BenchmarkCrossbars},
 * against a plain dense matrix-vector product of the same size as the yardstick.
 *
 * <p>{@code AnalyticalModel.evaluate} and {@code IdealModel.evaluate} compute their fixed
 * effective conductance matrix {@code W} (inputs x outputs) on every call, then multiply each
 * vector by it; with one vector the call is mostly that set-up. The library has no public way to
 * keep {@code W} (its {@code effectiveConductances} is package-private), so the per-vector part is
 * timed on a {@code W} recovered through the public API: the model is linear, so evaluating it on
 * the n unit vectors gives {@code W} row by row; {@link InputBatch#multiply} is then exactly the
 * product that {@code evaluate} runs for each vector. The set-up checks that this product equals
 * {@code evaluate}'s output.
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
    private double[] effectiveConductances;
    private double[] denseMatrix;
    private double[] denseVector;

    /** Builds the crossbar, the input, the analytical model's {@code W} and the dense matrix (not timed). */
    @Setup(Level.Trial)
    public void setUp() {
        spec = BenchmarkCrossbars.crossbar(n);
        oneVector = BenchmarkCrossbars.inputs(1, n);
        effectiveConductances = analyticalMatrix(spec);
        double[] fromMatrix = oneVector.multiply(0, effectiveConductances, spec.outputs());
        double[] fromModel = new AnalyticalModel().evaluate(spec, oneVector).vector(0);
        for (int j = 0; j < fromModel.length; j++) {
            if (Math.abs(fromMatrix[j] - fromModel[j]) > 1e-12 * Math.abs(fromModel[j]) + 1e-18) {
                throw new IllegalStateException("recovered W disagrees with the model at output " + j + ": "
                        + fromMatrix[j] + " vs " + fromModel[j]);
            }
        }
        SplittableRandom random = new SplittableRandom(MATRIX_SEED);
        denseMatrix = new double[n * n];
        for (int k = 0; k < denseMatrix.length; k++) {
            denseMatrix[k] = random.nextDouble();
        }
        denseVector = oneVector.vector(0);
    }

    /** @return the analytical model's {@code W}, inputs x outputs, row-major, from its unit-vector responses */
    private static double[] analyticalMatrix(CrossbarSpec spec) {
        int inputs = spec.inputs();
        int outputs = spec.outputs();
        double[][] unitVectors = new double[inputs][inputs];
        for (int i = 0; i < inputs; i++) {
            unitVectors[i][i] = 1.0;
        }
        OutputBatch rows = new AnalyticalModel().evaluate(spec, InputBatch.of(unitVectors));
        double[] w = new double[inputs * outputs];
        for (int i = 0; i < inputs; i++) {
            System.arraycopy(rows.vector(i), 0, w, i * outputs, outputs);
        }
        return w;
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
     * The analytical model's per-vector part alone: one vector times its effective conductance
     * matrix, the library's own product ({@link InputBatch#multiply}).
     *
     * @param blackhole consumes the outputs
     */
    @Benchmark
    public void analyticalPerVector(Blackhole blackhole) {
        blackhole.consume(oneVector.multiply(0, effectiveConductances, n));
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
