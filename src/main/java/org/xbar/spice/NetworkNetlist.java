package org.xbar.spice;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xbar.circuit.NetworkCircuit;
import org.xbar.spec.InverterSpec;
import org.xbar.spec.NetworkLayer;
import org.xbar.spec.NetworkSpec;

/**
 * The ngspice netlist of an inverter-neuron network for one input vector: the circuit of
 * {@link NetworkCircuit} with a header that states the layers, the neurons and the node names.
 */
public final class NetworkNetlist {
    private NetworkNetlist() {
    }

    /**
     * @param spec    the network
     * @param input   one voltage per input, volt
     * @param sources where the weights and inputs came from (may be empty)
     * @return the netlist text
     */
    public static String text(NetworkSpec spec, double[] input, List<String> sources) {
        NetworkCircuit network = NetworkCircuit.of(spec, input);
        List<String> header = new ArrayList<>();
        StringBuilder sizes = new StringBuilder().append(spec.inputs());
        for (NetworkLayer l : spec.layers()) {
            sizes.append('-').append(l.outputs());
        }
        InverterSpec n = spec.inverter();
        header.add("inverter-neuron network " + sizes + " (PHAX), " + n.kind().toString().toLowerCase(Locale.ROOT)
                + " neurons on rails vdd = " + n.highRail() + " V and vss = " + n.lowRail() + " V");
        header.addAll(sources);
        header.add("source resistance " + SpiceNumber.format(spec.sourceOhms()) + " ohm, wire segment "
                + SpiceNumber.format(spec.wireOhms()) + " ohm");
        header.add("layer l: nodes l<l>_r<i>_<j>, l<l>_c<i>_<j>; rows 0..n-1 positive devices, n..2n-1 negative, 2n bias"
                + " to vdd, 2n+1 bias to vss; neuron j: gate l<l>_c<2n+1>_<j>, outputs l<l>_inv<j> (inverted) and"
                + " l<l>_out<j> (non-inverted)");
        header.add("layer 1 rows are driven by in<i> (+x) and inn<i> (-x); later layers' positive rows by the previous"
                + " layer's inv outputs, negative rows by its out outputs, with no buffer");
        header.add("output: v(l" + spec.layers().size() + "_out<j>)");
        StringBuilder volts = new StringBuilder();
        for (int i = 0; i < input.length; i++) {
            volts.append(i == 0 ? "" : ", ").append(SpiceNumber.format(input[i]));
        }
        header.add("input vector, volt: " + volts);
        return new NetlistWriter(network.circuit()).write("xbar network " + sizes, header);
    }
}
