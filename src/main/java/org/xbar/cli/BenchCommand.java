package org.xbar.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.xbar.error.InvalidParameterException;
import org.xbar.io.OutputFiles;
import org.xbar.report.PerformanceReport;
import org.xbar.report.TextTable;
import org.xbar.spice.Ngspice;
import org.xbar.study.PerformanceStudy.Measurement;
import org.xbar.study.PerformanceStudy.SolverRun;
import org.xbar.study.PerformanceStudy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code xbar bench}: the iterative solver against ngspice and against two direct sparse solvers
 * with factor reuse, side by side in one run, one line per size; optionally written to a Markdown
 * report with a log-log scaling plot ({@link PerformanceStudy}, {@link PerformanceReport}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Times xbar's iterative solver against ngspice (whole process, median of several runs), xbar's "
                + "direct Cholesky solver and a sparse LU with factor reuse, on the same seeded crossbars with "
                + "wires (4-bit TiO2, R_S = 800 ohm, R_N = 200 ohm, 2.5 ohm wires); checks that all answers agree; "
                + "prints one line per size with the ratios.",
            "Then times the iterative solver with 1, 2, 4, ... threads at --scaling-sizes, next to the machine's "
                + "copy bandwidth, and reports the rate at which the solver streams its arrays: how close it comes to "
                + "the memory wall.",
            "Then issue 13's targets: the 196-20-10 inverter network with 2.5 ohm wires solved layer by layer and as one"
                + " circuit, and --test-set-vectors vectors through a 784x500 crossbar with wires.",
            "The defaults take about 25 minutes on 2 cores, most of it ngspice at 128x128, the direct "
                + "factorizations at 512x512 and the single-thread 4096x4096 runs."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--sizes", defaultValue = "16,32,64,128,256,512,1024,2048,4096", split = ",",
            description = "Crossbar sizes (n for n x n), 2 to 8192. Default: ${DEFAULT-VALUE}.")
    int[] sizes;

    @Option(names = "--scaling-sizes", defaultValue = "1024,4096", split = ",",
            description = "Sizes at which the iterative solver is timed with 1, 2, 4, ... up to --threads threads, next to "
                    + "the machine's copy bandwidth. Default: ${DEFAULT-VALUE}.")
    int[] scalingSizes;

    @Option(names = "--no-scaling", description = "Leave out the thread scaling and the copy bandwidth.")
    boolean noScaling;

    @Option(names = "--cold-start-size", defaultValue = "0", paramLabel = "N",
            description = "Issue 13's cold-start target: the whole xbar solve process on the n x n benchmark crossbar (the"
                    + " target: 512) against SciPy's exact sparse LU of its nodal system, when python3 with SciPy is on the"
                    + " path; 0, the default, leaves it out.")
    int coldStartSize;

    @Option(names = "--test-set-vectors", defaultValue = "0", paramLabel = "N",
            description = "Issue 13's test-set target: N random vectors (the target: 10000) through a 784x500 crossbar with"
                    + " 2.5 ohm wires by its transfer matrix (about a minute on 2 cores); 0, the default, leaves it out.")
    int testSetVectors;

    @Option(names = "--ngspice-max", defaultValue = "128",
            description = "Largest size ngspice runs at (about 100 s per run at 128, over 15 min at 256). Default: ${DEFAULT-VALUE}.")
    int ngspiceMax;

    @Option(names = "--ngspice-runs", defaultValue = "3", description = "ngspice processes per size (median). Default: ${DEFAULT-VALUE}.")
    int ngspiceRuns;

    @Option(names = "--no-ngspice", description = "Leave ngspice out.")
    boolean noNgspice;

    @Option(names = "--direct-max", defaultValue = "512",
            description = "Largest size the direct Cholesky solver runs at (its factor grows fast). Default: ${DEFAULT-VALUE}.")
    int directMax;

    @Option(names = "--lu-max", defaultValue = "512", description = "Largest size the sparse LU runs at. Default: ${DEFAULT-VALUE}.")
    int luMax;

    @Option(names = "--batch", defaultValue = "100", description = "Input vectors in the batch timing. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--batch-max", defaultValue = "256", description = "Largest size the batch is timed at. Default: ${DEFAULT-VALUE}.")
    int batchMax;

    @Option(names = "--model-max", defaultValue = "1024",
            description = "Largest size the analytical model is timed at, against a dense product. Default: ${DEFAULT-VALUE}.")
    int modelMax;

    @Option(names = "--repeats", defaultValue = "7", description = "Timed runs per xbar measurement (median). Default: ${DEFAULT-VALUE}.")
    int repeats;

    @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "3",
            description = "Warm-up of each xbar measurement, at least (JIT and heap growth). Default: ${DEFAULT-VALUE}.")
    double warmUpSeconds;

    @Option(names = "--threads", description = "Threads for the iterative solver (default: all processors).")
    Integer threads;

    @Option(names = "--report", paramLabel = "FILE.md",
            description = "Also write a Markdown report there, and its scaling plot next to it (performance-scaling.png).")
    Path report;

    @Option(names = "--timeout", defaultValue = "1800", description = "Seconds one ngspice run may take. Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        if (report != null) {
            OutputFiles.check(report);
        }
        if (coldStartSize < 0 || coldStartSize > PerformanceStudy.MAX_SIZE) {
            throw new UsageException("--cold-start-size", coldStartSize + " is out of range: must be 0 (left out) to "
                    + PerformanceStudy.MAX_SIZE);
        }
        if (testSetVectors < 0) {
            throw new UsageException("--test-set-vectors", testSetVectors + " is out of range: must be >= 0 (0 leaves it out)");
        }
        int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        PerformanceStudy.Settings settings;
        try {
            settings = new PerformanceStudy.Settings(sizes, directMax, luMax, noNgspice ? 0 : ngspiceMax, ngspiceRuns, repeats,
                    batch, batchMax, modelMax, threadCount);
        } catch (InvalidParameterException e) {
            throw new UsageException("--" + option(e.parameter()), e.getMessage());
        }
        JvmMeter meter = new JvmMeter(warmUpSeconds);
        for (int n : scalingSizes) {
            if (n < 2 || n > PerformanceStudy.MAX_SIZE) {
                throw new UsageException("--scaling-sizes", n + " is out of range: must be 2 to " + PerformanceStudy.MAX_SIZE);
            }
        }
        if (timeoutSeconds < 1) {
            throw new UsageException("--timeout", timeoutSeconds + " is out of range: must be >= 1");
        }
        Ngspice ngspice = noNgspice || ngspiceMax == 0 ? null
                : Ngspice.locate().map(p -> new Ngspice(p, Duration.ofSeconds(timeoutSeconds))).orElse(null);
        PrintWriter out = command.commandLine().getOut();
        String machine = Machine.describe();
        out.printf(Locale.ROOT, "xbar bench: %s; max heap %d MB%s; %d threads for the iterative solver%n", machine,
                Runtime.getRuntime().maxMemory() >> 20, heapFlags().isEmpty() ? "" : " (" + heapFlags() + ")", threadCount);
        if (ngspice == null && !noNgspice && ngspiceMax > 0) {
            out.println("ngspice not found on the PATH: its column stays empty (install Debian's ngspice package)");
        }
        out.println("times in ms: xbar = prepare + solve of one vector (median of " + repeats + " after warm-up); ngspice = whole"
                + " process (median of " + ngspiceRuns + "); LU and Cholesky = factor + solve (factor reused for further vectors)");
        out.flush();
        TextTable table = new TextTable("size", "unknowns", "xbar", "iterations", "peak heap MB", "ngspice", "ngspice/xbar",
                "LU", "LU/xbar", "Cholesky", "Cholesky/xbar", "max |dv| V", "agree");
        boolean[] first = {true};
        PerformanceStudy study = new PerformanceStudy(settings, ngspice, meter);
        List<Measurement> results = study.run(m -> {
            if (m.refused() != null) {
                table.row(m.size() + "x" + m.size(), m.unknowns(), "refused", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-");
            } else {
                double dv = Math.max(Math.max(diff(m.ngspice()), diff(m.lu())), diff(m.direct()));
                boolean agree = agrees(m.ngspice()) && agrees(m.lu()) && agrees(m.direct());
                table.row(m.size() + "x" + m.size(), m.unknowns(), PerformanceReport.ms(m.iterativeOneMs()), m.iterations(),
                        m.iterative().peakBytes() >> 20, time(m.ngspice(), m.ngspice().solveMs()),
                        ratio(m.ngspice(), m.ngspice().solveMs() / m.iterativeOneMs()), time(m.lu(), m.lu().oneVectorMs()),
                        ratio(m.lu(), m.lu().oneVectorMs() / m.iterativeOneMs()), time(m.direct(), m.direct().oneVectorMs()),
                        ratio(m.direct(), m.direct().oneVectorMs() / m.iterativeOneMs()),
                        dv > 0 ? String.format(Locale.ROOT, "%.1e", dv) : "-", agree ? "yes" : "NO");
            }
            String[] lines = table.toString().split("\n");
            out.print(first[0] ? table : lines[lines.length - 1] + "\n");
            first[0] = false;
            if (m.refused() != null) {
                out.println("  " + m.size() + "x" + m.size() + " refused before allocating: " + m.refused());
            }
            out.flush();
        });
        List<PerformanceStudy.ThreadScaling> scaling = new ArrayList<>();
        List<PerformanceStudy.Bandwidth> bandwidth = List.of();
        if (!noScaling) {
            bandwidth = study.copyBandwidth();
            for (PerformanceStudy.Bandwidth b : bandwidth) {
                out.printf(Locale.ROOT, "copy bandwidth, %d thread%s: %.1f GB/s (read + write)%n", b.threads(),
                        b.threads() == 1 ? "" : "s", b.bytesPerSecond() / 1e9);
            }
            for (int n : scalingSizes) {
                study.threadScaling(n).ifPresentOrElse(s -> {
                    scaling.add(s);
                    for (PerformanceStudy.ThreadRun r : s.runs()) {
                        out.printf(Locale.ROOT, "%dx%d, %d thread%s: %s ms per further vector, speed-up %.2f, streams %.1f GB/s%n",
                                n, n, r.threads(), r.threads() == 1 ? "" : "s", PerformanceReport.ms(r.solveMs()), s.speedup(r),
                                s.streamedBytesPerSecond(r) / 1e9);
                    }
                }, () -> out.printf(Locale.ROOT, "%dx%d: thread scaling refused, the crossbar does not fit in the heap%n", n, n));
                out.flush();
            }
        }
        PerformanceStudy.NetworkTarget network = study.networkTarget();
        out.printf(Locale.ROOT, "196-20-10 network, 2.5 ohm wires: layer by layer %s ms per vector (reduction %s ms),"
                + " whole circuit %s ms%n", PerformanceReport.ms(network.layeredMs()),
                PerformanceReport.ms(network.reductionMs()), PerformanceReport.ms(network.wholeMs()));
        out.flush();
        PerformanceStudy.TestSetTarget testSet = null;
        if (testSetVectors > 0) {
            testSet = study.testSetTarget(testSetVectors);
            out.printf(Locale.ROOT, "%d vectors through 784x500 with wires: transfer matrix %.1f s (%d solves),"
                    + " product %.2f s%n", testSet.vectors(), testSet.matrixMs() * 1e-3, testSet.solves(),
                    testSet.applyMs() * 1e-3);
            out.flush();
        }
        PerformanceStudy.ColdStartTarget coldStart = null;
        if (coldStartSize > 0) {
            coldStart = ColdStart.measure(coldStartSize);
            out.printf(Locale.ROOT, "%dx%d whole xbar solve process: %.0f ms; %s%n", coldStartSize, coldStartSize,
                    coldStart.processMs(), Double.isNaN(coldStart.scipyMs()) ? coldStart.scipyNote()
                            : String.format(Locale.ROOT, "SciPy splu + solve %.0f ms (%.1fx)", coldStart.scipyMs(),
                                    coldStart.ratio()));
            out.flush();
        }
        if (report != null) {
            Path plot = report.toAbsolutePath().resolveSibling("performance-scaling.png");
            PerformanceReport.write(report, plot, results, scaling, bandwidth, settings, machine, commandLine(), network,
                    testSet, coldStart);
            out.println("wrote " + report + " and " + plot);
        }
        if (results.stream().allMatch(m -> m.refused() != null)) {
            command.commandLine().getErr().println("xbar bench: every size was refused before allocating (see above): nothing"
                    + " was measured; give the JVM more heap (JAVA_OPTS=-Xmx...) or ask for smaller --sizes");
            return Main.FAILURE;
        }
        boolean disagree = results.stream().filter(m -> m.refused() == null)
                .anyMatch(m -> !agrees(m.ngspice()) || !agrees(m.lu()) || !agrees(m.direct()));
        if (disagree) {
            command.commandLine().getErr().println("xbar bench: some solvers disagree with the iterative solver (see 'agree')");
            return Main.FAILURE;
        }
        return 0;
    }

    /**
     * The JVM's heap flags, which the large sizes' times depend on: a heap pre-touched at start
     * ({@code -XX:+AlwaysPreTouch}) spares every prepare the first touch of fresh pages, which on a
     * virtual machine costs seconds at 4096x4096.
     */
    static String heapFlags() {
        List<String> flags = new ArrayList<>();
        for (String a : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-Xms") || a.startsWith("-Xmx") || a.equals("-XX:+AlwaysPreTouch")) {
                flags.add(a);
            }
        }
        return String.join(" ", flags);
    }

    private String commandLine() {
        StringBuilder sb = new StringBuilder();
        String flags = heapFlags();
        if (!flags.isEmpty()) {
            sb.append("JAVA_OPTS='").append(flags).append("' ");
        }
        sb.append("./xbar bench");
        sb.append(" --sizes ").append(Arrays.stream(sizes).mapToObj(Integer::toString).collect(Collectors.joining(",")));
        if (noNgspice) {
            sb.append(" --no-ngspice");
        } else {
            sb.append(" --ngspice-max ").append(ngspiceMax).append(" --ngspice-runs ").append(ngspiceRuns);
        }
        sb.append(" --direct-max ").append(directMax).append(" --lu-max ").append(luMax).append(" --repeats ").append(repeats);
        if (warmUpSeconds != JvmMeter.DEFAULT_WARM_UP_SECONDS) {
            sb.append(" --warmup ").append(warmUpSeconds);
        }
        if (noScaling) {
            sb.append(" --no-scaling");
        } else {
            sb.append(" --scaling-sizes ").append(Arrays.stream(scalingSizes).mapToObj(Integer::toString)
                    .collect(Collectors.joining(",")));
        }
        sb.append(" --batch ").append(batch).append(" --batch-max ").append(batchMax).append(" --model-max ").append(modelMax);
        if (testSetVectors > 0) {
            sb.append(" --test-set-vectors ").append(testSetVectors);
        }
        if (coldStartSize > 0) {
            sb.append(" --cold-start-size ").append(coldStartSize);
        }
        if (threads != null) {
            sb.append(" --threads ").append(threads);
        }
        return sb.append(" --report ").append(report).toString();
    }

    /** The option behind a {@link PerformanceStudy.Settings} component: directMax -> direct-max. */
    private static String option(String parameter) {
        return parameter.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
    }

    private static boolean agrees(SolverRun r) {
        return !r.ran() || r.agrees();
    }

    private static double diff(SolverRun r) {
        return r.ran() ? r.maxDifference() : 0;
    }

    private static String time(SolverRun r, double ms) {
        return r.ran() ? PerformanceReport.ms(ms) : "-";
    }

    private static String ratio(SolverRun r, double ratio) {
        return r.ran() ? PerformanceReport.ratio(ratio) : "-";
    }
}
