package org.xbar.solve;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;

/**
 * Runs independent pieces of work (lines of a crossbar) on a fixed number of threads. The split
 * into chunks depends only on the problem, never on the thread count, and sums over chunks are
 * added in chunk order, so results are bit-for-bit the same on any number of threads.
 */
final class Chunks {
    private static final Map<Integer, ForkJoinPool> POOLS = new ConcurrentHashMap<>();

    private final ForkJoinPool pool;
    private final int threads;

    /**
     * @param threads threads to use; 1 runs everything on the calling thread
     */
    Chunks(int threads) {
        this.pool = threads <= 1 ? null : POOLS.computeIfAbsent(threads, ForkJoinPool::new);
        this.threads = Math.max(1, threads);
    }

    /** @return the number of threads work is spread over */
    int threads() {
        return threads;
    }

    /** @return true when work is spread over more than one thread */
    boolean parallel() {
        return pool != null;
    }

    /**
     * @param count number of chunks
     * @param body  work for one chunk, given its index
     */
    void run(int count, IntConsumer body) {
        if (pool == null || count == 1) {
            for (int c = 0; c < count; c++) {
                body.accept(c);
            }
        } else {
            pool.submit(() -> IntStream.range(0, count).parallel().forEach(body)).join();
        }
    }

    /**
     * @param count   number of chunks
     * @param partial the partial sum of one chunk
     * @param parts   scratch space of at least {@code count} entries
     * @return the sum of the partial sums, added in chunk order
     */
    double sum(int count, IntToDoubleFunction partial, double[] parts) {
        run(count, c -> parts[c] = partial.applyAsDouble(c));
        double total = 0;
        for (int c = 0; c < count; c++) {
            total += parts[c];
        }
        return total;
    }

    /**
     * @param length items to split
     * @param target preferred number of chunks
     * @return boundaries {@code b[0]=0 < ... < b[n]=length} of about equal chunks
     */
    static int[] split(int length, int target) {
        int n = Math.max(1, Math.min(length, target));
        int[] bounds = new int[n + 1];
        for (int c = 0; c <= n; c++) {
            bounds[c] = (int) ((long) length * c / n);
        }
        return bounds;
    }
}
