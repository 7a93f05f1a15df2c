package org.xbar.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbar.io.CsvMatrix;
import org.xbar.study.AccuracyRow;
import org.xbar.study.StudyFixtures;
import org.xbar.study.runner.LocalRunner;
import org.xbar.study.runner.PointRunner;
import org.xbar.study.runner.RunnerSettings;
import org.xbar.study.sweep.PointResult;
import org.xbar.study.sweep.Sweep;
import org.xbar.study.sweep.SweepPoint;

/**
 * A real standalone cluster on 127.0.0.1: a Master and a Worker started as their own processes
 * from the Maven jars (nothing downloaded; SPARK_HOME is an empty directory and the executors take
 * this test's class path), the example sweep submitted to {@code spark://127.0.0.1:PORT} with one
 * point's first attempt failing. Spark retries it on the cluster's executors, every point comes
 * back exactly once, and the numbers are the local engine's; then a small network study on the same
 * cluster, its rows equal to the local engine's.
 */
class StandaloneClusterTest {
    private static final Path EXAMPLE = Path.of("validation/examples/sweep-small.json");
    /** How long the cluster may take to come up, seconds. */
    private static final int START_SECONDS = 120;

    @Test
    void aSweepRunsOnAStandaloneClusterAndSurvivesAFailedTask(@TempDir Path dir) throws Exception {
        int masterPort = freePort();
        Path home = Files.createDirectories(dir.resolve("spark-home"));
        Files.createDirectories(home.resolve("jars"));
        Files.createDirectories(home.resolve("conf"));
        List<Process> cluster = new ArrayList<>();
        Map<String, String> env = Map.of("SPARK_HOME", home.toString(), "SPARK_SCALA_VERSION", "2.13", "SPARK_LOCAL_IP",
                "127.0.0.1", "SPARK_NO_DAEMONIZE", "1");
        try {
            Path masterLog = dir.resolve("master.log");
            int masterUi = freePort();
            cluster.add(start("org.apache.spark.deploy.master.Master", List.of("--host", "127.0.0.1", "--port",
                    String.valueOf(masterPort), "--webui-port", String.valueOf(masterUi)), env, masterLog));
            String url = "spark://127.0.0.1:" + masterPort;
            cluster.add(start("org.apache.spark.deploy.worker.Worker", List.of("--host", "127.0.0.1", "--cores", "2",
                    "--memory", "1g", "--webui-port", String.valueOf(freePort()), "--work-dir",
                    dir.resolve("work").toString(), url), env, dir.resolve("worker.log")));
            awaitWorker(masterUi, masterLog, cluster);

            Sweep sweep = Sweep.fromConfig(EXAMPLE.toString(), Files.readString(EXAMPLE),
                    EXAMPLE.toAbsolutePath().getParent(), CsvMatrix::read);
            List<SweepPoint> points = sweep.points();
            Map<Integer, Integer> handed = new HashMap<>();
            List<PointResult> results = new ArrayList<>();
            Path marker = dir.resolve("failed-once");
            List<AccuracyRow> studyRows;
            Map<String, String> conf = Map.of("spark.executor.extraClassPath", System.getProperty("java.class.path"),
                    "spark.executor.extraJavaOptions", String.join(" ", opens()), "spark.executor.memory", "512m",
                    "spark.cores.max", "2");
            conf.forEach(System::setProperty);
            try (PointRunner runner = new FailOnce(new SparkRunner(new RunnerSettings("spark", Optional.of(url), 2,
                    "xbar standalone test")), marker, 7)) {
                assertTrue(runner.describe().contains(url), runner.describe());
                sweep.run(points, runner, p -> false, r -> {
                    handed.merge(r.point().index(), 1, Integer::sum);
                    results.add(r);
                });
                // the network study on the same cluster: its jobs, data and networks cross to the executors
                StudyFixtures.Recorder onCluster = new StudyFixtures.Recorder();
                studyRows = StudyFixtures.tinyStudy(onCluster).run(runner);
            } finally {
                conf.keySet().forEach(System::clearProperty);
            }
            assertTrue(Files.exists(marker), "the first attempt at point 7 failed on an executor");
            assertEquals(points.size(), handed.size(), "every point came back");
            assertTrue(handed.values().stream().allMatch(n -> n == 1), "every point exactly once: " + handed);
            for (PointResult r : results) {
                PointResult local = sweep.evaluate(r.point(), false);
                assertEquals(local.maxIterations(), r.maxIterations(), r.point().id());
                for (int m = 0; m < r.models().size(); m++) {
                    assertEquals(local.models().get(m).metrics(), r.models().get(m).metrics(), r.point().id());
                }
            }
            List<AccuracyRow> local = StudyFixtures.tinyStudy(new StudyFixtures.Recorder()).run(new LocalRunner(1));
            assertEquals(StudyFixtures.found(local), StudyFixtures.found(studyRows));
        } finally {
            for (int k = cluster.size() - 1; k >= 0; k--) {
                Process p = cluster.get(k);
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
            }
        }
    }

    /** This JVM's module openings, which the cluster's JVMs need as well. */
    private static List<String> opens() {
        List<String> out = new ArrayList<>();
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-opens") || a.startsWith("-D") || a.startsWith("-XX:+IgnoreUnrecognizedVMOptions")) {
                out.add(a);
            }
        }
        return out;
    }

    private static Process start(String main, List<String> args, Map<String, String> env, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.addAll(opens());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main);
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    /** Waits until the Master's status page (its JSON) counts a live worker. */
    private static void awaitWorker(int masterUi, Path log, List<Process> cluster) throws Exception {
        long end = System.nanoTime() + START_SECONDS * 1_000_000_000L;
        String status = "";
        while (System.nanoTime() < end) {
            for (Process p : cluster) {
                if (!p.isAlive()) {
                    throw new AssertionError("a cluster process exited (" + p.exitValue() + "); the Master's log: "
                            + Files.readString(log, StandardCharsets.UTF_8));
                }
            }
            try (var in = java.net.URI.create("http://127.0.0.1:" + masterUi + "/json/").toURL().openStream()) {
                status = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (status.replaceAll("\\s", "").matches("(?s).*\"aliveworkers\":[1-9].*")) {
                    return;
                }
            } catch (IOException notYet) {
                // the Master's page is not up yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no live worker after " + START_SECONDS + " s; the Master says " + status + "; its log: "
                + Files.readString(log, StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
