package org.xbar.study.runner;

import org.xbar.error.XbarException;

/** A point that failed for good (after the engine's retries); {@link #index()} names it. */
public final class PointFailedException extends XbarException {
    private static final long serialVersionUID = 1L;
    private final int index;

    /**
     * @param index   the point's index
     * @param message what went wrong
     * @param cause   the failure, where this process has it
     */
    public PointFailedException(int index, String message, Throwable cause) {
        super("point " + index + ": " + message, cause);
        this.index = index;
    }

    /** @return the failed point's index */
    public int index() {
        return index;
    }
}
