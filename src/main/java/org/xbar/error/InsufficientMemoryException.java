package org.xbar.error;

/**
 * A computation was refused before it allocated anything because its memory estimate does not fit
 * in what the JVM can still allocate. The message names the job, the estimate, what is available
 * and how to get more.
 */
public class InsufficientMemoryException extends XbarException {
    private static final long serialVersionUID = 1L;

    private final long neededBytes;
    private final long availableBytes;
    private final long maxHeapBytes;

    /**
     * @param what           the job, e.g. "a 4096x4096 crossbar with wires on the iterative solver"
     * @param neededBytes    estimated bytes the job needs
     * @param availableBytes bytes the JVM can still allocate
     * @param maxHeapBytes   the JVM's heap limit
     */
    public InsufficientMemoryException(String what, long neededBytes, long availableBytes, long maxHeapBytes) {
        super(what + " needs about " + megabytes(neededBytes) + " of heap, but this JVM can allocate only "
                + megabytes(availableBytes) + " more (max heap " + megabytes(maxHeapBytes) + "); give it more heap, "
                + "e.g. JAVA_OPTS=-Xmx" + suggestedHeapGigabytes(neededBytes, maxHeapBytes, availableBytes)
                + "g, or make the job smaller");
        this.neededBytes = neededBytes;
        this.availableBytes = availableBytes;
        this.maxHeapBytes = maxHeapBytes;
    }

    /** @return the estimate, bytes */
    public long neededBytes() {
        return neededBytes;
    }

    /** @return what was available, bytes */
    public long availableBytes() {
        return availableBytes;
    }

    /** @return the JVM's heap limit, bytes */
    public long maxHeapBytes() {
        return maxHeapBytes;
    }

    /** @return the heap, whole gigabytes, that the message suggests giving the JVM with {@code -Xmx} */
    public long suggestedHeapGigabytes() {
        return suggestedHeapGigabytes(neededBytes, maxHeapBytes, availableBytes);
    }

    private static String megabytes(long bytes) {
        return (bytes + (1L << 19) >> 20) + " MB";
    }

    /** Heap that would leave the job room: what is in use now, plus the estimate, plus a quarter. */
    private static long suggestedHeapGigabytes(long needed, long maxHeap, long available) {
        long inUse = Math.max(0, maxHeap - available);
        double bytes = (inUse + needed) * 1.25;
        return Math.max(1, (long) Math.ceil(bytes / (1L << 30)));
    }
}
