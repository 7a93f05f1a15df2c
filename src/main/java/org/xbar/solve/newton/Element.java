package org.xbar.solve.newton;

/**
 * A nonlinear element of a Newton run, stamping itself as a SPICE device does: {@link #reserve}
 * once, while the sparse pattern is built, and {@link #load} at every iteration, which evaluates
 * the element at the present iterate and adds its companion model (conductances and equivalent
 * currents) through the handles it reserved. Nothing is allocated per load. The linear elements
 * (resistors, independent sources, the stepped gmin) are the run's own linear part
 * ({@link NewtonRun}); these are the transistors and the behavioral sources.
 */
interface Element {
    /** Reserve phase: the matrix positions the element writes. */
    void reserve(Stamps stamps);

    /**
     * Load phase: the element's linearization at the iterate being loaded.
     *
     * @return 1 when it limited a voltage (the iteration cannot count as converged), 0 otherwise
     */
    int load(Stamps stamps);

    /**
     * Adds the current leaving each node through the element's last linearization at other node
     * voltages (a new iterate), for the voltage-source currents of Kirchhoff's law.
     *
     * @param volts   every node's voltage at the new iterate, volt
     * @param x       the new iterate (branch unknowns included)
     * @param leaving the current leaving each node, ampere, added to
     */
    void addLeaving(double[] volts, double[] x, double[] leaving);

    /** Forgets the state of earlier iterations (a continuation method starting afresh). */
    default void reset() {
    }

    /** Saves the state the next {@link #restore()} returns to. */
    default void save() {
    }

    /** Returns to the state of the last {@link #save()}. */
    default void restore() {
    }

    /** @return the name of the element when its value was not finite at the last load, or null */
    default String nonFinite() {
        return null;
    }

    /** @return its value at that load */
    default double nonFiniteValue() {
        return Double.NaN;
    }
}
