package org.xbar.spark;

import org.xbar.study.runner.PointRunner;
import org.xbar.study.runner.RunnerFactory;
import org.xbar.study.runner.RunnerSettings;

/** Provides the {@code spark} engine to the core ({@code META-INF/services}). */
public final class SparkRunnerFactory implements RunnerFactory {
    @Override
    public String engine() {
        return "spark";
    }

    @Override
    public PointRunner create(RunnerSettings settings) {
        return new SparkRunner(settings);
    }
}
