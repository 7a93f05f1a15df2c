package org.xbar.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xbar.circuit.CrossbarCircuit;
import org.xbar.device.Quantizer;
import org.xbar.device.Technology;
import org.xbar.device.WeightMapper;
import org.xbar.report.TextTable;
import org.xbar.results.CrossbarSolution;
import org.xbar.results.OutputBatch;
import org.xbar.solve.CrossbarSolver;
import org.xbar.solve.DirectCrossbarSolver;
import org.xbar.solve.LineRelaxationSolver;
import org.xbar.spec.CrossbarSpec;
import org.xbar.spec.InputBatch;
import org.xbar.spec.WeightMapping;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code xbar bench}: the iterative and the direct crossbar solver side by side, in one run, on
 * seeded crossbars with wires. Times are medians over repetitions after warm-up; what matters is
 * the ratio, measured in the same process on the same machine.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Times the iterative and the direct solver side by side, one line per size.",
            "Seeded 4-bit TiO2 crossbars (R_S = 800 ohm, R_N = 200 ohm, 2.5 ohm wires); checks that the two",
            "solvers' node voltages agree and times a batch of input vectors on the iterative solver."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--sizes", defaultValue = "64,128,256,512,1024", split = ",",
            description = "Crossbar sizes (n for n x n). Default: ${DEFAULT-VALUE}.")
    int[] sizes;

    @Option(names = "--max-direct", defaultValue = "512",
            description = "Largest size the direct solver runs at (its factor grows fast). Default: ${DEFAULT-VALUE}.")
    int maxDirect;

    @Option(names = "--batch", defaultValue = "100", description = "Input vectors in the batch timing. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--repeats", defaultValue = "5", description = "Timed repetitions per measurement (median). Default: ${DEFAULT-VALUE}.")
    int repeats;

    @Option(names = "--threads", description = "Threads for the iterative solver (default: all processors).")
    Integer threads;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        if (repeats < 1) {
            throw new UsageException("--repeats", repeats + " is out of range: must be >= 1");
        }
        if (batch < 1) {
            throw new UsageException("--batch", batch + " is out of range: must be >= 1");
        }
        for (int n : sizes) {
            if (n < 2 || n > 8192) {
                throw new UsageException("--sizes", n + " is out of range: sizes must be 2 to 8192");
            }
        }
        int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (threadCount < 1) {
            throw new UsageException("--threads", threadCount + " is out of range: must be >= 1");
        }
        PrintWriter out = command.commandLine().getOut();
        out.printf(Locale.ROOT, "xbar bench: %d processors, %d threads for the iterative solver, max heap %d MB, %s%n",
                Runtime.getRuntime().availableProcessors(), threadCount, Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        out.println("one vector = prepare + solve; times are medians of " + repeats + " runs after warm-up");
        out.flush();
        CrossbarSolver iterative = new LineRelaxationSolver(LineRelaxationSolver.DEFAULT_TOLERANCE,
                LineRelaxationSolver.DEFAULT_MAX_ITERATIONS, threadCount);
        CrossbarSolver direct = new DirectCrossbarSolver();
        TextTable table = new TextTable("size", "unknowns", "iterative (ms)", "iterations", "peak heap (MB)",
                "direct factor (ms)", "direct solve (ms)", "direct/iterative", "max |dv| (V)",
                "batch " + batch + " (ms/vector)");
        for (int n : sizes) {
            CrossbarSpec spec = new WeightMapper(new Quantizer(Technology.TIO2, Quantizer.DEFAULT_BITS))
                    .random(n, n, WeightMapping.SINGLE, n).toSpec()
                    .sourceOhms(800).neuronOhms(200).wireOhms(2.5).build();
            CrossbarCircuit circuit = CrossbarCircuit.of(spec);
            InputBatch inputs = InputBatch.random(batch, n, 1.0, n + 1L);
            double[] v = inputs.vector(0);

            CrossbarSolution[] last = new CrossbarSolution[1];
            long[] iterTimes = time(() -> last[0] = iterative.prepare(circuit).solve(v));
            CrossbarSolution iter = last[0];
            long heap = peakHeapDuring(() -> iterative.prepare(circuit).solve(v));

            String factorMs = "-";
            String solveMs = "-";
            String ratio = "-";
            String dv = "-";
            if (n <= maxDirect) {
                CrossbarSolver.Prepared[] prepared = new CrossbarSolver.Prepared[1];
                long[] factorTimes = time(n >= 512 ? 1 : repeats, () -> prepared[0] = direct.prepare(circuit));
                long[] solveTimes = time(() -> last[0] = prepared[0].solve(v));
                CrossbarSolution exact = last[0];
                long directTotal = median(factorTimes) + median(solveTimes);
                factorMs = ms(median(factorTimes));
                solveMs = ms(median(solveTimes));
                ratio = String.format(Locale.ROOT, "%.1f", (double) directTotal / median(iterTimes));
                dv = String.format(Locale.ROOT, "%.1e", maxDifference(iter, exact));
            }
            CrossbarSolver.Prepared prepared = iterative.prepare(circuit);
            long[] batchTimes = time(Math.max(1, repeats / 2), () -> {
                OutputBatch b = prepared.solveBatch(inputs);
                if (b.size() != batch) {
                    throw new IllegalStateException("batch lost vectors");
                }
            });
            table.row(n + "x" + n, 2L * n * n, ms(median(iterTimes)), iter.statistics().iterations(), heap >> 20,
                    factorMs, solveMs, ratio, dv, String.format(Locale.ROOT, "%.3f", median(batchTimes) * 1e-6 / batch));
            out.print(n == sizes[0] ? table : lastLine(table));
            out.flush();
        }
        return 0;
    }

    private static String lastLine(TextTable table) {
        String[] lines = table.toString().split("\n");
        return lines[lines.length - 1] + "\n";
    }

    private long[] time(Runnable work) {
        return time(repeats, work);
    }

    private static long[] time(int count, Runnable work) {
        long warmStart = System.nanoTime();
        int warm = 0;
        while (warm < 2 || (warm < 20 && System.nanoTime() - warmStart < 1_000_000_000L)) {
            work.run();
            warm++;
            if (System.nanoTime() - warmStart > 5_000_000_000L) {
                break;
            }
        }
        long[] t = new long[count];
        for (int k = 0; k < count; k++) {
            long start = System.nanoTime();
            work.run();
            t[k] = System.nanoTime() - start;
        }
        return t;
    }

    private static long median(long[] values) {
        long[] s = values.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos * 1e-6);
    }

    private static double maxDifference(CrossbarSolution a, CrossbarSolution b) {
        double max = 0;
        double[] ar = a.rowVoltages();
        double[] br = b.rowVoltages();
        double[] ac = a.columnVoltages();
        double[] bc = b.columnVoltages();
        for (int k = 0; k < ar.length; k++) {
            max = Math.max(max, Math.abs(ar[k] - br[k]));
            max = Math.max(max, Math.abs(ac[k] - bc[k]));
        }
        return max;
    }

    /** Peak heap in use while the work runs, in bytes, after a collection before it starts. */
    private static long peakHeapDuring(Runnable work) {
        List<MemoryPoolMXBean> pools = new ArrayList<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pools.add(pool);
            }
        }
        System.gc();
        for (MemoryPoolMXBean pool : pools) {
            pool.resetPeakUsage();
        }
        work.run();
        long peak = 0;
        for (MemoryPoolMXBean pool : pools) {
            peak += pool.getPeakUsage().getUsed();
        }
        return peak;
    }
}
