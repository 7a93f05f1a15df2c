package org.xbar.error;

/**
 * A solver or model produced a number that is not finite (NaN or infinity) where it was about to
 * return a result. xbar never returns such numbers: this is raised instead, naming the producer
 * and the first offending value. Inputs inside the accepted range
 * ({@code CrossbarSpec.MAX_CONDUCTANCE_RATIO}) should never cause it; it is a guard.
 */
public class NonFiniteResultException extends XbarException {
    private static final long serialVersionUID = 1L;

    private final String producer;
    private final String quantity;
    private final int index;

    /**
     * @param producer the solver or model
     * @param quantity what was computed, such as "outputs of vector 3"
     * @param index    index of the first non-finite value in it
     * @param value    that value
     */
    public NonFiniteResultException(String producer, String quantity, int index, double value) {
        super(producer + " produced a number that is not finite: " + quantity + "[" + index + "] = " + value
                + "; the circuit is beyond what double precision can solve (check for extreme conductance ratios)");
        this.producer = producer;
        this.quantity = quantity;
        this.index = index;
    }

    /**
     * @param producer the solver or model
     * @param quantity what the values are
     * @param values   the values to check
     * @return {@code values}, when every one is finite
     * @throws NonFiniteResultException naming the first value that is not
     */
    public static double[] requireFinite(String producer, String quantity, double[] values) {
        for (int k = 0; k < values.length; k++) {
            if (!Double.isFinite(values[k])) {
                throw new NonFiniteResultException(producer, quantity, k, values[k]);
            }
        }
        return values;
    }

    /** @return the solver or model that produced the value */
    public String producer() {
        return producer;
    }

    /** @return what the offending array holds */
    public String quantity() {
        return quantity;
    }

    /** @return index of the first non-finite value */
    public int index() {
        return index;
    }
}
