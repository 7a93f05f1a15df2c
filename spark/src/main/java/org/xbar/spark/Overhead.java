package org.xbar.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;
import org.xbar.study.runner.LocalRunner;
import org.xbar.study.runner.PointRunner;
import org.xbar.study.runner.PointTask;
import org.xbar.study.runner.RunnerSettings;

/**
 * What the Spark engine costs, measured in one run: the start of a session, and the time per point
 * of points that compute nothing, on Spark and on the local engine side by side (medians of five
 * rounds after one warm-up). Run it as README "Sweeps and studies on a cluster" says.
 */
public final class Overhead {
    private Overhead() {
    }

    /**
     * @param args the master (default {@code local[2]}) and the number of empty points (default 2000)
     */
    public static void main(String[] args) {
        String master = args.length > 0 ? args[0] : "local[2]";
        int points = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        List<Integer> indices = IntStream.range(0, points).boxed().toList();
        PointTask<Integer> nothing = i -> i;
        long start = System.nanoTime();
        try (SparkRunner spark = new SparkRunner(new RunnerSettings("spark", Optional.of(master), 2, "xbar overhead"));
                LocalRunner local = new LocalRunner(2)) {
            double startMs = (System.nanoTime() - start) * 1e-6;
            double sparkMs = perPointMs(spark, nothing, indices);
            double localMs = perPointMs(local, nothing, indices);
            System.out.printf(Locale.ROOT, "%s: session start %.0f ms; per empty point %.3f ms on Spark, %.4f ms on the local engine"
                    + " (2 threads), %d points per round%n", spark.describe(), startMs, sparkMs, localMs, points);
        }
    }

    private static double perPointMs(PointRunner runner, PointTask<Integer> task, List<Integer> indices) {
        List<Double> rounds = new ArrayList<>();
        for (int round = 0; round < 6; round++) {
            int[] count = new int[1];
            long t0 = System.nanoTime();
            runner.run(task, indices, r -> count[0]++);
            if (count[0] != indices.size()) {
                throw new IllegalStateException(count[0] + " results for " + indices.size() + " points");
            }
            if (round > 0) {
                rounds.add((System.nanoTime() - t0) * 1e-6 / indices.size());
            }
        }
        rounds.sort(null);
        return rounds.get(rounds.size() / 2);
    }
}
