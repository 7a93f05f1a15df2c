package org.xbar.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.xbar.compare.PointResult;
import org.xbar.compare.Sweep;
import org.xbar.compare.SweepPoint;
import org.xbar.compare.SweepSpec;
import org.xbar.compare.SweepSpec.Plot;
import org.xbar.error.InputFormatException;
import org.xbar.error.XbarException;
import org.xbar.report.CsvMatrix;
import org.xbar.report.SweepCharts;
import org.xbar.report.SweepTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code xbar sweep}: a grid of crossbars, exact against models, as CSV and PNG plots. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Runs a sweep over crossbar parameters: every point solved exactly by nodal analysis and",
            "compared with the analytical model, the wire-aware model and the ideal product (NRMSD, worst relative",
            "error, mean output ratio). Results go to DIR/sweep.csv as points finish; run the same command again",
            "after an interruption and it resumes. Plots go to DIR/*.png. Without --config it runs the default",
            "sweep (seed 004's validation on MNIST plus wire and size curves; needs scripts/fetch-mnist)."})
final class SweepCommand implements Callable<Integer> {
    /** The embedded default sweep. */
    static final String DEFAULT_RESOURCE = "/org/xbar/compare/default-sweep.json";

    @Option(names = "--config", paramLabel = "FILE.json", description = "The sweep (format: README, \"Sweeps\"). "
            + "Default: the embedded default sweep (see --print-default).")
    Path config;

    @Option(names = "--out", defaultValue = "sweep-results", paramLabel = "DIR",
            description = "Directory for sweep.csv, the plots and the kept outputs. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N",
            description = "Points computed at once, each on one thread. Default: all processors.")
    int threads;

    @Option(names = "--fresh", description = "Delete the results already in DIR (sweep.csv, outputs, plots) and start over.")
    boolean fresh;

    @Option(names = "--plots-only", description = "Draw the plots from DIR/sweep.csv without computing missing points.")
    boolean plotsOnly;

    @Option(names = "--no-progress", description = "No progress bar (it is shown only when stderr is a terminal anyway).")
    boolean noProgress;

    @Option(names = "--print-default", description = "Print the default sweep's configuration and exit.")
    boolean printDefault;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = command.commandLine().getOut();
        PrintWriter stderr = command.commandLine().getErr();
        if (printDefault) {
            stdout.print(defaultConfig());
            stdout.flush();
            return 0;
        }
        if (threads < 0) {
            throw new UsageException("--threads", threads + " must be >= 0 (0: all processors)");
        }
        String text;
        String name;
        Path base;
        if (config == null) {
            text = defaultConfig();
            name = "default-sweep.json (embedded)";
            base = Path.of("");
        } else {
            try {
                text = Files.readString(config, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new InputFormatException(config.toString(), 0, 0, "file not found");
            }
            name = config.toString();
            base = config.toAbsolutePath().getParent();
        }
        SweepSpec spec = SweepSpec.parse(name, text, base);
        Sweep sweep = new Sweep(spec, CsvMatrix::read);
        List<SweepPoint> points = sweep.points();
        if (!plotsOnly) {
            sweep.loadData();
        }

        Path csv = out.resolve("sweep.csv");
        Path outputs = out.resolve("outputs");
        if (fresh) {
            clear(out, spec);
        }
        Files.createDirectories(out);
        CsvMatrix.writeAtomically(out.resolve("sweep.json"), w -> w.write(text));
        SweepTable table = SweepTable.open(csv);
        table.notes().forEach(n -> stderr.println("xbar sweep: " + n));

        Set<String> scatterIds = scatterPoints(spec, points);
        List<SweepPoint> todo = new ArrayList<>();
        for (SweepPoint p : points) {
            boolean needsOutputs = scatterIds.contains(p.id()) && !Files.exists(outputs.resolve(p.id() + ".csv"));
            if (!table.has(p, p.study().models()) || needsOutputs) {
                todo.add(p);
            }
        }
        int workers = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        stderr.printf(Locale.ROOT, "xbar sweep: %s, %d points in %d studies; %d in %s already%s%n", spec.name(),
                points.size(), spec.studies().size(), points.size() - todo.size(), csv,
                plotsOnly || todo.isEmpty() ? "" : "; computing " + todo.size() + " on " + workers + " threads");
        stderr.flush();
        if (!plotsOnly && !todo.isEmpty()) {
            try (Progress progress = new Progress(todo.size(), stderr, !noProgress && System.console() != null)) {
                sweep.run(todo, workers, p -> scatterIds.contains(p.id()), result -> {
                    table.append(result);
                    if (result.exactOutputs() != null) {
                        SweepTable.writeOutputs(outputs, result);
                    }
                    progress.step(result);
                });
            }
            table.rewrite(points, p -> p.study().models());
        }
        SweepCharts.Drawn drawn = SweepCharts.draw(spec, points, table, outputs, out);
        drawn.notes().forEach(n -> stderr.println("xbar sweep: plot " + n));
        stdout.println("wrote " + csv);
        for (Path f : drawn.files()) {
            stdout.println("wrote " + f);
        }
        stdout.flush();
        return 0;
    }

    static String defaultConfig() {
        try (InputStream in = SweepCommand.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new XbarException("the default sweep " + DEFAULT_RESOURCE + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new XbarException("cannot read the default sweep: " + e.getMessage(), e);
        }
    }

    /** The points that a scatter plot names: they keep their output vectors. */
    private static Set<String> scatterPoints(SweepSpec spec, List<SweepPoint> points) {
        Set<String> ids = new HashSet<>();
        for (Plot plot : spec.plots()) {
            if (!plot.scatter()) {
                continue;
            }
            for (SweepPoint p : points) {
                if (!p.study().name().equals(plot.study())) {
                    continue;
                }
                if (p.matches(plot.at())) {
                    ids.add(p.id());
                }
            }
        }
        return ids;
    }

    /** Removes what an earlier run wrote into the directory: the CSV, kept outputs and this sweep's plots. */
    private static void clear(Path dir, SweepSpec spec) throws IOException {
        Files.deleteIfExists(dir.resolve("sweep.csv"));
        Path outputs = dir.resolve("outputs");
        if (Files.isDirectory(outputs)) {
            try (Stream<Path> files = Files.list(outputs)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    if (f.getFileName().toString().endsWith(".csv")) {
                        Files.delete(f);
                    }
                }
            }
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    String file = f.getFileName().toString();
                    if (file.endsWith(".png") && spec.plots().stream().anyMatch(p -> file.startsWith(p.file()))) {
                        Files.delete(f);
                    }
                }
            }
        }
    }

    /** A progress bar on a terminal, otherwise a line every ten percent. */
    private static final class Progress implements AutoCloseable {
        private final ProgressBar bar;
        private final PrintWriter log;
        private final int total;
        private final long start = System.nanoTime();
        private int done;
        private int reported;

        Progress(int total, PrintWriter log, boolean terminal) {
            this.total = total;
            this.log = log;
            this.bar = terminal ? new ProgressBarBuilder().setTaskName("sweep").setInitialMax(total).setUnit(" points", 1)
                    .setUpdateIntervalMillis(250).setConsumer(new ConsoleProgressBarConsumer(System.err)).build() : null;
        }

        void step(PointResult result) {
            done++;
            if (bar != null) {
                bar.step();
                bar.setExtraMessage(result.point().study().name() + " " + result.point().size());
                return;
            }
            int decile = 10 * done / total;
            if (decile > reported || done == total) {
                reported = decile;
                log.printf(Locale.ROOT, "xbar sweep: %d of %d points (%.0f s)%n", done, total, (System.nanoTime() - start) * 1e-9);
                log.flush();
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }
}
