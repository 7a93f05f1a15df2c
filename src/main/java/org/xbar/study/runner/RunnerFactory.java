package org.xbar.study.runner;

/**
 * An engine other than the local one, found through {@link java.util.ServiceLoader}: a module that
 * provides one lists its class in {@code META-INF/services/org.xbar.study.runner.RunnerFactory}.
 */
public interface RunnerFactory {
    /** @return the engine's name, as {@code --engine} takes it */
    String engine();

    /**
     * @param settings what the command line asked for
     * @return a runner, ready to run points until it is closed
     */
    PointRunner create(RunnerSettings settings);
}
