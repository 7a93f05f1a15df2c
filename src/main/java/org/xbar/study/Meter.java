package org.xbar.study;

/**
 * How a study times and weighs a piece of work. The study decides what to run and compares the
 * answers; the meter, supplied by the caller ({@code xbar bench} uses the JVM's clocks and memory
 * beans), decides how long to warm up and how to read time and memory.
 */
public interface Meter {
    /**
     * @param warmups at least this many untimed calls first
     * @param runs    timed calls
     * @param work    the work
     * @return the wall times of the timed calls, ms, ascending
     */
    double[] timesMs(int warmups, int runs, Runnable work);

    /**
     * @param work a short piece of work
     * @return its time per call, us
     */
    double perCallUs(Runnable work);

    /**
     * @param work the work to watch, run once on the calling thread
     * @return its memory footprint
     */
    Footprint footprint(Runnable work);

    /**
     * @param warmups at least this many untimed calls first
     * @param runs    timed calls
     * @param work    the work
     * @return the median wall time of the timed calls, ms
     */
    default double medianMs(int warmups, int runs, Runnable work) {
        double[] t = timesMs(warmups, runs, work);
        return t.length % 2 == 1 ? t[t.length / 2] : (t[t.length / 2 - 1] + t[t.length / 2]) / 2;
    }

    /**
     * The memory one piece of work takes.
     *
     * @param peakBytes      the peak heap in use while it runs, bytes
     * @param allocatedBytes what it allocates on the calling thread, bytes
     */
    record Footprint(long peakBytes, long allocatedBytes) {
    }
}
