package org.xbar.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.xbar.study.Meter;

/**
 * {@code xbar bench}'s clocks and scales: wall time by {@link System#nanoTime()} after a collection
 * and a warm-up, the
 * peak heap from the JVM's memory pools after a collection, and the bytes a thread allocates from
 * the HotSpot thread bean. Kept out of the library: it calls {@link System#gc()} and a
 * {@code com.sun.management} interface.
 */
public final class JvmMeter implements Meter {
    /**
     * Default warm-up of each measurement, seconds: long enough for the JIT, and for the heap to
     * have grown to its working size (a fresh JVM first pays page faults on every new region it
     * touches, which measured here up to 2x on the first seconds of 1024x1024 solves).
     */
    public static final double DEFAULT_WARM_UP_SECONDS = 3;

    private final double warmUpSeconds;

    /**
     * @param warmUpSeconds how long each measurement warms up at least, 0 to 600 s
     * @throws UsageException naming {@code --warmup} when out of range
     */
    public JvmMeter(double warmUpSeconds) {
        if (!(warmUpSeconds >= 0 && warmUpSeconds <= 600)) {
            throw new UsageException("--warmup", warmUpSeconds + " is out of range: must be 0 to 600 seconds");
        }
        this.warmUpSeconds = warmUpSeconds;
    }

    /** @return the warm-up, seconds */
    public double warmUpSeconds() {
        return warmUpSeconds;
    }

    /**
     * {@inheritDoc} The warm-up is at least {@code warmups} calls, and more for up to the warm-up
     * time while they are short (the JIT compiles the hot loops after some thousands of line sweeps).
     */
    @Override
    public double[] timesMs(int warmups, int runs, Runnable work) {
        // a collection first, so that the garbage of the previous measurement (a 512x512 LU factor
        // leaves gigabytes) is not collected concurrently with this one: measured, that made a
        // 1024x1024 solve 708 ms right after the direct solvers against 150 ms on its own
        System.gc();
        long warmStart = System.nanoTime();
        int warm = 0;
        long warmNanos = (long) (warmUpSeconds * 1e9);
        while (warm < warmups || (warmups > 0 && warm < 100_000 && System.nanoTime() - warmStart < warmNanos)) {
            work.run();
            warm++;
        }
        long[] t = new long[runs];
        for (int k = 0; k < runs; k++) {
            long start = System.nanoTime();
            work.run();
            t[k] = System.nanoTime() - start;
        }
        Arrays.sort(t);
        return Arrays.stream(t).mapToDouble(nanos -> nanos * 1e-6).toArray();
    }

    /** {@inheritDoc} Calls in rounds of a quarter of the warm-up's count after a warm-up of up to 200 ms, the median of five rounds. */
    @Override
    public double perCallUs(Runnable work) {
        long warmEnd = System.nanoTime() + (long) Math.min(2e8, warmUpSeconds * 1e9);
        int calls = 0;
        while (System.nanoTime() < warmEnd) {
            work.run();
            calls++;
        }
        int perRound = Math.max(1, calls / 4);
        long[] t = new long[5];
        for (int r = 0; r < t.length; r++) {
            long start = System.nanoTime();
            for (int k = 0; k < perRound; k++) {
                work.run();
            }
            t[r] = (System.nanoTime() - start) / perRound;
        }
        Arrays.sort(t);
        return t[t.length / 2] * 1e-3;
    }

    /** {@inheritDoc} The peak is read after a collection before the work, so it counts what is live then too. */
    @Override
    public Footprint footprint(Runnable work) {
        List<MemoryPoolMXBean> pools = new ArrayList<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pools.add(pool);
            }
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        System.gc();
        for (MemoryPoolMXBean pool : pools) {
            pool.resetPeakUsage();
        }
        long allocatedBefore = threads.getThreadAllocatedBytes(thread);
        work.run();
        long allocated = threads.getThreadAllocatedBytes(thread) - allocatedBefore;
        long peak = 0;
        for (MemoryPoolMXBean pool : pools) {
            peak += pool.getPeakUsage().getUsed();
        }
        return new Footprint(peak, allocated);
    }
}
