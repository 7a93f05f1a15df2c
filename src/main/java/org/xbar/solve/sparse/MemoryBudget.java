package org.xbar.solve.sparse;

import java.util.Locale;
import java.util.function.LongSupplier;
import org.xbar.error.InsufficientMemoryException;

/**
 * Memory estimates checked before a large allocation, so that a crossbar too large for the heap is
 * refused with the numbers instead of failing half-way with an {@link OutOfMemoryError}.
 *
 * <p>The iterative solver checks, in every prepare, the arrays it allocates for the crossbar at
 * hand ({@code LineRelaxationSolver.estimateBytes}); before a crossbar exists, its worst case per
 * cell bounds its per-cell part, and a whole job (spec, circuit and solver) adds the spec's
 * conductance matrix and the circuit's own copy of it ({@code LineRelaxationSolver.jobBytes}). The
 * direct solver checks its factor's exact size after the symbolic
 * analysis, before the numeric factorization ({@link CholeskySolver}).
 */
public final class MemoryBudget {
    /** What a heap of this JVM can still allocate: the limit less what is in use. */
    public static final MemoryBudget HEAP = new MemoryBudget(() -> {
        Runtime runtime = Runtime.getRuntime();
        return runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    }, Runtime.getRuntime().maxMemory());

    private final LongSupplier available;
    private final long maxHeap;

    /**
     * @param available what can still be allocated, bytes, asked at every check
     * @param maxHeap   the heap limit, bytes, for the message
     */
    public MemoryBudget(LongSupplier available, long maxHeap) {
        this.available = available;
        this.maxHeap = maxHeap;
    }

    /**
     * Refuses a job whose estimate does not fit.
     *
     * @param what  the job, named in the message
     * @param bytes its estimate
     * @throws InsufficientMemoryException when {@code bytes} exceeds what can still be allocated
     */
    public void require(String what, long bytes) {
        long free = available.getAsLong();
        if (bytes > free) {
            System.gc();
            free = available.getAsLong();
        }
        if (bytes > free) {
            throw new InsufficientMemoryException(what, bytes, free, maxHeap);
        }
    }

    /**
     * @param rows physical rows
     * @param cols physical columns
     * @return "a ROWSxCOLS crossbar", for messages
     */
    public static String crossbar(int rows, int cols) {
        return String.format(Locale.ROOT, "a %dx%d crossbar", rows, cols);
    }
}
