package org.xbar.spec;

import org.xbar.error.InvalidParameterException;

/**
 * Validation of scalar parameters before any arithmetic. Every failure is an
 * {@link InvalidParameterException} naming the parameter, the value and the allowed range.
 */
public final class Checks {
    private Checks() {
    }

    /**
     * @param name  parameter name
     * @param value value to check
     * @param unit  unit for the message, such as "ohm"
     * @return the value, when it is finite and {@code >= 0}
     */
    public static double nonNegative(String name, double value, String unit) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new InvalidParameterException(name, value, "must be finite and >= 0 " + unit);
        }
        return value;
    }

    /**
     * @param name  parameter name
     * @param value value to check
     * @param unit  unit for the message
     * @return the value, when it is finite and {@code > 0}
     */
    public static double positive(String name, double value, String unit) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new InvalidParameterException(name, value, "must be finite and > 0 " + unit);
        }
        return value;
    }

    /**
     * @param name  parameter name
     * @param value value to check
     * @param unit  unit for the message
     * @return the value, when it is finite
     */
    public static double finite(String name, double value, String unit) {
        if (!Double.isFinite(value)) {
            throw new InvalidParameterException(name, value, "must be a finite number of " + unit);
        }
        return value;
    }

    /**
     * @param name  parameter name
     * @param value value to check
     * @param min   smallest allowed value
     * @param max   largest allowed value
     * @return the value, when {@code min <= value <= max}
     */
    public static double inRange(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new InvalidParameterException(name, value, "must be between " + min + " and " + max);
        }
        return value;
    }

    /**
     * @param name  parameter name
     * @param value value to check
     * @param min   smallest allowed value
     * @param max   largest allowed value
     * @return the value, when {@code min <= value <= max}
     */
    public static int inRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidParameterException(name, value, "must be an integer from " + min + " to " + max);
        }
        return value;
    }
}
