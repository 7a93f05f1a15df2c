package org.xbar.spec;

/**
 * How a crossbar represents its weights (DESIGN section 2).
 */
public enum WeightMapping {
    /** One array of non-negative conductances; output j is the current of column j. */
    SINGLE,
    /**
     * A positive and a negative array sharing each column: the negative array is driven by the
     * negated inputs. With wires the two arrays are stacked on the same column lines, physical
     * rows {@code 0..R-1} positive and {@code R..2R-1} negative, the sense at the end of the stack.
     */
    ROW_PAIR,
    /**
     * Two physical columns per output: output j is {@code I(+) - I(-)}. The pair is interleaved,
     * physical column {@code 2j} holds the positive array's column j and {@code 2j+1} the negative one.
     */
    COLUMN_PAIR
}
