package org.xbar.solve.newton;

import org.xbar.circuit.BehavioralCurrentSource;

/**
 * A behavioral current source {@code I = f(v)} in a Newton run (a nonlinear crossbar device among
 * them), stamped as ngspice's ASRC load does: the current leaving its plus terminal linearized,
 * {@code f(v0) + grad f(v0) . (v - v0)}, with the exact gradient in the rows of its two terminals
 * at positions reserved once. A value or a derivative that is not finite is reported
 * ({@link #nonFinite()}); the run then fails the iteration as a singular matrix does.
 */
final class BehavioralCurrentElement implements Element {
    private final BehavioralCurrentSource source;
    private final int[] read;
    /** (plus, node r) for every node read, then (minus, node r). */
    private final int[] handle;
    /** Its value at the iterate it was last loaded from, ampere. */
    private double value;
    /** Its derivative by each node it reads, at that iterate, siemens. */
    private final double[] slope;
    /** The node voltages of that iterate, by node read. */
    private final double[] loadedAt;
    private boolean finite = true;

    /**
     * @param source the source
     */
    BehavioralCurrentElement(BehavioralCurrentSource source) {
        this.source = source;
        this.read = source.value().nodes().stream().mapToInt(Integer::intValue).toArray();
        this.handle = new int[2 * read.length];
        this.slope = new double[read.length];
        this.loadedAt = new double[read.length];
    }

    @Override
    public void reserve(Stamps stamps) {
        for (int r = 0; r < read.length; r++) {
            handle[r] = stamps.reserve(source.plus(), read[r]);
            handle[read.length + r] = stamps.reserve(source.minus(), read[r]);
        }
    }

    @Override
    public int load(Stamps stamps) {
        double[] volts = stamps.nodeVoltages();
        double[] gradient = stamps.gradient;
        for (int n : read) {
            gradient[n] = 0;
        }
        double f = source.value().value(volts);
        source.value().addGradient(volts, 1.0, gradient);
        value = f;
        finite = Double.isFinite(f);
        // The current leaving plus, linearized: f + sum_n g_n (v_n - v0_n), with v_n = x_u + offset_n.
        double constant = f;
        for (int r = 0; r < read.length; r++) {
            int n = read[r];
            double g = gradient[n];
            slope[r] = g;
            loadedAt[r] = volts[n];
            finite &= Double.isFinite(g);
            constant += g * (stamps.offsets[n] - volts[n]);
            stamps.add(handle[r], g);
            stamps.add(handle[read.length + r], -g);
        }
        stamps.addRhs(source.plus(), -constant);
        stamps.addRhs(source.minus(), constant);
        return 0;
    }

    @Override
    public void addLeaving(double[] volts, double[] x, double[] leaving) {
        double amps = value;
        for (int r = 0; r < read.length; r++) {
            amps += slope[r] * (volts[read[r]] - loadedAt[r]);
        }
        leaving[source.plus()] += amps;
        leaving[source.minus()] -= amps;
    }

    @Override
    public String nonFinite() {
        return finite ? null : source.name();
    }

    @Override
    public double nonFiniteValue() {
        return value;
    }
}
