package org.xbar.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.xbar.error.InputFormatException;
import org.xbar.error.XbarException;
import org.xbar.io.CsvMatrix;
import org.xbar.io.OutputFiles;
import org.xbar.report.SweepCharts;
import org.xbar.report.SweepTable;
import org.xbar.study.runner.PointRunner;
import org.xbar.study.runner.PointRunners;
import org.xbar.study.runner.RunnerSettings;
import org.xbar.study.sweep.PointResult;
import org.xbar.study.sweep.Sweep;
import org.xbar.study.sweep.SweepFingerprint;
import org.xbar.study.sweep.SweepPoint;
import org.xbar.study.sweep.SweepSpec.Plot;
import org.xbar.study.sweep.SweepSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code xbar sweep}: a grid of crossbars, exact against models, as CSV and PNG plots. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Runs a sweep over crossbar parameters: every point solved exactly by nodal analysis and "
                + "compared with the analytical model, the wire-aware model and the ideal product (NRMSD, worst "
                + "relative error, mean output ratio).",
            "Results go to DIR/sweep.csv as points finish; run the same command again after an interruption "
                + "and it resumes.",
            "Plots go to DIR/*.png.",
            "Without --config it runs the default sweep (seed 004's validation on MNIST plus wire and size "
                + "curves; needs scripts/fetch-mnist)."})
final class SweepCommand implements Callable<Integer> {
    /** The embedded default sweep. */
    static final String DEFAULT_RESOURCE = "/org/xbar/study/sweep/default-sweep.json";

    @Option(names = "--config", paramLabel = "FILE.json", description = "The sweep (format: README, \"Sweeps\"). "
            + "Default: the embedded default sweep (see --print-default).")
    Path config;

    @Option(names = "--out", defaultValue = "sweep-results", paramLabel = "DIR",
            description = "Directory for sweep.csv, the plots and the kept outputs. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Mixin
    EngineOptions engine;

    @Option(names = "--fresh", description = "Delete the results already in DIR (sweep.csv, outputs, plots) and start over.")
    boolean fresh;

    @Option(names = "--plots-only", description = "Draw the plots from DIR/sweep.csv without computing missing points.")
    boolean plotsOnly;

    @Option(names = "--no-progress", description = "No progress bar (it is shown only when stderr is a terminal anyway).")
    boolean noProgress;

    @Option(names = "--print-default", description = "Print the default sweep's configuration and exit.")
    boolean printDefault;

    @Option(names = "--allow-large", description = "Run a sweep past the limits on its size (200,000 points, 1 GiB of output).")
    boolean allowLarge;

    /** Points a sweep may have without --allow-large. */
    static final long MAX_POINTS = 200_000;
    /** Estimated bytes of output a sweep may write without --allow-large. */
    static final long MAX_OUTPUT_BYTES = 1L << 30;
    /** Bytes of one line of sweep.csv, measured on the committed sweep (283 on average). */
    static final long BYTES_PER_ROW = 300;
    /** Bytes of one kept output value (a double as text and its comma). */
    static final long BYTES_PER_OUTPUT = 24;

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
        RunnerSettings settings = engine.settings("xbar sweep " + (config == null ? "default" : config.getFileName()));
        String text;
        String name;
        Path base;
        if (config == null) {
            text = defaultConfig();
            name = "default-sweep.json (embedded)";
            base = Path.of("");
        } else {
            if (Files.isDirectory(config)) {
                throw new InputFormatException(config.toString(), 0, 0, "is a directory; --config takes a sweep's JSON file");
            }
            try {
                text = Files.readString(config, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new InputFormatException(config.toString(), 0, 0, "file not found");
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new InputFormatException(config.toString(), 0, 0, "is not UTF-8 text; a sweep configuration is JSON");
            } catch (IOException e) {
                throw new InputFormatException(config.toString(), 0, 0, "cannot read: " + e.getMessage());
            }
            name = config.toString();
            base = config.toAbsolutePath().getParent();
        }
        Sweep sweep = Sweep.fromConfig(name, text, base, CsvMatrix::read);
        SweepSpec spec = sweep.spec();
        List<SweepPoint> points = sweep.points();
        Set<String> scatterIds = scatterPoints(spec, points);
        checkSize(spec, points, scatterIds);
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UsageException("--out", out + " exists and is not a directory; a sweep writes a directory of results");
        }
        if (!plotsOnly) {
            sweep.loadData();
        }

        Path csv = out.resolve("sweep.csv");
        Path outputs = out.resolve("outputs");
        Path record = out.resolve(FINGERPRINT_FILE);
        SweepFingerprint fingerprint = SweepFingerprint.of(spec.name(), points);
        if (fresh) {
            clear(out, spec);
        }
        SweepTable table = SweepTable.open(csv);
        requireSameConfiguration(table, record, fingerprint, points, csv);
        CsvMatrix.writeAtomically(out.resolve("sweep.json"), w -> w.write(text));
        CsvMatrix.writeAtomically(record, w -> w.write(fingerprint.text()));
        table.notes().forEach(n -> stderr.println("xbar sweep: " + n));

        List<SweepPoint> todo = new ArrayList<>();
        for (SweepPoint p : points) {
            boolean needsOutputs = scatterIds.contains(p.id()) && !Files.exists(outputs.resolve(p.id() + ".csv"));
            if (!table.has(p, p.study().modelKeys()) || needsOutputs) {
                todo.add(p);
            }
        }
        boolean compute = !plotsOnly && !todo.isEmpty();
        // the engine starts only when there is something to compute (a Spark session takes seconds)
        try (PointRunner runner = compute ? PointRunners.create(settings) : null) {
            stderr.printf(Locale.ROOT, "xbar sweep: %s, %d points in %d studies; %d in %s already%s%n", spec.name(),
                    points.size(), spec.studies().size(), points.size() - todo.size(), csv,
                    compute ? "; computing " + todo.size() + " on " + runner.describe() : "");
            stderr.flush();
            if (compute) {
                runPoints(sweep, runner, todo, scatterIds, table, outputs, csv, stderr);
                table.rewrite(points, p -> p.study().modelKeys());
            }
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

    /** Computes the points on the runner, appending each to the table (and its outputs) as it finishes. */
    private void runPoints(Sweep sweep, PointRunner runner, List<SweepPoint> todo, Set<String> scatterIds, SweepTable table,
            Path outputs, Path csv, PrintWriter stderr) {
        OutputFiles.check(csv);
        try (Progress progress = new Progress(todo.size(), stderr, !noProgress && System.console() != null)) {
            sweep.run(todo, runner, p -> scatterIds.contains(p.id()), result -> {
                table.append(result);
                if (result.exactOutputs() != null) {
                    SweepTable.writeOutputs(outputs, result);
                }
                progress.step(result);
            });
        }
    }

    /** The file in the output directory that records the configuration its results belong to. */
    static final String FINGERPRINT_FILE = "sweep.fingerprint";

    /**
     * Refuses to add rows to results that another configuration wrote: the directory records its
     * configuration's fingerprint; a directory from before the record existed is checked by its
     * points (every point it holds must be one of this configuration's).
     */
    private static void requireSameConfiguration(SweepTable table, Path record, SweepFingerprint now, List<SweepPoint> points,
            Path csv) throws IOException {
        if (table.pointIds().isEmpty()) {
            return;
        }
        String differs = null;
        if (Files.isRegularFile(record)) {
            Optional<SweepFingerprint> before = SweepFingerprint.parse(Files.readString(record, StandardCharsets.UTF_8));
            if (before.isEmpty()) {
                differs = record + " is not a sweep fingerprint";
            } else if (!before.get().sha256().equals(now.sha256())) {
                differs = "they belong to " + before.get().describe() + ", this run is " + now.describe();
            }
        } else {
            Set<String> ids = new HashSet<>();
            points.forEach(p -> ids.add(p.id()));
            long foreign = table.pointIds().stream().filter(id -> !ids.contains(id)).count();
            if (foreign > 0) {
                differs = foreign + " of its " + table.pointIds().size() + " points are not points of this configuration ("
                        + now.describe() + ")";
            }
        }
        if (differs != null) {
            throw new UsageException("--fresh", csv + " holds the results of another sweep configuration: " + differs
                    + ". Rerun with --fresh to replace them, or give another --out.");
        }
    }

    /** Refuses, before anything is computed, a sweep whose size passes the limits, unless --allow-large. */
    private void checkSize(SweepSpec spec, List<SweepPoint> points, Set<String> scatterIds) {
        long rows = 0;
        long kept = 0;
        for (SweepPoint p : points) {
            int models = p.study().modelKeys().size();
            rows += models;
            if (scatterIds.contains(p.id())) {
                kept += (long) p.study().inputs().vectors() * p.size().cols() * (models + 1);
            }
        }
        long bytes = rows * BYTES_PER_ROW + kept * BYTES_PER_OUTPUT;
        if (allowLarge || (points.size() <= MAX_POINTS && bytes <= MAX_OUTPUT_BYTES)) {
            return;
        }
        throw new UsageException("--allow-large", String.format(Locale.ROOT, "the sweep %s has %,d points in %d studies and"
                + " would write about %,d MB (%,d result lines, %,d kept output values); the limits are %,d points and"
                + " %,d MB. Split it, or pass --allow-large to run it knowingly.", spec.name(), points.size(),
                spec.studies().size(), bytes >> 20, rows, kept, MAX_POINTS, MAX_OUTPUT_BYTES >> 20));
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
            if (plot.type() == SweepSpec.PlotType.LINE) {
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

    /**
     * Removes what an earlier run wrote into the directory: the CSV is emptied (through a symbolic
     * link, by the rules of {@link OutputFiles}), kept outputs and this sweep's plots are deleted where
     * they are regular files. Symbolic links among them stay (the new run writes through them), and so
     * does anything else (the writers refuse it).
     */
    private static void clear(Path dir, SweepSpec spec) throws IOException {
        Path csv = dir.resolve("sweep.csv");
        if (Files.exists(csv, LinkOption.NOFOLLOW_LINKS)) {
            OutputFiles.write(csv, out -> { });
        }
        Path record = dir.resolve(FINGERPRINT_FILE);
        if (Files.isRegularFile(record, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(record);
        }
        Path outputs = dir.resolve("outputs");
        if (Files.isDirectory(outputs)) {
            try (Stream<Path> files = Files.list(outputs)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    if (f.getFileName().toString().endsWith(".csv") && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                        Files.delete(f);
                    }
                }
            }
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    String file = f.getFileName().toString();
                    if (file.endsWith(".png") && spec.plots().stream().anyMatch(p -> file.startsWith(p.file()))
                            && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
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
