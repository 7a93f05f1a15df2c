package org.xbar.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.xbar.study.runner.PointRunner;
import org.xbar.study.runner.PointTask;

/**
 * A runner that injects one failure: the first attempt at one point throws (a marker file, which
 * every process on this machine sees, records that it did), every later attempt computes it.
 *
 * @param delegate the runner that runs the points
 * @param marker   the marker file: absent before the run
 * @param failing  the index of the point whose first attempt fails
 */
record FailOnce(PointRunner delegate, Path marker, int failing) implements PointRunner {
    @Override
    public String describe() {
        return delegate.describe() + ", point " + failing + " failing once";
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public <R extends Serializable> void run(PointTask<R> task, List<Integer> indices, Consumer<R> sink) {
        delegate.run(new Task<>(task, marker.toString(), failing), indices, sink);
    }

    /** The task that fails once. */
    record Task<R extends Serializable>(PointTask<R> task, String marker, int failing) implements PointTask<R> {
        private static final long serialVersionUID = 1L;

        @Override
        public R compute(int index) {
            if (index == failing) {
                try {
                    Files.createFile(Path.of(marker));
                    throw new IllegalStateException("injected failure of the first attempt at point " + index);
                } catch (FileAlreadyExistsException retried) {
                    // a retry: compute it
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return task.compute(index);
        }
    }
}
