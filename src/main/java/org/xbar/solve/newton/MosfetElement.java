package org.xbar.solve.newton;

import org.xbar.circuit.Mosfet;

/**
 * A level-1 MOSFET in a Newton run: evaluated at the present iterate with ngspice's junction
 * initialisation and voltage limiting ({@link LevelOneMosfet}), stamped as its companion model
 * ({@link LevelOneMosfet#companion}) into the 16 positions of its four terminals, reserved once.
 * Its limited voltages are the state carried from one iteration to the next, which continuation
 * saves and restores.
 */
final class MosfetElement implements Element {
    private final LevelOneMosfet device;
    private final int[] terminals;
    private final int[] handle = new int[16];
    private final LevelOneMosfet.State state = new LevelOneMosfet.State();
    private final LevelOneMosfet.State saved = new LevelOneMosfet.State();
    private final LevelOneMosfet.Evaluation evaluation = new LevelOneMosfet.Evaluation();
    /** The companion of the last load, kept for {@link #addLeaving}. */
    private final double[] y = new double[16];
    private final double[] j = new double[4];

    /**
     * @param device the transistor with its temperature-adjusted model
     */
    MosfetElement(LevelOneMosfet device) {
        this.device = device;
        Mosfet m = device.instance;
        this.terminals = new int[] {m.drain(), m.gate(), m.source(), m.bulk()};
    }

    @Override
    public void reserve(Stamps stamps) {
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 4; b++) {
                handle[4 * a + b] = stamps.reserve(terminals[a], terminals[b]);
            }
        }
    }

    @Override
    public int load(Stamps stamps) {
        Mosfet m = device.instance;
        int limited = 0;
        if (stamps.mode == Stamps.Mode.JUNCTION || m.off() && stamps.mode == Stamps.Mode.FIX) {
            device.initialJunction(state, stamps.junctionGmin, evaluation);
        } else {
            device.evaluate(stamps.nodeVoltage(m.drain()), stamps.nodeVoltage(m.gate()), stamps.nodeVoltage(m.source()),
                    stamps.nodeVoltage(m.bulk()), state, true, stamps.junctionGmin, evaluation);
            if (evaluation.limited) {
                limited = 1;
            }
        }
        device.companion(evaluation, y, j);
        for (int a = 0; a < 4; a++) {
            int ua = stamps.unknownOf(terminals[a]);
            if (ua < 0) {
                continue;
            }
            double r = j[a];
            for (int b = 0; b < 4; b++) {
                double g = y[4 * a + b];
                if (g == 0) {
                    continue;
                }
                stamps.add(handle[4 * a + b], g);
                r -= g * stamps.offsets[terminals[b]];
            }
            stamps.rhs[ua] += r;
        }
        return limited;
    }

    @Override
    public void addLeaving(double[] volts, double[] x, double[] leaving) {
        for (int a = 0; a < 4; a++) {
            double amps = -j[a];
            for (int b = 0; b < 4; b++) {
                amps += y[4 * a + b] * volts[terminals[b]];
            }
            leaving[terminals[a]] += amps;
        }
    }

    @Override
    public void reset() {
        state.vgs = 0;
        state.vds = 0;
        state.vbs = 0;
        state.vbd = 0;
        state.von = 0;
    }

    @Override
    public void save() {
        copy(state, saved);
    }

    @Override
    public void restore() {
        copy(saved, state);
    }

    private static void copy(LevelOneMosfet.State from, LevelOneMosfet.State to) {
        to.vgs = from.vgs;
        to.vds = from.vds;
        to.vbs = from.vbs;
        to.vbd = from.vbd;
        to.von = from.von;
    }
}
