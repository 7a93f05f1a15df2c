package org.xbar.solve.newton;

import java.util.List;
import org.xbar.circuit.BehavioralSource;

/**
 * A behavioral voltage source {@code V = f(v)} in a Newton run, stamped as ngspice's ASRC: a branch
 * current unknown (its own row and column), the branch current in its terminals' rows, and in its
 * row the linearized constraint {@code v(+) - v(-) - [f(v0) + grad f(v0) . (v - v0)] = 0}, the
 * offsets of held nodes moved to the right-hand side.
 */
final class BehavioralVoltageElement implements Element {
    private final BehavioralSource source;
    /** Its branch unknown. */
    private final int row;
    private final int[] read;
    /** (plus, row), (minus, row), (row, plus), (row, minus), then (row, each node read). */
    private int[] handle;

    /**
     * @param source the source
     * @param row    the unknown of its branch current
     */
    BehavioralVoltageElement(BehavioralSource source, int row) {
        this.source = source;
        this.row = row;
        List<Integer> nodes = source.value().nodes();
        this.read = nodes.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public void reserve(Stamps stamps) {
        handle = new int[4 + read.length];
        int up = stamps.unknownOf(source.plus());
        int um = stamps.unknownOf(source.minus());
        handle[0] = stamps.reserveUnknowns(up, row);
        handle[1] = stamps.reserveUnknowns(um, row);
        handle[2] = stamps.reserveUnknowns(row, up);
        handle[3] = stamps.reserveUnknowns(row, um);
        for (int r = 0; r < read.length; r++) {
            handle[4 + r] = stamps.reserveUnknowns(row, stamps.unknownOf(read[r]));
        }
    }

    @Override
    public int load(Stamps stamps) {
        stamps.add(handle[0], 1.0);
        stamps.add(handle[1], -1.0);
        stamps.add(handle[2], 1.0);
        stamps.add(handle[3], -1.0);
        double[] volts = stamps.nodeVoltages();
        double[] gradient = stamps.gradient;
        double f = source.value().value(volts);
        for (int n : read) {
            gradient[n] = 0;
        }
        source.value().addGradient(volts, 1.0, gradient);
        double[] offsets = stamps.offsets;
        double right = f - offsets[source.plus()] + offsets[source.minus()];
        for (int r = 0; r < read.length; r++) {
            int n = read[r];
            right -= gradient[n] * volts[n];
            right += gradient[n] * offsets[n];
            stamps.add(handle[4 + r], -gradient[n]);
        }
        stamps.rhs[row] += right;
        return 0;
    }

    @Override
    public void addLeaving(double[] volts, double[] x, double[] leaving) {
        leaving[source.plus()] += x[row];
        leaving[source.minus()] -= x[row];
    }
}
