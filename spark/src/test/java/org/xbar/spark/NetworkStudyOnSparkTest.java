package org.xbar.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbar.cli.Main;
import org.xbar.data.DataAvailable;
import org.xbar.study.AccuracyRow;
import org.xbar.study.NetworkStudy;
import org.xbar.study.StudyFixtures;
import org.xbar.study.runner.LocalRunner;
import org.xbar.study.runner.PointRunner;
import org.xbar.study.runner.PointRunners;
import org.xbar.study.runner.RunnerSettings;

/**
 * The network study on Spark: every part of a small plan gives the local engine's rows (every
 * column but the times), in the table's order, with a job that fails once retried and every
 * network trained once; and {@code xbar study --quick --engine spark} writes the local engine's
 * {@code accuracy.csv}.
 */
class NetworkStudyOnSparkTest {
    @Test
    void everyPartGivesTheLocalEnginesRowsWithAJobRetried(@TempDir Path dir) {
        StudyFixtures.Recorder local = new StudyFixtures.Recorder();
        List<AccuracyRow> expected = StudyFixtures.tinyStudy(local).run(new LocalRunner(1));
        assertTrue(expected.size() > 40, "the plan has every part: " + expected.size() + " rows");
        assertTrue(expected.stream().anyMatch(r -> r.evaluator().equals("nodal"))
                && expected.stream().anyMatch(r -> r.evaluator().equals("mosfet"))
                && expected.stream().anyMatch(r -> r.dataset().equals("fashion-mnist")), expected.toString());

        StudyFixtures.Recorder spark = new StudyFixtures.Recorder();
        Path marker = dir.resolve("failed-once");
        List<AccuracyRow> rows;
        try (PointRunner runner = new FailOnce(PointRunners.create(new RunnerSettings("spark", Optional.of("local[2,2]"), 2,
                "xbar test")), marker, 1)) {
            rows = StudyFixtures.tinyStudy(spark).run(runner);
        }
        assertTrue(Files.exists(marker), "the first attempt at a job failed");
        assertEquals(StudyFixtures.found(expected), StudyFixtures.found(rows));
        assertEquals(local.saved.keySet(), spark.saved.keySet());
        assertTrue(spark.saved.values().stream().allMatch(n -> n == 1), "every network saved once: " + spark.saved);
        // rows are handed over in the table's order as they finish: each time a subsequence of the final table
        List<String> order = rows.stream().map(AccuracyRow::key).toList();
        for (List<AccuracyRow> handed : spark.handed) {
            int at = -1;
            for (AccuracyRow r : handed) {
                int next = order.indexOf(r.key());
                assertTrue(next > at, "row " + r.key() + " out of the table's order");
                at = next;
            }
        }
        assertEquals(rows, spark.handed.get(spark.handed.size() - 1), "the last rows handed over are the table");
    }

    private static String xbar(String... args) {
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(0, code, String.join(" ", args) + ": " + err);
        return err.toString();
    }

    /** The command line: {@code xbar study --quick --engine spark --master local[2]}, on the real MNIST. */
    @Test
    void theQuickStudyThroughTheCommandLineWritesTheLocalEnginesTable(@TempDir Path dir) throws Exception {
        DataAvailable.mnistOrSkip();
        DataAvailable.fashionMnistOrSkip();
        Path local = dir.resolve("local");
        Path spark = dir.resolve("spark");
        xbar("study", "--quick", "--out", local.toString(), "--threads", "2");
        String log = xbar("study", "--quick", "--engine", "spark", "--master", "local[2]", "--out", spark.toString());
        assertTrue(log.contains("points on spark local[2]"), log);
        List<String> expected = SweepCsv.withoutColumns(local.resolve("accuracy.csv"), "eval_seconds"::equals);
        assertTrue(expected.size() > 60, expected.size() + " lines");
        assertEquals(expected, SweepCsv.withoutColumns(spark.resolve("accuracy.csv"), "eval_seconds"::equals));
        assertEquals(Files.readString(local.resolve("checkpoints/plan.txt")), Files.readString(spark.resolve("checkpoints/plan.txt")));
    }
}
