package org.xbar.solve.parallel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A fixed team of threads that runs the chunks of one parallel pass, with the calling thread
 * taking part. A solver makes a few parallel passes per iteration, each a millisecond or less, so
 * the hand-off must cost microseconds: idle workers spin for a short while before they park, and
 * a pass is published with one volatile write. (A fork-join pool with parallel streams measured
 * about 100 microseconds per pass here, more than a whole pass on a 256x256 crossbar.)
 *
 * <p>Which thread runs which chunk is not fixed, but every chunk writes only its own outputs and
 * its own slot of any partial sum, so results never depend on the number of threads.
 */
public final class Team {
    private static final Map<Integer, Team> TEAMS = new ConcurrentHashMap<>();
    private static final int SPINS_BEFORE_PARKING = 1 << 14;

    private final Worker[] workers;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    private volatile IntConsumer task;
    private volatile int taskCount;
    private volatile long epoch;
    private volatile Throwable failure;

    private Team(int threads) {
        workers = new Worker[threads - 1];
        for (int w = 0; w < workers.length; w++) {
            workers[w] = new Worker();
            Thread t = new Thread(workers[w], "xbar-solver-" + threads + "-" + (w + 1));
            t.setDaemon(true);
            workers[w].thread = t;
            t.start();
        }
    }

    /**
     * @param threads threads in the team, the caller included; at least 1
     * @return the shared team of that size
     */
    public static Team of(int threads) {
        return TEAMS.computeIfAbsent(Math.max(1, threads), Team::new);
    }

    /**
     * @param length items to split
     * @param target preferred number of chunks
     * @return boundaries {@code b[0]=0 < ... < b[n]=length} of about equal chunks
     */
    public static int[] split(int length, int target) {
        int n = Math.max(1, Math.min(length, target));
        int[] bounds = new int[n + 1];
        for (int c = 0; c <= n; c++) {
            bounds[c] = (int) ((long) length * c / n);
        }
        return bounds;
    }

    /** @return threads in the team, the caller included */
    public int threads() {
        return workers.length + 1;
    }

    /**
     * Runs {@code body} for every chunk index {@code 0..count-1} and returns when all are done.
     *
     * @param count number of chunks
     * @param body  work for one chunk
     * @param alone true to run everything on the calling thread (small problems)
     */
    public synchronized void run(int count, IntConsumer body, boolean alone) {
        if (alone || workers.length == 0 || count == 1) {
            for (int c = 0; c < count; c++) {
                body.accept(c);
            }
            return;
        }
        task = body;
        taskCount = count;
        next.set(0);
        finished.set(0);
        failure = null;
        epoch++;
        for (Worker w : workers) {
            if (w.parked) {
                LockSupport.unpark(w.thread);
            }
        }
        try {
            work();
        } finally {
            while (finished.get() < workers.length) {
                Thread.onSpinWait();
            }
            task = null;
        }
        Throwable t = failure;
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
    }

    private void work() {
        IntConsumer body = task;
        int count = taskCount;
        for (int c = next.getAndIncrement(); c < count; c = next.getAndIncrement()) {
            body.accept(c);
        }
    }

    private final class Worker implements Runnable {
        private Thread thread;
        private volatile boolean parked;

        @Override
        public void run() {
            long seen = 0;
            while (true) {
                int spins = 0;
                while (epoch == seen) {
                    if (++spins < SPINS_BEFORE_PARKING) {
                        Thread.onSpinWait();
                    } else {
                        parked = true;
                        if (epoch == seen) {
                            LockSupport.park(this);
                        }
                        parked = false;
                    }
                }
                seen = epoch;
                try {
                    work();
                } catch (Throwable t) {
                    failure = t;
                    next.set(Integer.MAX_VALUE / 2);
                }
                finished.incrementAndGet();
            }
        }
    }
}
