package org.xbar.study.runner;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.xbar.error.InvalidParameterException;
import org.xbar.error.XbarException;

/**
 * The default engine: a fixed pool of this machine's threads, one point per thread at a time, in
 * the order given. The task is called directly, never serialized.
 */
public final class LocalRunner implements PointRunner {
    private final int threads;

    /** @param threads worker threads, at least 1 */
    public LocalRunner(int threads) {
        if (threads < 1) {
            throw new InvalidParameterException("threads", threads, "must be >= 1");
        }
        this.threads = threads;
    }

    @Override
    public String describe() {
        return "local, " + threads + (threads == 1 ? " thread" : " threads");
    }

    @Override
    public <R extends Serializable> void run(PointTask<R> task, List<Integer> indices, Consumer<R> sink) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "xbar-point");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            Object lock = new Object();
            boolean[] stopped = new boolean[1];
            for (int index : indices) {
                futures.add(pool.submit(() -> {
                    R result = task.compute(index);
                    synchronized (lock) {
                        // after a failure nothing more is handed over, not even a point that was running
                        if (!stopped[0]) {
                            sink.accept(result);
                        }
                    }
                    return null;
                }));
            }
            for (int k = 0; k < futures.size(); k++) {
                try {
                    futures.get(k).get();
                } catch (ExecutionException e) {
                    synchronized (lock) {
                        stopped[0] = true;
                    }
                    for (Future<?> f : futures) {
                        f.cancel(true);
                    }
                    Throwable cause = e.getCause();
                    if (cause instanceof PointFailedException failed) {
                        throw failed;
                    }
                    throw new PointFailedException(indices.get(k), String.valueOf(cause.getMessage()), cause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new XbarException("interrupted while running points", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
