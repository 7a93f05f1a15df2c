package org.xbar.cli;

import java.util.Optional;
import org.xbar.study.runner.PointRunners;
import org.xbar.study.runner.RunnerSettings;
import picocli.CommandLine.Option;

/**
 * Where the points of {@code xbar sweep} and {@code xbar study} run: this machine's threads or
 * Apache Spark ({@code --engine}, {@code --master}), and how many points the local engine
 * computes at once ({@code --threads}). The numbers do not depend on any of them.
 */
final class EngineOptions {
    @Option(names = "--threads", defaultValue = "0", paramLabel = "N",
            description = "Points computed at once by the local engine, each on one thread. Default: all processors.")
    int threads;

    @Option(names = "--engine", defaultValue = PointRunners.LOCAL, paramLabel = "local|spark",
            description = "Where the points run: this machine's threads (local, the default) or Apache Spark (spark: "
                    + "./xbar adds the xbar-spark module; README, \"Sweeps and studies on a cluster\"). The numbers are the same.")
    String engine;

    @Option(names = "--master", paramLabel = "URL", description = "The Spark master for --engine spark: local[2], "
            + "spark://HOST:7077, yarn, k8s://https://HOST:PORT. Default: what spark-submit set, else local[*].")
    String master;

    /**
     * @param application the run's name, shown by a cluster
     * @return the engine, master and local threads asked for
     * @throws UsageException naming {@code --threads} when it is negative
     */
    RunnerSettings settings(String application) {
        if (threads < 0) {
            throw new UsageException("--threads", threads + " must be >= 0 (0: all processors)");
        }
        int workers = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        return new RunnerSettings(engine, Optional.ofNullable(master), workers, application);
    }
}
