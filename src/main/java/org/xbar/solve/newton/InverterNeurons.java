package org.xbar.solve.newton;

import org.xbar.circuit.Circuit;
import org.xbar.circuit.InverterCircuits;
import org.xbar.results.CircuitSolution;
import org.xbar.spec.InverterSpec;

/**
 * The outputs of PHAX inverter neurons for given net (sense) voltages. The first inverter's gate
 * draws no DC current, so a neuron does not disturb the column it senses: a voltage-sensed crossbar
 * can be solved first and its neurons evaluated afterwards, exactly. Behavioral neurons are their
 * fitted curves; transistor neurons are solved by Newton, all neurons of one vector in one circuit
 * (each driven by an ideal source at its net voltage, outputs unloaded).
 */
public final class InverterNeurons {
    private final InverterSpec spec;
    private final NewtonSolver newton;

    /**
     * @param spec the neurons
     */
    public InverterNeurons(InverterSpec spec) {
        this(spec, new NewtonSolver());
    }

    /**
     * @param spec   the neurons
     * @param newton the Newton solver for transistor neurons
     */
    public InverterNeurons(InverterSpec spec, NewtonSolver newton) {
        this.spec = spec;
        this.newton = newton;
    }

    /**
     * Each neuron's two outputs.
     *
     * @param inverted    the first inverter's outputs, volt
     * @param nonInverted the second inverter's outputs, volt
     */
    public record Outputs(double[] inverted, double[] nonInverted) {
    }

    /**
     * @param net each neuron's net voltage, volt
     * @return each neuron's inverted and non-inverted outputs
     */
    public Outputs evaluate(double[] net) {
        double[] inv = new double[net.length];
        double[] out = new double[net.length];
        if (spec.kind() == InverterSpec.Kind.BEHAVIORAL) {
            for (int j = 0; j < net.length; j++) {
                inv[j] = InverterSpec.curve(spec.firstStage(), net[j]);
                out[j] = InverterSpec.curve(spec.secondStage(), net[j]);
            }
            return new Outputs(inv, out);
        }
        Circuit.Builder b = Circuit.builder();
        InverterCircuits neurons = new InverterCircuits(b, spec);
        int[][] nodes = new int[net.length][];
        for (int j = 0; j < net.length; j++) {
            int sense = b.node("net" + j);
            b.voltageSource("vnet" + j, sense, Circuit.GROUND, net[j]);
            InverterCircuits.Outputs o = neurons.neuron(b, "", j, sense);
            nodes[j] = new int[] {o.inverted(), o.nonInverted()};
        }
        CircuitSolution s = newton.solve(b.build());
        for (int j = 0; j < net.length; j++) {
            inv[j] = s.voltage(nodes[j][0]);
            out[j] = s.voltage(nodes[j][1]);
        }
        return new Outputs(inv, out);
    }
}
