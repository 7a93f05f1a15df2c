package org.xbar.study.runner;

import java.util.Optional;

/**
 * What a run asks of its engine.
 *
 * @param engine      {@code local} or another engine's name
 * @param master      the cluster to run on, for engines that have one ({@code local[2]},
 *                    {@code spark://host:7077}, {@code yarn}, {@code k8s://...}); empty for the
 *                    engine's default (for Spark: what {@code spark-submit} set, else
 *                    {@code local[*]})
 * @param threads     worker threads of the local engine, at least 1
 * @param application a name for the run, shown by the cluster
 */
public record RunnerSettings(String engine, Optional<String> master, int threads, String application) {
}
