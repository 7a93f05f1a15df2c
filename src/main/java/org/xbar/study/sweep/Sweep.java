package org.xbar.study.sweep;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.xbar.circuit.CrossbarCircuit;
import org.xbar.compare.ErrorMetrics;
import org.xbar.data.MnistDigits;
import org.xbar.device.DeviceArrays;
import org.xbar.device.Quantizer;
import org.xbar.device.Variation;
import org.xbar.device.WeightMapper;
import org.xbar.error.InvalidParameterException;
import org.xbar.error.XbarException;
import org.xbar.model.AnalyticalModel;
import org.xbar.model.IdealModel;
import org.xbar.model.OutputModel;
import org.xbar.model.WireAwareModel;
import org.xbar.results.CrossbarSolution;
import org.xbar.results.OutputBatch;
import org.xbar.results.PowerBreakdown;
import org.xbar.results.SolverStatistics;
import org.xbar.solve.CrossbarSolver;
import org.xbar.solve.LineRelaxationSolver;
import org.xbar.solve.UnitResponses;
import org.xbar.spec.CrossbarSpec;
import org.xbar.spec.DeviceIv;
import org.xbar.spec.InputBatch;
import org.xbar.study.runner.LocalRunner;
import org.xbar.study.runner.PointFailedException;
import org.xbar.study.runner.PointRunner;
import org.xbar.study.runner.PointTask;
import org.xbar.study.sweep.PointResult.ModelResult;
import org.xbar.study.sweep.SweepSpec.InputKind;
import org.xbar.study.sweep.SweepSpec.Size;
import org.xbar.study.sweep.SweepSpec.Study;
import org.xbar.study.sweep.SweepSpec.SweepModel;
import org.xbar.study.sweep.SweepSpec.Tiling;

/**
 * Runs a {@link SweepSpec}: every point's crossbar solved exactly by nodal analysis and compared
 * with each model.
 *
 * <p><b>A point.</b> The weight matrix (random levels, or a CSV) is quantized to the study's bits
 * and mapped onto the technology's range; device variation and stuck devices turn the programmed
 * conductances into the chip's actual ones. The matrix is split into tiles when the study tiles it
 * (each tile a crossbar with its own drivers and neurons, a column's output the sum of its tiles'
 * currents, seed 004 Fig. 2b). The exact outputs come from the line-relaxation solver, the
 * analytical and wire-aware models see the chip's actual conductances and the same tiling, and the
 * ideal product {@code I = G V} is taken with the programmed conductances of the whole matrix: it is
 * what the designer meant the crossbar to compute.
 *
 * <p><b>Determinism.</b> Every random choice derives from the sweep's seed and the point's own
 * parameters (weights and variation from the size, inputs from the size and count), never from
 * the order in which points run; each point runs on one thread. The same configuration therefore
 * gives the same numbers on any number of threads, and every value of r_S, r_N or wire resistance
 * sees the same devices and inputs, so curves are smooth.
 */
public final class Sweep {
    private final SweepSpec spec;
    private final Function<Path, double[][]> weightReader;
    /** The configuration it was read from, for engines that rebuild it elsewhere; null when built in code. */
    private final Source source;
    private final Map<String, InputBatch> inputCache = new ConcurrentHashMap<>();
    private final Map<Path, double[][]> weightCache = new ConcurrentHashMap<>();

    /** Receives finished points, one at a time, in the order they finish. */
    public interface Listener {
        /**
         * @param result a finished point
         */
        void finished(PointResult result);
    }

    /**
     * @param spec         the sweep
     * @param weightReader reads a weight CSV ({@code weights[input][output]}), for studies whose
     *                     weights come from a file
     */
    public Sweep(SweepSpec spec, Function<Path, double[][]> weightReader) {
        this(spec, weightReader, null);
    }

    private Sweep(SweepSpec spec, Function<Path, double[][]> weightReader, Source source) {
        this.spec = spec;
        this.weightReader = weightReader;
        this.source = source;
    }

    /** Reads a weight CSV; serializable, so that another machine can read the same file. */
    public interface WeightReader extends Function<Path, double[][]>, Serializable {
    }

    /**
     * A sweep's configuration as it was read: what a process that never parsed it needs to build
     * the same sweep ({@link SweepConfig#parse}).
     *
     * @param name    the configuration's name, for messages
     * @param text    its JSON text
     * @param baseDir the directory its relative paths (weights, MNIST) are resolved against
     * @param reader  reads its weight files
     */
    public record Source(String name, String text, String baseDir, WeightReader reader) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * @param name    the configuration's name, for messages
     * @param text    its JSON text
     * @param baseDir the directory its relative paths are resolved against
     * @param reader  reads its weight files
     * @return the sweep, able to run on engines that rebuild it from its configuration elsewhere
     */
    public static Sweep fromConfig(String name, String text, Path baseDir, WeightReader reader) {
        return new Sweep(SweepConfig.parse(name, text, baseDir), reader,
                new Source(name, text, baseDir.toAbsolutePath().toString(), reader));
    }

    /** The sweeps this process rebuilt from their configuration, each with its points. */
    private static final Map<String, Rebuilt> REBUILT = new ConcurrentHashMap<>();

    private record Rebuilt(Sweep sweep, List<SweepPoint> points) {
    }

    /**
     * The computation of a point from its index, as a runner ships it: from the configuration
     * (rebuilt once per process) when the sweep was read from one, otherwise on this object, which
     * only the local engine can use.
     *
     * @param keep indices of the points that keep their output vectors
     * @return the task
     */
    public PointTask<PointResult.Measured> task(Set<Integer> keep) {
        Set<Integer> kept = new HashSet<>(keep);
        if (source == null) {
            List<SweepPoint> all = points();
            return new PointTask<>() {
                private static final long serialVersionUID = 1L;

                @Override
                public PointResult.Measured compute(int index) {
                    return PointResult.Measured.of(evaluate(all.get(index), kept.contains(index)));
                }

                private void writeObject(java.io.ObjectOutputStream out) throws java.io.NotSerializableException {
                    throw new java.io.NotSerializableException("a sweep built in code, not read from a configuration file:"
                            + " only the local engine can run it");
                }
            };
        }
        Source from = source;
        return index -> {
            // keyed by the configuration itself: a deserialized reader is a new object every time
            Rebuilt here = REBUILT.computeIfAbsent(from.name() + '\0' + from.baseDir() + '\0' + from.text(), key -> {
                Sweep sweep = new Sweep(SweepConfig.parse(from.name(), from.text(), Path.of(from.baseDir())), from.reader(),
                        from);
                return new Rebuilt(sweep, sweep.points());
            });
            return PointResult.Measured.of(here.sweep().evaluate(here.points().get(index), kept.contains(index)));
        };
    }

    /** @return the sweep */
    public SweepSpec spec() {
        return spec;
    }

    /**
     * @return every point of every study, in order; a study with weights from a CSV takes its
     *         size from the file
     */
    public List<SweepPoint> points() {
        List<SweepPoint> points = new ArrayList<>();
        for (Study s : spec.studies()) {
            List<Size> sizes = s.weightsCsv().isEmpty() ? s.sizes() : List.of(csvSize(s.weightsCsv().get(), s));
            for (var tech : s.technologies()) {
                for (Size size : sizes) {
                    for (Tiling tile : s.tiles()) {
                        for (double rs : s.sources().values()) {
                            for (double rn : s.neurons().values()) {
                                for (double wire : s.wireOhms()) {
                                    for (double chip : s.chipDeviations()) {
                                        for (double device : s.deviceSigma()) {
                                            for (double on : s.stuckOnRates()) {
                                                for (double off : s.stuckOffRates()) {
                                                    for (double k : s.nonlinearities()) {
                                                        points.add(new SweepPoint(points.size(), spec.seed(), s, tech,
                                                                size, tile, rs, rn, wire, chip, device, on, off, k));
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return points;
    }

    /**
     * Reads every weight file and MNIST digit set the sweep needs, so that missing or malformed
     * data fails before any point runs ({@link #run} calls it first).
     */
    public void loadData() {
        for (SweepPoint p : points()) {
            inputs(p);
        }
    }

    private Size csvSize(Path file, Study study) {
        double[][] w = weights(file);
        Size size = new Size(w.length, w[0].length);
        if (study.inputs().kind() == InputKind.MNIST && size.rows() != MnistDigits.PIXELS) {
            throw new InvalidParameterException("weights", file.toString(),
                    "has " + size.rows() + " rows, MNIST inputs need " + MnistDigits.PIXELS);
        }
        return size;
    }

    private double[][] weights(Path file) {
        return weightCache.computeIfAbsent(file, weightReader);
    }

    /**
     * Runs points on a pool of threads, the costliest first, and hands each result to the listener
     * as it finishes (one call at a time). The first point that fails stops the sweep: points
     * already finished have been handed over, and the failure is rethrown naming the point.
     *
     * @param todo        the points to run
     * @param threads     worker threads, at least 1
     * @param keepOutputs which points keep their output vectors (for scatter plots)
     * @param listener    receives the results
     */
    public void run(List<SweepPoint> todo, int threads, Predicate<SweepPoint> keepOutputs, Listener listener) {
        if (threads < 1) {
            throw new InvalidParameterException("threads", threads, "must be >= 1");
        }
        try (LocalRunner runner = new LocalRunner(threads)) {
            run(todo, runner, keepOutputs, listener);
        }
    }

    /**
     * Runs points on a runner (this machine's threads, or a cluster), the costliest first, and
     * hands each result to the listener as it finishes (one call at a time). The first point that
     * fails for good stops the sweep: points already finished have been handed over, and the failure
     * is rethrown naming the point. The results do not depend on the runner (every point's random
     * choices come from its seeds).
     *
     * @param todo        the points to run
     * @param runner      where they run
     * @param keepOutputs which points keep their output vectors (for scatter plots)
     * @param listener    receives the results
     */
    public void run(List<SweepPoint> todo, PointRunner runner, Predicate<SweepPoint> keepOutputs, Listener listener) {
        loadData();
        List<SweepPoint> all = points();
        List<SweepPoint> order = new ArrayList<>(todo);
        order.sort(Comparator.comparingDouble(Sweep::cost).reversed().thenComparingInt(SweepPoint::index));
        Set<Integer> keep = new HashSet<>();
        List<Integer> indices = new ArrayList<>();
        for (SweepPoint p : order) {
            indices.add(p.index());
            if (keepOutputs.test(p)) {
                keep.add(p.index());
            }
        }
        try {
            runner.run(task(keep), indices, measured -> listener.finished(measured.result(all.get(measured.index()))));
        } catch (PointFailedException e) {
            if (e.getCause() instanceof PointFailure pf) {
                throw pf;
            }
            throw new PointFailure(all.get(e.index()), e.getCause() == null ? e : e.getCause());
        }
    }

    /** A point that could not be computed; the message names it. */
    public static final class PointFailure extends XbarException {
        private static final long serialVersionUID = 1L;

        PointFailure(SweepPoint point, Throwable cause) {
            super("sweep point " + point.id() + " (" + point + "): " + cause.getMessage(), cause);
        }
    }

    private static double cost(SweepPoint p) {
        double devices = (double) p.size().rows() * p.size().cols();
        // a nonlinear point solves every vector by Newton's method, three or four linear solves each
        return devices * p.study().inputs().vectors() * (p.wireOhms() > 0 ? 4 : 1) * (p.nonlinearity() > 0 ? 4 : 1);
    }

    /**
     * Computes one point on the calling thread.
     *
     * @param point       the point
     * @param keepOutputs true to keep the output vectors in the result
     * @return its errors and statistics
     */
    public PointResult evaluate(SweepPoint point, boolean keepOutputs) {
        try {
            return compute(point, keepOutputs);
        } catch (XbarException | ArithmeticException | OutOfMemoryError e) {
            throw new PointFailure(point, e);
        }
    }

    /**
     * A point's crossbars, built: what {@link #evaluate(SweepPoint, boolean)} solves.
     *
     * @param programmed the programmed arrays of the whole weight matrix
     * @param actual     the chip's arrays (after variation and stuck devices)
     * @param inputs     the input vectors of the whole matrix
     * @param tiles      the crossbars the matrix is split into (one when not tiled)
     */
    public record Instance(DeviceArrays programmed, DeviceArrays actual, InputBatch inputs, List<Tile> tiles) {
    }

    /**
     * One crossbar of a tiled matrix.
     *
     * @param firstInput  its first input (row of the weight matrix)
     * @param firstOutput its first output (column of the weight matrix)
     * @param crossbar    the crossbar, with the point's terminations and wires
     * @param inputs      its slice of the input vectors
     */
    public record Tile(int firstInput, int firstOutput, CrossbarSpec crossbar, InputBatch inputs) {
    }

    /**
     * @param point a point of this sweep
     * @return its crossbars and inputs
     */
    public Instance instance(SweepPoint point) {
        Study study = point.study();
        WeightMapper mapper = new WeightMapper(new Quantizer(point.technology(), study.bits()));
        Size size = point.size();
        DeviceArrays programmed = study.weightsCsv().isEmpty()
                ? mapper.random(size.rows(), size.cols(), study.mapping(), seed(point, "weights"))
                : mapper.map(weights(study.weightsCsv().get()), study.mapping());
        Variation variation = new Variation(point.deviceSigma(), study.distribution(), study.chipSigma(),
                point.chipDeviations(), point.stuckOnRate(), point.stuckOffRate(), study.stuckOff(),
                seed(point, "variation"));
        boolean varied = point.deviceSigma() > 0 || point.chipDeviations() != 0 || point.stuckOnRate() > 0
                || point.stuckOffRate() > 0;
        DeviceArrays actual = varied ? variation.apply(programmed, point.technology()) : programmed;
        InputBatch inputs = inputs(point);
        Size tile = point.tile().tileFor(size);
        List<Tile> tiles = new ArrayList<>();
        for (int r0 = 0; r0 < size.rows(); r0 += tile.rows()) {
            int r1 = Math.min(size.rows(), r0 + tile.rows());
            InputBatch part = r0 == 0 && r1 == size.rows() ? inputs : inputs.inputs(r0, r1);
            for (int c0 = 0; c0 < size.cols(); c0 += tile.cols()) {
                int c1 = Math.min(size.cols(), c0 + tile.cols());
                CrossbarSpec crossbar = actual.block(r0, r1, c0, c1).toSpec().sourceOhms(point.sourceOhms())
                        .neuronOhms(point.neuronOhms()).wireOhms(point.wireOhms()).drive(study.drive()).build()
                        .withDevice(DeviceIv.sinh(point.nonlinearity()));
                tiles.add(new Tile(r0, c0, crossbar, part));
            }
        }
        return new Instance(programmed, actual, inputs, List.copyOf(tiles));
    }

    private PointResult compute(SweepPoint point, boolean keepOutputs) {
        Instance instance = instance(point);
        InputBatch inputs = instance.inputs();
        int vectors = inputs.size();
        int outputs = point.size().cols();
        List<SweepModel> names = point.study().models();
        List<OutputModel> circuitModels = new ArrayList<>();
        for (SweepModel name : names) {
            if (name != SweepModel.IDEAL) {
                circuitModels.add(name == SweepModel.MODEL ? new AnalyticalModel() : new WireAwareModel());
            }
        }
        double[] exact = new double[vectors * outputs];
        double[][] modelOut = new double[circuitModels.size()][vectors * outputs];
        long[] modelNanos = new long[circuitModels.size()];
        long exactNanos = 0;
        int iterations = 0;
        double residual = 0;
        LineRelaxationSolver solver = new LineRelaxationSolver(LineRelaxationSolver.DEFAULT_TOLERANCE,
                LineRelaxationSolver.DEFAULT_MAX_ITERATIONS, 1);
        double[] watts = new double[vectors];
        for (Tile tile : instance.tiles()) {
            long start = System.nanoTime();
            OutputBatch e = exactWithPower(solver.prepare(CrossbarCircuit.of(tile.crossbar())), tile.inputs(), watts);
            exactNanos += System.nanoTime() - start;
            iterations = Math.max(iterations, e.maxIterations());
            residual = Math.max(residual, e.maxResidual());
            accumulate(e, exact, outputs, tile.firstOutput());
            // the seed model is linear: it sees the programmed (low-voltage) conductances; the
            // wire-aware model takes the devices' law (its first-order nonlinear correction)
            CrossbarSpec linear = tile.crossbar().withDevice(DeviceIv.LINEAR);
            for (int m = 0; m < circuitModels.size(); m++) {
                OutputModel model = circuitModels.get(m);
                OutputBatch o = model.evaluate(model instanceof WireAwareModel ? tile.crossbar() : linear, tile.inputs());
                modelNanos[m] += o.totalNanos();
                accumulate(o, modelOut[m], outputs, tile.firstOutput());
            }
        }
        List<ModelResult> results = new ArrayList<>();
        int next = 0;
        for (SweepModel name : names) {
            double[] values;
            long nanos;
            if (name == SweepModel.IDEAL) {
                OutputBatch ideal = new IdealModel().evaluate(instance.programmed().toSpec().build(), inputs);
                values = ideal.flat();
                nanos = ideal.totalNanos();
            } else {
                values = modelOut[next];
                nanos = modelNanos[next];
                next++;
            }
            results.add(new ModelResult(name.key(), ErrorMetrics.of(values, exact, outputs), meanRatio(values, exact),
                    nanos * 1e-9 / vectors, keepOutputs ? values : null));
        }
        double meanWatts = 0;
        double maxWatts = 0;
        for (double w : watts) {
            meanWatts += w / vectors;
            maxWatts = Math.max(maxWatts, w);
        }
        return new PointResult(point, vectors, outputs,
                point.nonlinearity() > 0 ? "line-relaxation-pcg-newton" : "line-relaxation-pcg", iterations, residual,
                meanWatts, maxWatts, exactNanos * 1e-9 / vectors, List.copyOf(results), keepOutputs ? exact : null);
    }

    /**
     * A tile's exact outputs, as {@link CrossbarSolver.Prepared#solveBatch} gives them, and the power
     * its drivers deliver for each vector, added to {@code watts}: from each vector's solution when
     * the batch is solved vector by vector (always, for nonlinear devices), or from the power's
     * quadratic form when the batch goes through the transfer matrix ({@link UnitResponses}, whose
     * matrix is the one the solver builds, so the outputs are the same either way).
     */
    private static OutputBatch exactWithPower(CrossbarSolver.Prepared prepared, InputBatch inputs, double[] watts) {
        boolean linear = prepared.circuit().device().isLinear();
        if (linear && inputs.size() > prepared.transferSolves()) {
            UnitResponses responses = prepared.unitResponses();
            for (int k = 0; k < inputs.size(); k++) {
                watts[k] += responses.power().watts(inputs.vector(k));
            }
            return responses.transfer().apply(inputs);
        }
        double[][] out = new double[inputs.size()][];
        List<SolverStatistics> stats = new ArrayList<>(inputs.size());
        for (int k = 0; k < inputs.size(); k++) {
            double[] v = inputs.vector(k);
            CrossbarSolution s = prepared.solve(v);
            out[k] = s.outputs();
            stats.add(s.statistics());
            watts[k] += PowerBreakdown.of(prepared.circuit(), v, s).drawn();
        }
        return new OutputBatch(out, stats, prepared.setupNanos());
    }

    private static void accumulate(OutputBatch batch, double[] into, int outputs, int column) {
        for (int k = 0; k < batch.size(); k++) {
            for (int j = 0; j < batch.outputs(); j++) {
                into[k * outputs + column + j] += batch.get(k, j);
            }
        }
    }

    private static double meanRatio(double[] model, double[] exact) {
        double a = 0;
        double b = 0;
        for (int k = 0; k < exact.length; k++) {
            a += Math.abs(model[k]);
            b += Math.abs(exact[k]);
        }
        return b == 0 ? (a == 0 ? 1 : Double.POSITIVE_INFINITY) : a / b;
    }

    private InputBatch inputs(SweepPoint point) {
        SweepSpec.Inputs in = point.study().inputs();
        int rows = point.size().rows();
        if (in.kind() == InputKind.MNIST) {
            Path dir = in.dir().orElseGet(MnistDigits::defaultDir);
            return inputCache.computeIfAbsent("mnist|" + dir.toAbsolutePath() + "|" + in.vectors() + "|" + in.volts(),
                    k -> MnistDigits.load(dir, in.vectors(), in.volts()));
        }
        return inputCache.computeIfAbsent("random|" + rows + "|" + in.vectors() + "|" + in.volts(),
                k -> InputBatch.random(in.vectors(), rows, in.volts(), seed(point, "inputs")));
    }

    /**
     * @param point the point
     * @param what  which random choice
     * @return a seed that depends on the sweep's seed, the choice and the point's size only (the
     *         inputs on its number of rows only)
     */
    private static long seed(SweepPoint point, String what) {
        String key = what.equals("inputs") ? what + "|" + point.size().rows()
                : what + "|" + point.size() + "|" + point.study().mapping();
        return new SplittableRandom(point.seed() * 0x9E3779B97F4A7C15L + key.hashCode()).nextLong();
    }
}
