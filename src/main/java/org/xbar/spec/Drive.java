package org.xbar.spec;

/** Where the row drivers attach to the row wires. */
public enum Drive {
    /** One driver per row at the row's first cell (column 0). */
    ONE_END,
    /**
     * Two identical drivers per row (the same voltage and the same source resistance), at
     * column 0 and at the last column.
     */
    BOTH_ENDS
}
