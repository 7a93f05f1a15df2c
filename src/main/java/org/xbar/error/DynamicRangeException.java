package org.xbar.error;

import java.util.OptionalInt;

/**
 * A circuit whose conductances span more than double precision can solve: the largest conductance
 * (devices, {@code 1/R_S}, {@code 1/R_N}, {@code 1/wire segment}) divided by the smallest non-zero
 * one exceeds the accepted bound. The parameter named is the extreme that lies furthest from the
 * circuit's typical conductance: a device, by its row and column, or a resistance.
 */
public class DynamicRangeException extends InvalidParameterException {
    private static final long serialVersionUID = 1L;

    private final OptionalInt row;
    private final OptionalInt column;
    private final double ratio;
    private final double bound;

    /**
     * @param parameter the culprit: a device ({@code conductance[3][2]}) or a resistance ({@code rowWireOhms})
     * @param value     its value with its unit
     * @param row       the device's row in its array, empty for a resistance
     * @param column    the device's column in its array, empty for a resistance
     * @param ratio     largest over smallest non-zero conductance of the circuit
     * @param bound     the largest ratio accepted
     * @param allowed   the explanation: the other extreme and the bound, in words
     */
    public DynamicRangeException(String parameter, String value, OptionalInt row, OptionalInt column, double ratio,
            double bound, String allowed) {
        super(parameter, value, allowed);
        this.row = row;
        this.column = column;
        this.ratio = ratio;
        this.bound = bound;
    }

    /** @return the offending device's row in its array; empty when a resistance is named */
    public OptionalInt row() {
        return row;
    }

    /** @return the offending device's column in its array; empty when a resistance is named */
    public OptionalInt column() {
        return column;
    }

    /** @return the circuit's largest over smallest non-zero conductance (infinite when the quotient overflows) */
    public double ratio() {
        return ratio;
    }

    /** @return the largest ratio accepted */
    public double bound() {
        return bound;
    }
}
