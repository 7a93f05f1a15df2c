package org.xbar.study;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.xbar.circuit.CrossbarCircuit;
import org.xbar.compare.SpiceCrossCheck;
import org.xbar.device.Quantizer;
import org.xbar.device.Technology;
import org.xbar.device.WeightMapper;
import org.xbar.error.InsufficientMemoryException;
import org.xbar.error.InvalidParameterException;
import org.xbar.model.AnalyticalModel;
import org.xbar.model.PreparedModel;
import org.xbar.results.CrossbarSolution;
import org.xbar.results.OutputBatch;
import org.xbar.solve.CrossbarSolver;
import org.xbar.solve.DirectCrossbarSolver;
import org.xbar.solve.LineRelaxationSolver;
import org.xbar.solve.sparse.MemoryBudget;
import org.xbar.solve.sparse.SparseLuSolver;
import org.xbar.spec.CrossbarSpec;
import org.xbar.spec.InputBatch;
import org.xbar.spec.WeightMapping;
import org.xbar.spice.CrossbarNetlist;
import org.xbar.spice.Ngspice;

/**
 * {@code xbar bench}'s measurements: the iterative solver against ngspice, against xbar's direct
 * solver (sparse Cholesky) and against a sparse LU with factor reuse (the approach of the exact
 * solvers in other tools), measured side by side in one process on the same seeded crossbars with
 * wires, each answer checked against the others.
 *
 * <p>The crossbars are those of the JMH suite in {@code benchmarks/}: n x n, one array of random
 * 4-bit TiO2 devices (seed n), R_S = 800 ohm, R_N = 200 ohm, 2.5 ohm per wire segment, inputs
 * uniform in [0, 1) V (seed n + 1). xbar is timed in process after warm-up, as the median of
 * several runs; ngspice as a whole process (netlist parsing, ordering, factorization, output), the
 * median of several runs. Peak heap is the heap in use at the highest point of one run, after a
 * collection before it (the crossbar's spec and circuit, which every solver needs, included);
 * ngspice's peak is its own "maximum program size".
 */
public final class PerformanceStudy {
    /** Rows and columns of the crossbars the iterative solver handles at most. */
    public static final int MAX_SIZE = 8192;
    /** Device, source, neuron and wire parameters of the benchmark crossbars. */
    public static final double SOURCE_OHMS = 800;
    /** Neuron (sense) resistance, ohm. */
    public static final double NEURON_OHMS = 200;
    /** Wire segment resistance, ohm. */
    public static final double WIRE_OHMS = 2.5;

    /**
     * What to measure.
     *
     * @param sizes       crossbar sizes, n for n x n, ascending
     * @param directMax   largest n for the direct Cholesky solver (0: never)
     * @param luMax       largest n for the sparse LU reference (0: never)
     * @param ngspiceMax  largest n for ngspice (0: never)
     * @param ngspiceRuns ngspice processes per size (median)
     * @param repeats     timed runs per xbar measurement after warm-up (median)
     * @param batch       vectors in the batch measurement
     * @param batchMax    largest n for the batch measurement (0: never)
     * @param modelMax    largest n for the analytical model against a dense product (0: never)
     * @param threads     threads of the iterative solver
     */
    public record Settings(int[] sizes, int directMax, int luMax, int ngspiceMax, int ngspiceRuns, int repeats, int batch,
            int batchMax, int modelMax, int threads) {
        /** Checks every value; the first out of range is named. */
        public Settings {
            sizes = sizes.clone();
            if (sizes.length == 0) {
                throw new InvalidParameterException("sizes", "(none)", "give at least one size");
            }
            for (int n : sizes) {
                if (n < 2 || n > MAX_SIZE) {
                    throw new InvalidParameterException("sizes", n, "must be 2 to " + MAX_SIZE);
                }
            }
            Arrays.sort(sizes);
            nonNegative("directMax", directMax);
            nonNegative("luMax", luMax);
            nonNegative("ngspiceMax", ngspiceMax);
            nonNegative("batchMax", batchMax);
            nonNegative("modelMax", modelMax);
            atLeastOne("ngspiceRuns", ngspiceRuns);
            atLeastOne("repeats", repeats);
            atLeastOne("batch", batch);
            atLeastOne("threads", threads);
        }

        @Override
        public int[] sizes() {
            return sizes.clone();
        }

        private static void nonNegative(String name, int value) {
            if (value < 0) {
                throw new InvalidParameterException(name, value, "must be >= 0");
            }
        }

        private static void atLeastOne(String name, int value) {
            if (value < 1) {
                throw new InvalidParameterException(name, value, "must be >= 1");
            }
        }
    }

    /**
     * One solver's time and memory on one crossbar; absent ({@link #ran} false) where it was not run.
     *
     * @param ran          whether it ran
     * @param setupMs      factorization or preparation, median, ms (0 for ngspice)
     * @param solveMs      one further vector on the prepared solver, median, ms (the whole process for ngspice)
     * @param peakBytes    peak memory, bytes: heap in use at the highest point (Java), program size (ngspice)
     * @param allocatedBytes what one prepare + solve allocates on the calling thread (Java: every array of
     *                     the solver and its solution; the crossbar's spec and circuit excluded); the
     *                     program size (ngspice)
     * @param maxDifference largest |v_xbar - v_this| over all node voltages, volt
     * @param agrees       whether this solver's answer agrees with the iterative solver's
     * @param note         what the comparison found, or why it did not run
     */
    public record SolverRun(boolean ran, double setupMs, double solveMs, long peakBytes, long allocatedBytes, double maxDifference,
            boolean agrees, String note) {
        static SolverRun skipped(String why) {
            return new SolverRun(false, Double.NaN, Double.NaN, 0, 0, Double.NaN, false, why);
        }

        /** @return setup and one solve, ms: what one vector on a fresh crossbar costs */
        public double oneVectorMs() {
            return setupMs + solveMs;
        }
    }

    /**
     * Everything measured on one size.
     *
     * @param size            n
     * @param unknowns        node voltages solved for (2 n^2)
     * @param refused         why the size was refused before allocating (null when it ran)
     * @param estimateBytes   the memory estimate checked before allocating, bytes
     * @param iterations      iterations of the iterative solver
     * @param iterative       the iterative solver: prepare, solve, peak heap
     * @param iterativeOneMs  prepare + solve of one vector, median, ms (measured as one call)
     * @param iterativeBestMs the fastest of those runs, ms
     * @param direct          xbar's direct solver (sparse Cholesky, AMD)
     * @param lu              the sparse LU reference (CSparseJ, AMD on A + A', partial pivoting)
     * @param ngspice         ngspice as a whole process
     * @param batchMsPerVector the batch's time per vector on the prepared iterative solver, ms (NaN: not run)
     * @param modelOneUs      the analytical model on one vector (its effective conductances included), us
     * @param modelPerVectorUs the analytical model per vector of the batch, us
     * @param modelPreparedUs the analytical model prepared once ({@link AnalyticalModel#prepare}), per vector, us
     * @param denseMatVecUs   an n x n dense matrix-vector product, the yardstick, us
     */
    public record Measurement(int size, long unknowns, String refused, long estimateBytes, int iterations, SolverRun iterative,
            double iterativeOneMs, double iterativeBestMs, SolverRun direct, SolverRun lu, SolverRun ngspice, double batchMsPerVector,
            double modelOneUs, double modelPerVectorUs, double modelPreparedUs, double denseMatVecUs,
            Preconditioners preconditioners) {
    }

    /**
     * The iterative solver's two preconditioners side by side on one crossbar: the column lines
     * alone and with the coarse level ({@code LineRelaxationSolver.withTwoLevelFrom}); one of them is
     * the default's own measurement, the other is measured beside it.
     *
     * @param columnLinesMs         one vector with the column lines alone, prepare + solve, median, ms
     * @param columnLinesIterations its iterations
     * @param twoLevelsMs           the same with the coarse level
     * @param twoLevelsIterations   its iterations
     * @param twoLevelsDefault      whether the default solver takes the coarse level at this size
     */
    public record Preconditioners(double columnLinesMs, int columnLinesIterations, double twoLevelsMs,
            int twoLevelsIterations, boolean twoLevelsDefault) {
    }

    /**
     * The iterative solver's time on one prepared crossbar with a given number of threads.
     *
     * @param threads    threads of the solver
     * @param solveMs    one further vector on the prepared solver, median, ms
     * @param iterations its iterations
     */
    public record ThreadRun(int threads, double solveMs, int iterations) {
    }

    /**
     * How the iterative solver scales with threads on one size, against the memory it streams.
     *
     * @param size        n
     * @param runs        one run per thread count, ascending
     * @param arrayBytes  the solver's arrays for this crossbar (its worst-case estimate,
     *                    {@link LineRelaxationSolver#worstCaseBytes}), bytes: an iteration reads
     *                    most of them at least once, so {@code arrayBytes * iterations / time} is
     *                    the rate at which it streams memory, a lower bound on its traffic
     */
    public record ThreadScaling(int size, List<ThreadRun> runs, long arrayBytes) {
        /**
         * @param run one of the runs
         * @return its speed-up over the single-thread run (NaN without one)
         */
        public double speedup(ThreadRun run) {
            return runs.get(0).threads() == 1 ? runs.get(0).solveMs() / run.solveMs() : Double.NaN;
        }

        /**
         * @param run one of the runs
         * @return the rate at which it streams the solver's arrays, bytes per second
         */
        public double streamedBytesPerSecond(ThreadRun run) {
            return (double) arrayBytes * run.iterations() / (run.solveMs() * 1e-3);
        }
    }

    /**
     * The machine's copy bandwidth: {@code System.arraycopy} of large arrays, split over threads.
     *
     * @param threads        threads copying
     * @param bytesPerSecond bytes read plus bytes written, per second (median)
     */
    public record Bandwidth(int threads, double bytesPerSecond) {
    }

    /** Bytes of each of the two arrays of the copy-bandwidth measurement: far beyond any cache. */
    public static final int COPY_BYTES = 256 << 20;

    private final Settings settings;
    private final Ngspice ngspice;
    private final Meter meter;

    /**
     * @param settings what to measure
     * @param ngspice  the ngspice runner, or null to leave ngspice out
     * @param meter    how time and memory are read
     */
    public PerformanceStudy(Settings settings, Ngspice ngspice, Meter meter) {
        this.settings = settings;
        this.ngspice = ngspice;
        this.meter = meter;
    }

    /**
     * @param size n
     * @return the seeded n x n benchmark crossbar with wires
     */
    public static CrossbarSpec crossbar(int size) {
        return new WeightMapper(new Quantizer(Technology.TIO2, Quantizer.DEFAULT_BITS))
                .random(size, size, WeightMapping.SINGLE, size).toSpec()
                .sourceOhms(SOURCE_OHMS).neuronOhms(NEURON_OHMS).wireOhms(WIRE_OHMS).build();
    }

    /**
     * Measures every size in turn.
     *
     * @param each receives each size's measurement as soon as it is done
     * @return all measurements, by size
     */
    public List<Measurement> run(Consumer<Measurement> each) {
        List<Measurement> all = new ArrayList<>();
        for (int n : settings.sizes()) {
            Measurement m = measure(n);
            all.add(m);
            each.accept(m);
        }
        return all;
    }

    /**
     * Issue 13's network target: the 196-20-10 PHAX network of {@code xbar loading} (level-1 MOSFET
     * neurons, 6-bit devices, drivers tied to their rows) with 2.5 ohm wire segments, one input vector.
     *
     * @param wholeMs            Newton on the whole network's circuit, median, ms
     * @param wholeIterations    its Newton iterations
     * @param reductionMs        the layer-by-layer solver's reduction of the crossbars, median, ms
     * @param layeredMs          one vector solved layer by layer after it, median, ms
     * @param maxDifferenceVolts largest difference between the two over every neuron's outputs, volt
     */
    public record NetworkTarget(double wholeMs, int wholeIterations, double reductionMs, double layeredMs,
            double maxDifferenceVolts) {
    }

    /**
     * Measures {@link NetworkTarget}.
     *
     * @return the times of both solvers on the network
     */
    public NetworkTarget networkTarget() {
        LoadingStudy.Case c = new LoadingStudy.Case(new int[] {196, 20, 10}, org.xbar.spec.InverterSpec.Kind.MOSFET, 0,
                WIRE_OHMS, 1, 1);
        org.xbar.spec.NetworkSpec network = c.network();
        double[] input = c.inputs().vector(0);
        org.xbar.solve.newton.NetworkSolver whole = new org.xbar.solve.newton.NetworkSolver();
        org.xbar.results.NetworkSolution[] a = new org.xbar.results.NetworkSolution[1];
        double wholeMs = meter.medianMs(2, settings.repeats(), () -> a[0] = whole.solve(network, input));
        org.xbar.solve.newton.LayeredNetworkSolver[] layered = new org.xbar.solve.newton.LayeredNetworkSolver[1];
        double reductionMs = meter.medianMs(2, settings.repeats(),
                () -> layered[0] = new org.xbar.solve.newton.LayeredNetworkSolver(network));
        org.xbar.results.NetworkSolution[] b = new org.xbar.results.NetworkSolution[1];
        double layeredMs = meter.medianMs(5, settings.repeats(), () -> b[0] = layered[0].solve(input));
        double diff = 0;
        for (int l = 0; l < a[0].layers(); l++) {
            double[][] x = {a[0].net(l), a[0].inverted(l), a[0].nonInverted(l)};
            double[][] y = {b[0].net(l), b[0].inverted(l), b[0].nonInverted(l)};
            for (int q = 0; q < 3; q++) {
                for (int j = 0; j < x[q].length; j++) {
                    diff = Math.max(diff, Math.abs(x[q][j] - y[q][j]));
                }
            }
        }
        return new NetworkTarget(wholeMs, a[0].statistics().iterations(), reductionMs, layeredMs, diff);
    }

    /**
     * Issue 13's test-set target, the part the process spends in the solver: vectors through a
     * 784x500 crossbar of the benchmark's recipe with 2.5 ohm wires, exactly, by its transfer matrix
     * (one adjoint solve per output) and the product with every vector; reading and writing the CSV
     * files and the JVM's start are what {@code xbar solve --timings} reports apart.
     *
     * @param vectors       input vectors
     * @param matrixMs      building the transfer matrix, one run, ms
     * @param solves        the solves it took
     * @param applyMs       the product with every vector, one run, ms
     */
    public record TestSetTarget(int vectors, double matrixMs, int solves, double applyMs) {
        /** @return both, seconds */
        public double totalSeconds() {
            return (matrixMs + applyMs) * 1e-3;
        }
    }

    /**
     * Measures {@link TestSetTarget} once (the matrix takes tens of seconds on two cores).
     *
     * @param vectors the number of input vectors
     * @return the times
     */
    public TestSetTarget testSetTarget(int vectors) {
        CrossbarSpec spec = new WeightMapper(new Quantizer(Technology.TIO2, Quantizer.DEFAULT_BITS))
                .random(784, 500, WeightMapping.SINGLE, 784L * 500).toSpec()
                .sourceOhms(SOURCE_OHMS).neuronOhms(NEURON_OHMS).wireOhms(WIRE_OHMS).build();
        InputBatch inputs = InputBatch.random(vectors, 784, 1.0, 785);
        CrossbarSolver.Prepared prepared = new LineRelaxationSolver(LineRelaxationSolver.DEFAULT_TOLERANCE,
                LineRelaxationSolver.DEFAULT_MAX_ITERATIONS, settings.threads()).prepare(CrossbarCircuit.of(spec));
        org.xbar.solve.TransferMatrix[] t = new org.xbar.solve.TransferMatrix[1];
        double matrixMs = meter.timesMs(0, 1, () -> t[0] = prepared.transferMatrix())[0];
        double applyMs = meter.timesMs(0, 1, () -> t[0].apply(inputs))[0];
        return new TestSetTarget(vectors, matrixMs, prepared.transferSolves(), applyMs);
    }

    /**
     * Issue 13's cold-start target: the whole {@code xbar solve} process on an n x n benchmark
     * crossbar with wires (JVM start, reading the CSV files, solving, writing) against SciPy's exact
     * sparse LU ({@code splu} and one solve, timed inside Python) of the same nodal system.
     *
     * @param size         n
     * @param processMs    the whole process, median, ms
     * @param scipyMs      SciPy's factorization and solve, ms; NaN when SciPy was not available
     * @param scipyNote    what ran, or why SciPy did not
     */
    public record ColdStartTarget(int size, double processMs, double scipyMs, String scipyNote) {
        /** @return how many times faster the whole process is than SciPy's LU, NaN without SciPy */
        public double ratio() {
            return scipyMs / processMs;
        }
    }

    /** @return the thread counts of the scaling runs: 1, 2, 4, ... below the settings' threads, then those */
    public int[] threadCounts() {
        List<Integer> counts = new ArrayList<>();
        for (int k = 1; k < settings.threads(); k *= 2) {
            counts.add(k);
        }
        counts.add(settings.threads());
        return counts.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Times the iterative solver on the n x n benchmark crossbar with every thread count of
     * {@link #threadCounts()}, one further vector on a prepared solver each.
     *
     * @param n the size
     * @return the runs, or empty when the crossbar does not fit in the heap
     */
    public java.util.Optional<ThreadScaling> threadScaling(int n) {
        try {
            MemoryBudget.HEAP.require(String.format(Locale.ROOT, "the %dx%d benchmark crossbar", n, n),
                    LineRelaxationSolver.jobBytes(n, n));
        } catch (InsufficientMemoryException e) {
            return java.util.Optional.empty();
        }
        boolean large = n >= 2048;
        int repeats = large ? Math.min(settings.repeats(), 3) : settings.repeats();
        CrossbarCircuit circuit = CrossbarCircuit.of(crossbar(n));
        double[] v = InputBatch.random(1, n, 1.0, n + 1L).vector(0);
        List<ThreadRun> runs = new ArrayList<>();
        for (int threads : threadCounts()) {
            CrossbarSolver.Prepared prepared = new LineRelaxationSolver(LineRelaxationSolver.DEFAULT_TOLERANCE,
                    LineRelaxationSolver.DEFAULT_MAX_ITERATIONS, threads).prepare(circuit);
            int[] iterations = new int[1];
            double ms = meter.medianMs(1, repeats, () -> iterations[0] = prepared.solve(v).statistics().iterations());
            runs.add(new ThreadRun(threads, ms, iterations[0]));
        }
        return java.util.Optional.of(new ThreadScaling(n, List.copyOf(runs), LineRelaxationSolver.worstCaseBytes(n, n)));
    }

    /**
     * Measures the copy bandwidth with every thread count of {@link #threadCounts()}.
     *
     * @return one measurement per thread count
     */
    public List<Bandwidth> copyBandwidth() {
        double[] from = new double[COPY_BYTES / Double.BYTES];
        double[] to = new double[from.length];
        java.util.Arrays.fill(from, 1.0);
        List<Bandwidth> all = new ArrayList<>();
        for (int threads : threadCounts()) {
            double ms = meter.medianMs(2, settings.repeats(), () -> copy(from, to, threads));
            all.add(new Bandwidth(threads, 2.0 * COPY_BYTES / (ms * 1e-3)));
        }
        return all;
    }

    private static void copy(double[] from, double[] to, int threads) {
        if (threads == 1) {
            System.arraycopy(from, 0, to, 0, from.length);
            return;
        }
        Thread[] workers = new Thread[threads];
        int chunk = (from.length + threads - 1) / threads;
        for (int t = 0; t < threads; t++) {
            int start = t * chunk;
            int length = Math.max(0, Math.min(from.length, start + chunk) - start);
            workers[t] = new Thread(() -> System.arraycopy(from, start, to, start, length));
            workers[t].start();
        }
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while measuring the copy bandwidth", e);
            }
        }
    }

    private Measurement measure(int n) {
        long unknowns = 2L * n * n;
        long estimate = LineRelaxationSolver.jobBytes(n, n);
        try {
            MemoryBudget.HEAP.require(String.format(Locale.ROOT, "the %dx%d benchmark crossbar with wires (spec, circuit "
                    + "and iterative solver)", n, n), estimate);
        } catch (InsufficientMemoryException e) {
            SolverRun none = SolverRun.skipped("refused");
            return new Measurement(n, unknowns, e.getMessage(), estimate, 0, none, Double.NaN, Double.NaN, none, none, none, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, null);
        }
        boolean large = n >= 2048;
        int repeats = large ? Math.min(settings.repeats(), 3) : settings.repeats();
        CrossbarSpec spec = crossbar(n);
        CrossbarCircuit circuit = CrossbarCircuit.of(spec);
        double[] v = InputBatch.random(1, n, 1.0, n + 1L).vector(0);

        CrossbarSolver iterativeSolver = new LineRelaxationSolver(LineRelaxationSolver.DEFAULT_TOLERANCE,
                LineRelaxationSolver.DEFAULT_MAX_ITERATIONS, settings.threads());
        CrossbarSolution[] last = new CrossbarSolution[1];
        double[] oneTimes = meter.timesMs(large ? 1 : 3, repeats, () -> last[0] = iterativeSolver.prepare(circuit).solve(v));
        double oneMs = oneTimes[oneTimes.length / 2];
        double oneBestMs = oneTimes[0];
        CrossbarSolution reference = last[0];
        last[0] = null;
        Meter.Footprint peak = meter.footprint(() -> iterativeSolver.prepare(circuit).solve(v));
        CrossbarSolver.Prepared prepared = iterativeSolver.prepare(circuit);
        double solveMs = meter.medianMs(large ? 1 : 3, repeats, () -> prepared.solve(v));
        double prepareMs = prepared.setupNanos() * 1e-6;
        SolverRun iterative = new SolverRun(true, prepareMs, solveMs, peak.peakBytes(), peak.allocatedBytes(), 0, true,
                String.format(Locale.ROOT, "relative residual %.1e", reference.statistics().relativeResidual()));
        Preconditioners preconditioners = null;
        if ((long) n * n >= LineRelaxationSolver.ADJOINT_TWO_LEVEL_CELLS) {
            // the candidate the default did not take at this size, side by side
            boolean twoDefault = (long) n * n >= LineRelaxationSolver.TWO_LEVEL_CELLS;
            CrossbarSolver other = new LineRelaxationSolver(LineRelaxationSolver.DEFAULT_TOLERANCE,
                    LineRelaxationSolver.DEFAULT_MAX_ITERATIONS, settings.threads())
                    .withTwoLevelFrom(twoDefault ? Integer.MAX_VALUE : 0);
            double[] times = meter.timesMs(large ? 1 : 3, repeats, () -> last[0] = other.prepare(circuit).solve(v));
            double otherMs = times[times.length / 2];
            int otherIterations = last[0].statistics().iterations();
            int iterations = reference.statistics().iterations();
            preconditioners = twoDefault ? new Preconditioners(otherMs, otherIterations, oneMs, iterations, true)
                    : new Preconditioners(oneMs, iterations, otherMs, otherIterations, false);
            last[0] = null;
        }

        SolverRun direct = n <= settings.directMax() ? direct(new DirectCrossbarSolver(), circuit, v, reference, n)
                : SolverRun.skipped("above --direct-max " + settings.directMax());
        SolverRun lu = n <= settings.luMax() ? direct(new DirectCrossbarSolver(new SparseLuSolver()), circuit, v, reference, n)
                : SolverRun.skipped("above --lu-max " + settings.luMax());
        SolverRun spice = ngspice == null ? SolverRun.skipped("ngspice not found")
                : n <= settings.ngspiceMax() ? ngspice(spec, circuit, v, reference)
                : SolverRun.skipped("above --ngspice-max " + settings.ngspiceMax());

        double batchMs = Double.NaN;
        double modelOne = Double.NaN;
        double modelPerVector = Double.NaN;
        double modelPrepared = Double.NaN;
        double dense = Double.NaN;
        InputBatch batch = InputBatch.random(settings.batch(), n, 1.0, n + 1L);
        if (n <= settings.batchMax()) {
            batchMs = meter.medianMs(1, Math.max(1, repeats / 2), () -> {
                OutputBatch out = prepared.solveBatch(batch);
                if (out.size() != batch.size()) {
                    throw new IllegalStateException("the batch lost vectors");
                }
            }) / settings.batch();
        }
        if (n <= settings.modelMax()) {
            InputBatch one = InputBatch.single(v);
            AnalyticalModel model = new AnalyticalModel();
            modelOne = meter.perCallUs(() -> model.evaluate(spec, one));
            modelPerVector = meter.perCallUs(() -> model.evaluate(spec, batch)) / settings.batch();
            PreparedModel preparedModel = model.prepare(spec);
            modelPrepared = meter.perCallUs(() -> preparedModel.evaluate(v));
            dense = denseMatVecUs(n, v);
        }
        return new Measurement(n, unknowns, null, estimate, reference.statistics().iterations(), iterative, oneMs, oneBestMs,
                direct, lu,
                spice, batchMs, modelOne, modelPerVector, modelPrepared, dense, preconditioners);
    }

    private SolverRun direct(DirectCrossbarSolver solver, CrossbarCircuit circuit, double[] v, CrossbarSolution reference,
            int n) {
        CrossbarSolver.Prepared[] prepared = new CrossbarSolver.Prepared[1];
        Meter.Footprint peak;
        double factorMs;
        if (n >= 512) {
            // a factorization of ten seconds and more is timed once, without warm-up (the JIT has
            // long finished by then), and that one run is also the one whose memory is watched
            long[] nanos = new long[1];
            peak = meter.footprint(() -> {
                long start = System.nanoTime();
                prepared[0] = solver.prepare(circuit);
                nanos[0] = System.nanoTime() - start;
                prepared[0].solve(v);
            });
            factorMs = nanos[0] * 1e-6;
        } else {
            factorMs = meter.medianMs(1, settings.repeats(), () -> prepared[0] = solver.prepare(circuit));
            prepared[0] = null;
            peak = meter.footprint(() -> {
                prepared[0] = solver.prepare(circuit);
                prepared[0].solve(v);
            });
        }
        CrossbarSolution[] last = new CrossbarSolution[1];
        double solveMs = meter.medianMs(2, settings.repeats(), () -> last[0] = prepared[0].solve(v));
        double dv = maxDifference(reference, last[0]);
        boolean agrees = dv <= 1e-9;
        return new SolverRun(true, factorMs, solveMs, peak.peakBytes(), peak.allocatedBytes(), dv, agrees,
                String.format(Locale.ROOT, "max |dv| %.1e V", dv));
    }

    private SolverRun ngspice(CrossbarSpec spec, CrossbarCircuit circuit, double[] v, CrossbarSolution reference) {
        CrossbarNetlist netlist = new CrossbarNetlist(spec, v);
        String text = netlist.text(List.of("xbar bench: the benchmark crossbar, one input vector"));
        long[] nanos = new long[settings.ngspiceRuns()];
        Ngspice.Run run = null;
        for (int k = 0; k < nanos.length; k++) {
            run = ngspice.run(text);
            nanos[k] = run.nanos();
        }
        SpiceCrossCheck.Result check = SpiceCrossCheck.compare(
                NgspiceCheck.crossbarValues(netlist.crossbar(), v, reference), run.operatingPoint(),
                NgspiceCheck.aliases(netlist.circuit(), netlist.writer())::get);
        boolean agrees = check.passed() && run.warnings().stream().noneMatch(w -> w.contains("singular"));
        long programSize = run.programSizeBytes();
        return new SolverRun(true, 0, median(nanos) * 1e-6, programSize, programSize, check.worstAbsolute(), agrees,
                check.summary());
    }





    /** The yardstick: a plain n x n row-major matrix times a vector, us per product. */
    private double denseMatVecUs(int n, double[] v) {
        double[] a = new double[n * n];
        SplittableRandom random = new SplittableRandom(n);
        for (int k = 0; k < a.length; k++) {
            a[k] = random.nextDouble();
        }
        double[] sink = new double[1];
        return meter.perCallUs(() -> {
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                double s = 0;
                int base = i * n;
                for (int j = 0; j < n; j++) {
                    s += a[base + j] * v[j];
                }
                y[i] = s;
            }
            sink[0] += y[n - 1];
        });
    }

    private static long median(long[] values) {
        long[] s = values.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** @return the largest difference between two solutions' node voltages, volt */
    static double maxDifference(CrossbarSolution a, CrossbarSolution b) {
        double max = 0;
        double[][] pairs = {a.rowVoltages(), b.rowVoltages(), a.columnVoltages(), b.columnVoltages()};
        for (int p = 0; p < pairs.length; p += 2) {
            double[] x = pairs[p];
            double[] y = pairs[p + 1];
            for (int k = 0; k < x.length; k++) {
                max = Math.max(max, Math.abs(x[k] - y[k]));
            }
        }
        return max;
    }


}
