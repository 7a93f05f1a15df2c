package org.xbar.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.xbar.io.CsvMatrix;
import org.xbar.io.OutputFiles;
import org.xbar.study.PerformanceStudy.Measurement;
import org.xbar.study.PerformanceStudy.SolverRun;
import org.xbar.study.PerformanceStudy;

/**
 * Writes {@code xbar bench}'s results: a Markdown report (the machine, the ratios against ngspice
 * and the direct solvers, the performance targets with what was measured, the fitted scaling
 * exponents) and a PNG of time and memory against the number of unknowns on log-log axes, one
 * series per solver.
 */
public final class PerformanceReport {
    /** Sizes from which exponents are fitted: below this, fixed costs (a process start) dominate. */
    public static final int FIT_FROM_SIZE = 64;
    /** Width and height of the scaling plot, pixels. */
    static final int WIDTH = 1000;
    static final int HEIGHT = 1100;

    /** One solver's curve: its name and how to read its time (ms) and memory (bytes) off a measurement. */
    record Series(String name, ToDoubleFunction<Measurement> timeMs, ToDoubleFunction<Measurement> bytes) {
    }

    static final List<Series> SERIES = List.of(
            new Series("xbar iterative", m -> m.refused() == null ? m.iterativeOneMs() : Double.NaN,
                    m -> m.refused() == null ? m.iterative().allocatedBytes() : Double.NaN),
            new Series("xbar direct (Cholesky)", m -> run(m.direct(), SolverRun::oneVectorMs), m -> bytes(m.direct())),
            new Series("sparse LU", m -> run(m.lu(), SolverRun::oneVectorMs), m -> bytes(m.lu())),
            new Series("ngspice", m -> run(m.ngspice(), SolverRun::solveMs), m -> bytes(m.ngspice())));

    private PerformanceReport() {
    }

    private static double run(SolverRun r, ToDoubleFunction<SolverRun> value) {
        return r.ran() ? value.applyAsDouble(r) : Double.NaN;
    }

    private static double bytes(SolverRun r) {
        return r.ran() && r.allocatedBytes() > 0 ? r.allocatedBytes() : Double.NaN;
    }

    /**
     * Writes the report and the plot.
     *
     * @param report      the Markdown file
     * @param plot        the PNG file (its name is linked from the report, relative to it)
     * @param results     the measurements
     * @param scaling     the thread scaling runs (empty when not measured)
     * @param bandwidth   the copy bandwidth (empty when not measured)
     * @param settings    what was measured
     * @param machine     a description of the machine and versions
     * @param command     the command that regenerates both files
     */
    public static void write(Path report, Path plot, List<Measurement> results, List<PerformanceStudy.ThreadScaling> scaling,
            List<PerformanceStudy.Bandwidth> bandwidth, PerformanceStudy.Settings settings, String machine, String command) {
        write(report, plot, results, scaling, bandwidth, settings, machine, command, null, null, null);
    }

    /**
     * {@link #write(Path, Path, List, List, List, PerformanceStudy.Settings, String, String)} with issue
     * 13's targets measured too.
     *
     * @param network   the network target, or null when not measured
     * @param testSet   the test-set target, or null when not measured
     * @param coldStart the cold-start target, or null when not measured
     */
    public static void write(Path report, Path plot, List<Measurement> results, List<PerformanceStudy.ThreadScaling> scaling,
            List<PerformanceStudy.Bandwidth> bandwidth, PerformanceStudy.Settings settings, String machine, String command,
            PerformanceStudy.NetworkTarget network, PerformanceStudy.TestSetTarget testSet,
            PerformanceStudy.ColdStartTarget coldStart) {
        drawScaling(results, plot);
        Path parent = report.toAbsolutePath().getParent();
        String link = parent == null ? plot.toString() : parent.relativize(plot.toAbsolutePath()).toString();
        String text = markdown(results, settings, machine, command, link) + scaleTargets(results, network, testSet,
                coldStart) + levels(results) + threads(scaling, bandwidth);
        CsvMatrix.writeAtomically(report, out -> out.write(text));
    }

    static String markdown(List<Measurement> results, PerformanceStudy.Settings settings, String machine, String command,
            String plotLink) {
        StringBuilder sb = new StringBuilder("# Performance: xbar against ngspice and direct sparse solvers\n\n");
        sb.append("Regenerate with `").append(command).append("`.\n\n");
        sb.append("Machine: ").append(machine).append(".\n\n");
        sb.append("Crossbars: n x n, one array of random 4-bit TiO2 devices (seed n), R_S = 800 ohm, R_N = 200 ohm, 2.5 ohm"
                + " per row and column wire segment, one input vector uniform in [0, 1) V (seed n + 1); 2 n^2 unknown node"
                + " voltages. The same crossbars as the JMH suite in `benchmarks/`. All solvers are measured side by side"
                + " in one run; this machine is shared, so compare ratios, not absolute times between runs.\n\n");
        sb.append(String.format(Locale.ROOT, "xbar: the iterative solver (`LineRelaxationSolver`, %d threads), in"
                + " process, median of %d runs after warm-up (3 runs from 2048x2048). *One vector* = prepare + solve on a"
                + " fresh crossbar; *further vector* = solve on the prepared solver. ngspice: the whole `ngspice -b`"
                + " process (parse, order, factor, write), median of %d runs; its memory is its own \"maximum program"
                + " size\". Direct solvers (factor once, reuse the factor for every further vector): xbar's own sparse"
                + " Cholesky with AMD ordering (CSparseJ), and a sparse LU with partial pivoting and AMD ordering on"
                + " A + A' (CSparseJ `cs_lu`), the approach of the exact solvers in other crossbar tools; factorizations"
                + " from 512x512 are timed once. Peak heap: the Java heap in use at the highest point of one prepare +"
                + " solve, after a collection, the crossbar's spec and circuit included.%n%n", settings.threads(),
                settings.repeats(), settings.ngspiceRuns()));

        sb.append("## One vector against ngspice\n\n");
        sb.append("Agreement: every node voltage and sense current within 1e-6 relative + 1e-9 V (1e-12 A), as in"
                + " `validation/spice-crosscheck.md`.\n\n");
        sb.append("| size | unknowns | ngspice (ms) | ngspice memory (MB) | xbar one vector (ms) | **ngspice / xbar** | max"
                + " \\|dv\\| (V) | agrees |\n|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (Measurement m : results) {
            if (m.refused() != null || !m.ngspice().ran()) {
                continue;
            }
            SolverRun s = m.ngspice();
            sb.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | **%s** | %.1e | %s |%n", size(m), m.unknowns(),
                    ms(s.solveMs()), mb(s.peakBytes()), ms(m.iterativeOneMs()), ratio(s.solveMs() / m.iterativeOneMs()),
                    s.maxDifference(), s.agrees() ? "yes" : "**NO**: " + s.note()));
        }

        sb.append("\n## Against direct sparse solvers with factor reuse\n\n");
        sb.append("| size | unknowns | xbar one vector (ms) | iterations | xbar further vector (ms) | Cholesky factor (ms) |"
                + " Cholesky solve (ms) | LU factor (ms) | LU solve (ms) | **LU one vector / xbar** | LU further vector /"
                + " xbar | Cholesky one vector / xbar | max \\|dv\\| (V) |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Measurement m : results) {
            if (m.refused() != null || !(m.direct().ran() || m.lu().ran())) {
                continue;
            }
            double dv = Math.max(m.direct().ran() ? m.direct().maxDifference() : 0, m.lu().ran() ? m.lu().maxDifference() : 0);
            sb.append(String.format(Locale.ROOT, "| %s | %d | %s | %d | %s | %s | %s | %s | %s | **%s** | %s | %s | %.1e |%n",
                    size(m), m.unknowns(), ms(m.iterativeOneMs()), m.iterations(), ms(m.iterative().solveMs()),
                    opt(m.direct(), SolverRun::setupMs), opt(m.direct(), SolverRun::solveMs), opt(m.lu(), SolverRun::setupMs),
                    opt(m.lu(), SolverRun::solveMs), m.lu().ran() ? ratio(m.lu().oneVectorMs() / m.iterativeOneMs()) : "-",
                    m.lu().ran() ? ratio(m.lu().solveMs() / m.iterative().solveMs()) : "-",
                    m.direct().ran() ? ratio(m.direct().oneVectorMs() / m.iterativeOneMs()) : "-", dv));
        }
        boolean allAgree = results.stream().filter(m -> m.refused() == null)
                .allMatch(m -> (!m.direct().ran() || m.direct().agrees()) && (!m.lu().ran() || m.lu().agrees()));
        sb.append(allAgree ? "\nEvery direct solve agrees with the iterative solve to within 1e-9 V at every node.\n"
                : "\n**Some direct solves differ from the iterative solve by more than 1e-9 V (see max |dv|).**\n");

        sb.append("\n## The iterative solver alone\n\n");
        sb.append("One vector: median and fastest run. Peak heap: all heap in use at the highest point of one prepare +"
                + " solve (spec and circuit included); allocated: every array that prepare + solve allocates (the"
                + " solver's and its solution's, all live until it returns), against the estimate checked before."
                + " Batch: `solveBatch` on the prepared solver, against one further vector.\n\n");
        sb.append("| size | unknowns | one vector (ms) | fastest (ms) | prepare (ms) | further vector (ms) | iterations |"
                +  " peak heap (MB) | allocated (MB) | estimate checked first (MB) | batch of ").append(settings.batch())
                .append(" (ms per vector) | batch / one vector |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Measurement m : results) {
            if (m.refused() != null) {
                sb.append(String.format(Locale.ROOT, "| %s | %d | refused before allocating: %s | | | | | | | %s | | |%n",
                        size(m), m.unknowns(), m.refused(), mb(m.estimateBytes())));
                continue;
            }
            sb.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %d | %s | %s | %s | %s | %s |%n", size(m),
                    m.unknowns(), ms(m.iterativeOneMs()), ms(m.iterativeBestMs()), ms(m.iterative().setupMs()),
                    ms(m.iterative().solveMs()), m.iterations(), mb(m.iterative().peakBytes()), mb(m.iterative().allocatedBytes()),
                    mb(m.estimateBytes()),
                    Double.isNaN(m.batchMsPerVector()) ? "-" : ms(m.batchMsPerVector()),
                    Double.isNaN(m.batchMsPerVector()) ? "-"
                            : ratio(m.batchMsPerVector() * settings.batch() / m.iterative().solveMs())));
        }
        sb.append("\n").append(models(results));
        sb.append("\n").append(targets(results, settings));
        sb.append("\n").append(scaling(results, plotLink));
        return sb.toString();
    }

    /**
     * @param scaling   the thread scaling runs
     * @param bandwidth the copy bandwidth per thread count
     * @return the section on threads and the memory wall, or nothing when neither was measured
     */
    static String threads(List<PerformanceStudy.ThreadScaling> scaling, List<PerformanceStudy.Bandwidth> bandwidth) {
        if (scaling.isEmpty() && bandwidth.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("\n## Threads and the memory wall\n\n");
        sb.append("Copy bandwidth: `System.arraycopy` of a 256 MB array split over the threads, bytes read plus bytes"
                + " written per second, median. The solver's streaming rate: its arrays (the worst-case estimate checked"
                + " before allocating) times its iterations, over the time of one further vector on a prepared solver;"
                + " every iteration reads most of them at least once, so this is a lower bound on its memory traffic, and"
                + " its share of the copy bandwidth says how close the solver comes to the memory wall.\n\n");
        if (!bandwidth.isEmpty()) {
            sb.append("| threads | copy bandwidth (GB/s) |\n|---:|---:|\n");
            for (PerformanceStudy.Bandwidth b : bandwidth) {
                sb.append(String.format(Locale.ROOT, "| %d | %.1f |%n", b.threads(), b.bytesPerSecond() / 1e9));
            }
            sb.append('\n');
        }
        if (!scaling.isEmpty()) {
            sb.append("| size | threads | further vector (ms) | iterations | speed-up over 1 thread | streams (GB/s) |"
                    + " share of the copy bandwidth at these threads |\n|---|---:|---:|---:|---:|---:|---:|\n");
            for (PerformanceStudy.ThreadScaling s : scaling) {
                for (PerformanceStudy.ThreadRun r : s.runs()) {
                    double copy = bandwidth.stream().filter(b -> b.threads() == r.threads())
                            .mapToDouble(PerformanceStudy.Bandwidth::bytesPerSecond).findFirst().orElse(Double.NaN);
                    double streams = s.streamedBytesPerSecond(r);
                    sb.append(String.format(Locale.ROOT, "| %dx%d | %d | %s | %d | %s | %.1f | %s |%n", s.size(), s.size(),
                            r.threads(), ms(r.solveMs()), r.iterations(), ratio(s.speedup(r)), streams / 1e9,
                            Double.isNaN(copy) ? "-" : String.format(Locale.ROOT, "%.0f %%", 100 * streams / copy)));
                }
            }
        }
        return sb.toString();
    }

    private static String models(List<Measurement> results) {
        StringBuilder sb = new StringBuilder("## The analytical model against a dense matrix-vector product\n\n");
        sb.append("The seed model (`AnalyticalModel`) computes its effective conductance matrix W once per call, then"
                + " costs one matrix-vector product per vector; `AnalyticalModel.prepare(spec)` keeps W for single vectors"
                + " one at a time. Yardstick: a plain n x n `double[]` matrix times a vector. Times per vector,"
                + " microseconds, median of 5 rounds of at least 50 ms.\n\n");
        sb.append("| size | dense mat-vec (us) | model prepared, per vector (us) | model per vector in a batch (us) | model,"
                + " one call with one vector (us) | **prepared / mat-vec** | batch / mat-vec | one call / mat-vec |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Measurement m : results) {
            if (m.refused() != null || Double.isNaN(m.denseMatVecUs())) {
                continue;
            }
            sb.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f | **%s** | %s | %s |%n", size(m),
                    m.denseMatVecUs(), m.modelPreparedUs(), m.modelPerVectorUs(), m.modelOneUs(),
                    ratio(m.modelPreparedUs() / m.denseMatVecUs()), ratio(m.modelPerVectorUs() / m.denseMatVecUs()),
                    ratio(m.modelOneUs() / m.denseMatVecUs())));
        }
        return sb.toString();
    }

    private static String targets(List<Measurement> results, PerformanceStudy.Settings settings) {
        StringBuilder sb = new StringBuilder("## Targets (issue 6)\n\n");
        sb.append("| target | measured | met |\n|---|---|---|\n");
        find(results, 1024).ifPresent(m -> {
            sb.append(String.format(Locale.ROOT, "| 1024x1024 with wires, one vector, <= 250 ms | median %s ms, fastest %s ms"
                    + " (prepare + solve; %s ms on a prepared solver) | %s |%n", ms(m.iterativeOneMs()), ms(m.iterativeBestMs()),
                    ms(m.iterative().solveMs()), verdict(m.iterativeOneMs(), m.iterativeBestMs(), 250)));
            sb.append(String.format(Locale.ROOT, "| 1024x1024, <= 300 MB of heap | peak %s MB in use (spec and circuit"
                    + " included) | %s |%n", mb(m.iterative().peakBytes()), m.iterative().peakBytes() <= 300L << 20 ? "yes"
                    : "no"));
        });
        find(results, 256).ifPresent(m -> {
            sb.append(String.format(Locale.ROOT, "| 256x256 with wires, one vector, <= 5 ms | median %s ms, fastest %s ms"
                    + " (prepare + solve; %s ms on a prepared solver) | %s |%n", ms(m.iterativeOneMs()), ms(m.iterativeBestMs()),
                    ms(m.iterative().solveMs()), verdict(m.iterativeOneMs(), m.iterativeBestMs(), 5)));
            if (!Double.isNaN(m.batchMsPerVector())) {
                double ratio = m.batchMsPerVector() * settings.batch() / m.iterative().solveMs();
                sb.append(String.format(Locale.ROOT, "| batch of %d on 256x256 <= 10x one vector | %sx (%s ms per vector) |"
                        + " %s |%n", settings.batch(), ratio(ratio), ms(m.batchMsPerVector()), ratio <= 10 ? "yes" : "no"));
            }
            modelTarget(sb, m);
        });
        for (Measurement m : results) {
            if (m.size() == 1024) {
                modelTarget(sb, m);
            }
            if (m.size() >= 4096) {
                sb.append(String.format(Locale.ROOT, "| %s with wires solves, memory checked first | %s | %s |%n", size(m),
                        m.refused() != null ? "refused: " + m.refused()
                                : ms(m.iterativeOneMs()) + " ms, " + m.iterations() + " iterations, peak heap "
                                        + mb(m.iterative().peakBytes()) + " MB (estimate " + mb(m.estimateBytes()) + " MB)",
                        m.refused() == null ? "yes" : "no"));
            }
        }
        return sb.toString();
    }

    /**
     * Issue 13's targets: what was measured for each, met or not, and what bounds it.
     */
    static String scaleTargets(List<Measurement> results, PerformanceStudy.NetworkTarget network,
            PerformanceStudy.TestSetTarget testSet, PerformanceStudy.ColdStartTarget coldStart) {
        StringBuilder sb = new StringBuilder("## Targets (issue 13: performance at scale)\n\n");
        sb.append("| target | measured | met | what bounds it |\n|---|---|---|---|\n");
        if (testSet != null) {
            sb.append(String.format(Locale.ROOT, "| %,d vectors through 784x500 with 2.5 ohm wires, exact, whole process"
                    + " <= 8 s | in process: transfer matrix %s s (%d adjoint solves, %s ms each), product %s s: %s s before"
                    + " the JVM's start and the CSV files (`xbar solve --timings`) | %s | one solve per output: %d solves"
                    + " at the line-relaxation solver's speed; on 2 cores that alone exceeds 8 s |%n", testSet.vectors(),
                    ratio(testSet.matrixMs() * 1e-3), testSet.solves(), ms(testSet.matrixMs() / testSet.solves()),
                    ratio(testSet.applyMs() * 1e-3), ratio(testSet.totalSeconds()), testSet.totalSeconds() <= 8 ? "yes"
                            : "no", testSet.solves()));
        }
        StringBuilder iterations = new StringBuilder();
        int most = 0;
        Measurement largest = null;
        for (Measurement m : results) {
            if (m.refused() != null) {
                continue;
            }
            iterations.append(iterations.length() == 0 ? "" : ", ").append(m.size()).append(": ").append(m.iterations());
            most = Math.max(most, m.iterations());
            largest = m;
        }
        if (largest != null) {
            String growth = "";
            Measurement previous = null;
            for (Measurement m : results) {
                // like with like: the growth between sizes that take the same preconditioner
                if (m.refused() == null && m != largest && m.size() >= largest.size() / 4 && m.iterations() > 0
                        && twoLevels(m) == twoLevels(largest)) {
                    previous = m;
                    break;
                }
            }
            if (previous != null && previous.size() < largest.size()) {
                double exponent = Math.log((double) largest.iterations() / previous.iterations())
                        / Math.log((double) largest.size() / previous.size());
                growth = String.format(Locale.ROOT, ": iterations grow as n^%.2f from %dx%d to %dx%d", exponent,
                        previous.size(), previous.size(), largest.size(), largest.size());
            }
            sb.append(String.format(Locale.ROOT, "| at most 20 iterations at every size up to 4096x4096 | %s (two levels"
                    + " from 2048x2048, the column lines alone below; both at every size from 256x256 in the next table) | %s | the coarse level's eight segments per row: the longer the segments, the more of the"
                    + " slow errors they miss%s |%n", iterations, most <= 20 ? "yes" : "no", growth));
            if (largest.size() >= 4096) {
                sb.append(String.format(Locale.ROOT, "| 4096x4096 with wires <= 4 s | %s ms (fastest %s ms), %d iterations"
                        + " | %s | the iterations above, each three passes over about %s MB of arrays |%n",
                        ms(largest.iterativeOneMs()), ms(largest.iterativeBestMs()), largest.iterations(),
                        largest.iterativeOneMs() <= 4000 ? "yes" : "no", mb(largest.estimateBytes())));
            }
        }
        find(results, 256).ifPresent(m -> sb.append(String.format(Locale.ROOT, "| 256x256 with wires <= 5 ms | median %s"
                + " ms (%s ms on a prepared solver) | %s | %d iterations of two passes over about %s MB of arrays, and the"
                + " prepare |%n", ms(m.iterativeOneMs()), ms(m.iterative().solveMs()), m.iterativeOneMs() <= 5 ? "yes" : "no",
                m.iterations(), mb(m.estimateBytes()))));
        if (coldStart == null || Double.isNaN(coldStart.scipyMs())) {
            sb.append("| whole `xbar solve` process at 512x512 >= 25x faster than SciPy's exact LU | ").append(coldStart == null
                    ? "not measured by this command (`--cold-start-size 512`)" : String.format(Locale.ROOT, "whole process %s"
                            + " ms at %dx%d; %s", ms(coldStart.processMs()), coldStart.size(), coldStart.size(),
                            coldStart.scipyNote())).append(" | - | the JVM's start, reading the CSV files cold and the"
                            + " solve before the JIT has compiled it (`xbar solve --timings` shows each) |\n");
        } else {
            sb.append(String.format(Locale.ROOT, "| whole `xbar solve` process at %dx%d >= 25x faster than SciPy's exact LU"
                    + " | whole process %s ms (median of 3; JVM start, CSV reading, solve and writing); %s: %s ms; %sx |"
                    + " %s | the JVM's start, reading the CSV files cold and the solve before the JIT has compiled it"
                    + " (`xbar solve --timings` shows each) |%n", coldStart.size(), coldStart.size(),
                    ms(coldStart.processMs()), coldStart.scipyNote(), ms(coldStart.scipyMs()), ratio(coldStart.ratio()),
                    coldStart.ratio() >= 25 ? "yes" : "no"));
        }
        if (network != null) {
            sb.append(String.format(Locale.ROOT, "| 196-20-10 inverter network (level-1 MOSFET neurons) with 2.5 ohm wires"
                    + " <= 50 ms per vector | layer by layer %s ms per vector after a reduction of %s ms once per network"
                    + " (`LayeredNetworkSolver`); Newton on the whole circuit %s ms (%d iterations); the two %s V apart"
                    + " (both within ngspice's tolerances) | %s | the reduction: one solve per driver node of each crossbar |%n",
                    ms(network.layeredMs()), ms(network.reductionMs()), ms(network.wholeMs()), network.wholeIterations(),
                    String.format(Locale.ROOT, "%.1e", network.maxDifferenceVolts()),
                    network.layeredMs() <= 50 ? "yes" : "no"));
        }
        sb.append("| speed-up from 1 to N threads and the copy bandwidth in one run | below | yes | - |\n\n");
        return sb.toString();
    }

    /** @return whether the default solver took the coarse level at this size */
    private static boolean twoLevels(Measurement m) {
        return m.preconditioners() != null && m.preconditioners().twoLevelsDefault();
    }

    /**
     * The two preconditioners side by side: the column lines alone, and with the coarse level over
     * row segments (the default from 2048x2048).
     */
    static String levels(List<Measurement> results) {
        StringBuilder sb = new StringBuilder();
        for (Measurement m : results) {
            PerformanceStudy.Preconditioners p = m.preconditioners();
            if (m.refused() != null || p == null) {
                continue;
            }
            if (sb.length() == 0) {
                sb.append("## One level against two\n\nThe iterative solver's preconditioner, measured side by side on the"
                        + " same crossbars (one vector, prepare + solve, median): the column lines alone, and with the"
                        + " coarse level over eight segments of every row (`RowSegments`), which costs one more product per"
                        + " iteration and a block-tridiagonal solve. The default (in bold) takes the coarse level from"
                        + " 2048x2048, and for the adjoint solves of a transfer matrix from 256x256.\n\n| size | column lines"
                        + " alone (ms) | iterations | two levels (ms) | iterations | two levels' speed-up |\n"
                        + "|---|---:|---:|---:|---:|---:|\n");
            }
            String one = ms(p.columnLinesMs());
            String two = ms(p.twoLevelsMs());
            sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %d | %s |%n", size(m),
                    p.twoLevelsDefault() ? one : "**" + one + "**", p.columnLinesIterations(),
                    p.twoLevelsDefault() ? "**" + two + "**" : two, p.twoLevelsIterations(),
                    ratio(p.columnLinesMs() / p.twoLevelsMs())));
        }
        return sb.length() == 0 ? "" : sb.append('\n').toString();
    }

    private static void modelTarget(StringBuilder sb, Measurement m) {
        if (m.refused() != null || Double.isNaN(m.denseMatVecUs())) {
            return;
        }
        double prepared = m.modelPreparedUs() / m.denseMatVecUs();
        double batch = m.modelPerVectorUs() / m.denseMatVecUs();
        sb.append(String.format(Locale.ROOT, "| analytical model within 2x of a dense mat-vec (%d) | %sx prepared, %sx per"
                + " vector in a batch, %sx for one call with one vector (W computed in the call) | %s |%n", m.size(),
                ratio(prepared), ratio(batch), ratio(m.modelOneUs() / m.denseMatVecUs()),
                prepared <= 2 && batch <= 2 ? "yes" : "no"));
    }

    private static String scaling(List<Measurement> results, String plotLink) {
        StringBuilder sb = new StringBuilder("## Scaling\n\n");
        sb.append("![time and memory against unknowns](").append(plotLink).append(")\n\n");
        sb.append("Exponents a of time ~ N^a and memory ~ N^b, N = unknowns, least squares on log-log axes over the sizes"
                + " from " + FIT_FROM_SIZE + "x" + FIT_FROM_SIZE + " (below it fixed costs dominate). Time: one vector on a"
                + " fresh crossbar (xbar: prepare + solve; direct solvers: factor + solve; ngspice: the whole process)."
                + " Memory: what one such solve allocates (xbar and the direct solvers: every array of the solver and"
                + " of the solution, all live until it returns; the crossbar's spec and circuit, which all share,"
                + " excluded); for ngspice its maximum program size, the whole process.\n\n");
        sb.append("| solver | sizes fitted | time exponent a | memory exponent b |\n|---|---|---:|---:|\n");
        for (Series s : SERIES) {
            Fit time = fit(results, s.timeMs());
            Fit memory = fit(results, s.bytes());
            if (time.points() == 0) {
                continue;
            }
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", s.name(), time.range(), exponent(time.exponent()),
                    exponent(memory.exponent())));
        }
        return sb.toString();
    }

    /** A fitted exponent and the sizes it used. */
    record Fit(double exponent, int points, String range) {
    }

    static Fit fit(List<Measurement> results, ToDoubleFunction<Measurement> value) {
        List<double[]> points = new ArrayList<>();
        for (Measurement m : results) {
            double y = value.applyAsDouble(m);
            if (m.size() >= FIT_FROM_SIZE && y > 0 && Double.isFinite(y)) {
                points.add(new double[] {m.unknowns(), y, m.size()});
            }
        }
        if (points.isEmpty()) {
            return new Fit(Double.NaN, 0, "-");
        }
        double[] x = points.stream().mapToDouble(p -> p[0]).toArray();
        double[] y = points.stream().mapToDouble(p -> p[1]).toArray();
        String range = (int) points.get(0)[2] + " to " + (int) points.get(points.size() - 1)[2];
        return new Fit(PowerLawFit.exponent(x, y), points.size(), range);
    }

    private static void drawScaling(List<Measurement> results, Path file) {
        XYSeriesCollection times = collection(results, Series::timeMs, 1.0, "time");
        XYSeriesCollection memory = collection(results, Series::bytes, 1.0 / (1L << 20), "memory");
        LogAxis unknowns = powersOfTen("unknowns N (node voltages)");
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(unknowns);
        plot.add(subplot(times, "time for one vector (ms)"), 1);
        plot.add(subplot(memory, "memory of one vector (MB)"), 1);
        plot.setGap(12);
        JFreeChart chart = new JFreeChart("Crossbar solvers with wires: time and memory against unknowns (log-log)",
                new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        OutputFiles.write(file, out -> ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT));
    }

    private static XYSeriesCollection collection(List<Measurement> results,
            Function<Series, ToDoubleFunction<Measurement>> pick, double scale, String quantity) {
        XYSeriesCollection collection = new XYSeriesCollection();
        for (Series s : SERIES) {
            ToDoubleFunction<Measurement> value = pick.apply(s);
            Fit fit = fit(results, value);
            XYSeries series = new XYSeries(s.name() + ", " + quantity + (Double.isNaN(fit.exponent()) ? ""
                    : String.format(Locale.ROOT, " ~ N^%.2f", fit.exponent())));
            for (Measurement m : results) {
                double y = value.applyAsDouble(m);
                if (y > 0 && Double.isFinite(y)) {
                    series.add(m.unknowns(), y * scale);
                }
            }
            if (series.getItemCount() > 0) {
                collection.addSeries(series);
            }
        }
        return collection;
    }

    /** A base-10 logarithmic axis labelled at every power of ten only: 1e-1, 1, 10, 1e2, ... */
    private static LogAxis powersOfTen(String label) {
        LogAxis axis = new DecadeAxis(label, new int[] {1}, true);
        axis.setLowerMargin(0.04);
        axis.setUpperMargin(0.04);
        axis.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        axis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        return axis;
    }

    private static XYPlot subplot(XYSeriesCollection data, String label) {
        LogAxis axis = powersOfTen(label);
        double min = Double.MAX_VALUE;
        for (int s = 0; s < data.getSeriesCount(); s++) {
            for (int k = 0; k < data.getItemCount(s); k++) {
                min = Math.min(min, data.getYValue(s, k));
            }
        }
        axis.setSmallestValue(min == Double.MAX_VALUE ? 1e-3 : min / 10);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        Color[] colors = {new Color(0x1f77b4), new Color(0x2ca02c), new Color(0x9467bd), new Color(0xd62728)};
        for (int s = 0; s < data.getSeriesCount(); s++) {
            renderer.setSeriesPaint(s, colors[s % colors.length]);
            renderer.setSeriesStroke(s, new BasicStroke(2f));
        }
        XYPlot plot = new XYPlot(data, null, axis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return plot;
    }

    /** "yes" when the median meets the limit, "fastest run only" when only the fastest does, else "no". */
    private static String verdict(double median, double fastest, double limit) {
        return median <= limit ? "yes" : fastest <= limit ? "fastest run only" : "no";
    }

    private static java.util.Optional<Measurement> find(List<Measurement> results, int size) {
        return results.stream().filter(m -> m.size() == size && m.refused() == null).findFirst();
    }

    private static String size(Measurement m) {
        return m.size() + "x" + m.size();
    }

    private static String opt(SolverRun r, ToDoubleFunction<SolverRun> value) {
        return r.ran() ? ms(value.applyAsDouble(r)) : "-";
    }

    /**
     * @param ms a time, ms
     * @return it with three significant figures or so ("-" for NaN)
     */
    public static String ms(double ms) {
        if (Double.isNaN(ms)) {
            return "-";
        }
        return ms >= 100 ? String.format(Locale.ROOT, "%.0f", ms) : ms >= 10 ? String.format(Locale.ROOT, "%.1f", ms)
                : String.format(Locale.ROOT, "%.2f", ms);
    }

    private static String mb(long bytes) {
        return bytes <= 0 ? "-" : String.format(Locale.ROOT, "%.0f", bytes / (double) (1L << 20));
    }

    /**
     * @param r a ratio
     * @return it with three significant figures or so ("-" when not finite)
     */
    public static String ratio(double r) {
        if (Double.isNaN(r) || Double.isInfinite(r)) {
            return "-";
        }
        return r >= 100 ? String.format(Locale.ROOT, "%.0f", r) : r >= 10 ? String.format(Locale.ROOT, "%.1f", r)
                : String.format(Locale.ROOT, "%.2f", r);
    }

    private static String exponent(double a) {
        return Double.isNaN(a) ? "-" : String.format(Locale.ROOT, "%.2f", a);
    }
}
