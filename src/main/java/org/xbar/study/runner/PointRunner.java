package org.xbar.study.runner;

import java.io.Serializable;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs the points of a study: each point once, results handed over as they finish. The first point
 * that fails for good stops the run: results already handed over stay handed over, and a
 * {@link PointFailedException} names the point.
 */
public interface PointRunner extends AutoCloseable {
    /** @return what runs the points, for messages: {@code local, 2 threads}, {@code spark local[2]} */
    String describe();

    /**
     * @param task    computes a point from its index
     * @param indices the points to run, in the order to start them
     * @param sink    receives every result, one call at a time, in the order they finish
     * @param <R>     what a point gives
     * @throws PointFailedException when a point fails
     */
    <R extends Serializable> void run(PointTask<R> task, List<Integer> indices, Consumer<R> sink);

    /** Releases what the runner holds (threads, a cluster's session); nothing by default. */
    @Override
    default void close() {
    }
}
