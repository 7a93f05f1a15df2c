package org.xbar.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbar.cli.Main;
import org.xbar.error.InvalidParameterException;
import org.xbar.io.CsvMatrix;
import org.xbar.study.runner.PointFailedException;
import org.xbar.study.runner.PointRunner;
import org.xbar.study.runner.PointRunners;
import org.xbar.study.runner.RunnerSettings;
import org.xbar.study.sweep.PointResult;
import org.xbar.study.sweep.Sweep;
import org.xbar.study.sweep.SweepPoint;

/**
 * The Spark engine in local mode: the same sweep.csv as the local engine, a point that fails once
 * retried and written once, a point that fails for good named, and the engine found by name.
 */
class SparkRunnerTest {
    private static final Path EXAMPLE = Path.of("validation/examples/sweep-small.json");

    private static RunnerSettings settings(String master) {
        return new RunnerSettings("spark", Optional.of(master), 2, "xbar test");
    }

    private static int xbar(String... args) {
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(0, code, String.join(" ", args) + ": " + err);
        return code;
    }

    /** The CI check of issue 14: local[2] writes the local engine's sweep.csv, every column but the times. */
    @Test
    void sparkLocalModeWritesTheLocalEnginesCsv(@TempDir Path dir) throws Exception {
        Path local = dir.resolve("local");
        Path spark = dir.resolve("spark");
        xbar("sweep", "--config", EXAMPLE.toString(), "--out", local.toString(), "--no-progress");
        xbar("sweep", "--engine", "spark", "--master", "local[2]", "--config", EXAMPLE.toString(), "--out", spark.toString(),
                "--no-progress");
        List<String> expected = SweepCsv.withoutTimings(local.resolve("sweep.csv"));
        assertTrue(expected.size() > 100, "the example sweep has " + expected.size() + " lines");
        assertEquals(expected, SweepCsv.withoutTimings(spark.resolve("sweep.csv")));
        assertEquals(Files.readString(local.resolve("sweep.fingerprint")), Files.readString(spark.resolve("sweep.fingerprint")));
        try (var kept = Files.list(local.resolve("outputs"))) {
            for (Path f : kept.toList()) {
                assertEquals(Files.readString(f), Files.readString(spark.resolve("outputs").resolve(f.getFileName())), f.toString());
            }
        }
    }

    /** local[2,2]: two attempts per task; the failed attempt leaves no trace, the retry is written once. */
    @Test
    void aPointThatFailsOnceIsRetriedAndHandedOverOnce(@TempDir Path dir) throws Exception {
        Sweep sweep = Sweep.fromConfig(EXAMPLE.toString(), Files.readString(EXAMPLE), EXAMPLE.toAbsolutePath().getParent(),
                CsvMatrix::read);
        List<SweepPoint> points = sweep.points();
        Map<Integer, Integer> handed = new HashMap<>();
        List<PointResult> results = new ArrayList<>();
        Path marker = dir.resolve("failed-once");
        try (PointRunner runner = new FailOnce(PointRunners.create(settings("local[2,2]")), marker, 5)) {
            sweep.run(points, runner, p -> false, r -> {
                handed.merge(r.point().index(), 1, Integer::sum);
                results.add(r);
            });
        }
        assertTrue(Files.exists(marker), "the first attempt at point 5 failed");
        assertEquals(points.size(), handed.size());
        assertTrue(handed.values().stream().allMatch(n -> n == 1), "every point exactly once: " + handed);
        for (PointResult r : results) {
            PointResult local = sweep.evaluate(r.point(), false);
            for (int m = 0; m < r.models().size(); m++) {
                assertEquals(local.models().get(m).metrics(), r.models().get(m).metrics(), r.point().id());
            }
        }
    }

    /** local[2] does not retry: the job fails, and the failure names the point and its cause. */
    @Test
    void aPointThatFailsForGoodIsNamed() {
        try (SparkRunner runner = new SparkRunner(settings("local[2]"))) {
            PointFailedException e = assertThrows(PointFailedException.class, () -> runner.run(i -> {
                if (i == 3) {
                    throw new IllegalStateException("no devices at point three");
                }
                return i;
            }, List.of(0, 1, 2, 3, 4, 5), r -> { }));
            assertEquals(3, e.index());
            assertTrue(e.getMessage().contains("no devices at point three"), e.getMessage());
            // the session survives a failed job
            List<Integer> squares = new ArrayList<>();
            runner.run(i -> i * i, List.of(1, 2, 3), squares::add);
            squares.sort(null);
            assertEquals(List.of(1, 4, 9), squares);
        }
    }

    @Test
    void theEngineIsFoundByNameAndRefusesAMasterItDoesNotKnow() {
        try (PointRunner runner = PointRunners.create(settings("local[1]"))) {
            assertTrue(runner instanceof SparkRunner);
            assertTrue(runner.describe().startsWith("spark local[1]"), runner.describe());
            assertEquals("127.0.0.1", ((SparkRunner) runner).context().getConf().get("spark.driver.host"));
            assertEquals("false", ((SparkRunner) runner).context().getConf().get("spark.ui.enabled"));
        }
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> new SparkRunner(settings("hdfs://127.0.0.1:9000")));
        assertEquals("master", e.parameter());
    }

    @Test
    void sparkSubmitsMainAddsTheEngineUnlessOneIsChosen() {
        assertArrayEquals(new String[] {"sweep", "--engine", "spark", "--config", "f.json"},
                SparkMain.withEngine(new String[] {"sweep", "--config", "f.json"}));
        String[] chosen = {"sweep", "--engine=local"};
        assertArrayEquals(chosen, SparkMain.withEngine(chosen));
        assertArrayEquals(new String[0], SparkMain.withEngine(new String[0]), "no command: the usage, as xbar prints it");
    }
}
