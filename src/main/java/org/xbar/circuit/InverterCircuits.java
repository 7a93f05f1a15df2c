package org.xbar.circuit;

import java.util.Map;
import org.xbar.spec.InverterSpec;

/**
 * Writes PHAX inverter neurons into a circuit: the supply rails and, for a sense node, the pair of
 * inverters whose outputs are the neuron's inverted and non-inverted signals.
 *
 * <p>Node names: {@code vdd} and {@code vss} for the rails, {@code <prefix>inv<j>} and
 * {@code <prefix>out<j>} for neuron j's inverted and non-inverted outputs. Behavioral neurons are
 * the sources {@code b<prefix>inv<j>} and {@code b<prefix>out<j>}; transistor neurons the MOSFETs
 * {@code m<prefix>n1_<j>}, {@code m<prefix>p1_<j>} (first inverter) and {@code m<prefix>n2_<j>},
 * {@code m<prefix>p2_<j>} (second), with the models {@code nphax} and {@code pphax}.
 */
public final class InverterCircuits {
    private final InverterSpec spec;
    private final int vdd;
    private final int vss;
    private final MosfetModel nmos;
    private final MosfetModel pmos;

    /**
     * Adds the rails: voltage sources {@code vdd} and {@code vss} at {@code +-supply/2}.
     *
     * @param b    the circuit under construction
     * @param spec the neurons
     */
    public InverterCircuits(Circuit.Builder b, InverterSpec spec) {
        this.spec = spec;
        this.vdd = b.node("vdd");
        this.vss = b.node("vss");
        b.voltageSource("vdd", vdd, Circuit.GROUND, spec.highRail());
        b.voltageSource("vss", vss, Circuit.GROUND, spec.lowRail());
        this.nmos = MosfetModel.of("nphax", false, Map.of("vto", spec.nmosVto(), "kp", spec.nmosKp(), "lambda", spec.lambda()));
        this.pmos = MosfetModel.of("pphax", true, Map.of("vto", spec.pmosVto(), "kp", spec.pmosKp(), "lambda", spec.lambda()));
    }

    /** @return the positive rail node */
    public int highRail() {
        return vdd;
    }

    /** @return the negative rail node */
    public int lowRail() {
        return vss;
    }

    /**
     * The two output nodes of one neuron.
     *
     * @param inverted    the first inverter's output
     * @param nonInverted the second inverter's output
     */
    public record Outputs(int inverted, int nonInverted) {
    }

    /**
     * @param b      the circuit under construction
     * @param prefix name prefix of this layer
     * @param j      the neuron's index
     * @param sense  the node the neuron senses
     * @return its output nodes
     */
    public Outputs neuron(Circuit.Builder b, String prefix, int j, int sense) {
        int inv = b.node(prefix + "inv" + j);
        int out = b.node(prefix + "out" + j);
        if (spec.kind() == InverterSpec.Kind.BEHAVIORAL) {
            b.behavioralVoltage("b" + prefix + "inv" + j, inv, Circuit.GROUND, Expression.tanhCurve(sense, spec.firstStage()));
            b.behavioralVoltage("b" + prefix + "out" + j, out, Circuit.GROUND, Expression.tanhCurve(sense, spec.secondStage()));
        } else {
            inverter(b, "m" + prefix, "1_" + j, sense, inv);
            inverter(b, "m" + prefix, "2_" + j, inv, out);
        }
        return new Outputs(inv, out);
    }

    private void inverter(Circuit.Builder b, String prefix, String suffix, int in, int out) {
        b.mosfet(new Mosfet(prefix + "n" + suffix, out, in, vss, vss, nmos, spec.nmosWidth(), spec.length(), 1, 0, 0, false));
        b.mosfet(new Mosfet(prefix + "p" + suffix, out, in, vdd, vdd, pmos, spec.pmosWidth(), spec.length(), 1, 0, 0, false));
    }
}
