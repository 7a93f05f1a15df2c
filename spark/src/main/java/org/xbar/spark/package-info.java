/**
 * xbar on Apache Spark: {@link org.xbar.spark.SparkRunner} runs the points of a sweep, or the
 * trainings and evaluations of the network study, as Spark tasks (one task per point, retried by
 * Spark where it fails, each result handed to the driver as it finishes), found by the core
 * through {@link org.xbar.study.runner.RunnerFactory};
 * {@link org.xbar.spark.SparkMain} is the main class for {@code spark-submit}.
 */
package org.xbar.spark;
