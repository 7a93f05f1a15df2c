package org.xbar.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xbar.data.DataSplit;
import org.xbar.data.DatasetName;
import org.xbar.data.Datasets;
import org.xbar.io.CsvMatrix;
import org.xbar.report.AccuracyTable;
import org.xbar.report.NetworkStudyCharts;
import org.xbar.report.NetworkStudyReport;
import org.xbar.study.AccuracyRow;
import org.xbar.study.NetworkStudy;
import org.xbar.study.StudyPlan;
import org.xbar.study.runner.PointRunner;
import org.xbar.study.runner.PointRunners;
import org.xbar.study.runner.RunnerSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code xbar study}: the network accuracy study of issue 10, with its CSV, plots and report. */
@Command(name = "study", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The network accuracy study: seed 004's Figs. 5-7 evaluated by the seed model and by the exact "
                + "circuit, ideal against technology-aware training, wires with seed- and wire-aware training, "
                + "Fashion-MNIST and PHAX.",
            "Writes DIR/accuracy.csv (row by row as it goes), the PNG plots and DIR/report.md, and keeps every trained "
                + "network in DIR/checkpoints: run the same command again after an interruption and it resumes; "
                + "a directory that holds another plan's results is refused unless --fresh.",
            "Trainings and evaluations run as points, as many at once as the engine has workers (--threads on this "
                + "machine, or a Spark cluster with --engine spark); the numbers do not depend on it.",
            "The full study takes about half an hour on 2 cores; --quick runs every part on a small network in "
                    + "well under a minute."})
final class StudyCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "A 784-32-10 network on 2,000 training and 300 test images: every part, in seconds.")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "validation/network",
            description = "Output directory. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--plots-only", description = "Redraw the plots and report.md from DIR/accuracy.csv without computing anything.")
    boolean plotsOnly;

    @Option(names = "--fresh", description = "Discard the results and checkpoints in DIR and start over (without it, a run "
            + "resumes: rows and trained networks of an earlier run of the same plan are reused).")
    boolean fresh;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter err = command.commandLine().getErr();
        Path csv = out.resolve("accuracy.csv");
        if (plotsOnly) {
            List<AccuracyRow> rows = AccuracyTable.read(csv);
            finish(rows, List.of("Redrawn from `accuracy.csv` by `xbar study --plots-only`."));
            return 0;
        }
        StudyPlan plan = quick ? StudyPlan.quick() : StudyPlan.full();
        RunnerSettings settings = engine.settings("xbar study " + plan.name());
        long start = System.nanoTime();
        DataSplit mnist = Datasets.load(DatasetName.MNIST);
        DataSplit fashion = plan.fashionTrainImages() > 0 ? Datasets.load(DatasetName.FASHION_MNIST) : null;
        String description = plan.describe() + "\nmnist " + mnist.train().size() + "/" + mnist.test().size()
                + (fashion == null ? "" : "\nfashion-mnist " + fashion.train().size() + "/" + fashion.test().size())
                + "\nseed " + NetworkStudy.SEED + "\n";
        List<AccuracyRow> rows;
        String engineLabel;
        NetworkStudy study;
        // the engine first: a bad engine or master is refused before anything in DIR changes
        try (PointRunner runner = PointRunners.create(settings)) {
            engineLabel = "points on " + runner.describe();
            StudyCheckpoints checkpoints = StudyCheckpoints.open(out, description, fresh);
            if (checkpoints.keptRows() > 0) {
                err.printf(Locale.ROOT, "xbar study: resuming: %d rows of an earlier run of this plan in %s are reused%n",
                        checkpoints.keptRows(), csv);
            }
            err.printf(Locale.ROOT, "xbar study: the %s plan, %s%n", plan.name(), engineLabel);
            // each point on one thread: the engine runs as many at once as it has workers
            study = new NetworkStudy(plan, mnist, fashion, 1, new NetworkStudy.Listener() {
                @Override
                public void progress(String line) {
                    err.printf(Locale.ROOT, "xbar study [%.0f s]: %s%n", (System.nanoTime() - start) * 1e-9, line);
                    err.flush();
                }

                @Override
                public void rows(List<AccuracyRow> finished) {
                    AccuracyTable.write(csv, finished);
                }
            }, checkpoints);
            rows = study.run(runner);
        }
        double minutes = (System.nanoTime() - start) * 1e-9 / 60;
        List<String> header = new ArrayList<>();
        header.add("Regenerated by `" + (quick ? "./xbar study --quick" : "scripts/reproduce-network-study") + "` ("
                + plan.name() + " plan) on " + LocalDate.now() + String.format(Locale.ROOT, ", in %.1f minutes on ", minutes)
                + Machine.describe() + ", " + engineLabel + ".");
        header.add("");
        header.add(String.format(Locale.ROOT, "MNIST %s, %d training and %d test images of the seeded split; ideal training"
                + " %d epochs from random weights, aware training fine-tunes it for %d epochs; batch %d, learning rate %s,"
                + " seed %d. Chip sigma %s. PHAX %s.", plan.shape(), study.mnist().train().size(), study.mnist().test().size(),
                plan.idealEpochs(), plan.awareEpochs(), plan.batch(), Double.toString(plan.learningRate()), NetworkStudy.SEED,
                Double.toString(plan.chipSigma()), plan.phaxShape()));
        finish(rows, header);
        command.commandLine().getOut().printf(Locale.ROOT, "study (%s): %d accuracies in %.1f minutes; wrote %s, report.md and"
                + " the plots in %s%n", plan.name(), rows.size(), minutes, csv, out);
        return 0;
    }

    private void finish(List<AccuracyRow> rows, List<String> header) {
        NetworkStudyCharts.draw(rows, out);
        String text = NetworkStudyReport.markdown(rows, header);
        CsvMatrix.writeAtomically(out.resolve("report.md"), w -> w.write(text));
    }

    @Override
    public String toString() {
        return "study " + Arrays.asList(quick, out);
    }
}
