package org.xbar.study.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.xbar.error.InvalidParameterException;

/** Creates the runner an engine's name asks for: {@code local}, or one a module provides. */
public final class PointRunners {
    /** The default engine. */
    public static final String LOCAL = "local";

    private PointRunners() {
    }

    /**
     * @param settings the engine, its master and threads
     * @return a runner for it
     * @throws InvalidParameterException naming {@code engine} when no module on the class path
     *                                   provides it, or {@code master} when the local engine is
     *                                   given one
     */
    public static PointRunner create(RunnerSettings settings) {
        if (settings.engine().equals(LOCAL)) {
            if (settings.master().isPresent()) {
                throw new InvalidParameterException("master", settings.master().get(),
                        "is for a cluster engine (--engine spark); the local engine runs on this machine's threads");
            }
            return new LocalRunner(settings.threads());
        }
        List<String> known = new ArrayList<>(List.of(LOCAL));
        for (RunnerFactory factory : ServiceLoader.load(RunnerFactory.class)) {
            if (factory.engine().equals(settings.engine())) {
                return factory.create(settings);
            }
            known.add(factory.engine());
        }
        String hint = settings.engine().equals("spark")
                ? "needs the xbar-spark module and Spark on the class path: run it through ./xbar, which adds them"
                        + " for --engine spark, or submit spark/target/xbar-spark.jar with spark-submit"
                : "is not an engine here; engines on this class path: " + String.join(", ", known);
        throw new InvalidParameterException("engine", settings.engine(), hint);
    }
}
