package org.xbar.spice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.xbar.circuit.Circuit;
import org.xbar.circuit.CrossbarCircuit;
import org.xbar.spec.CrossbarSpec;

/**
 * The ngspice netlist of a crossbar for one input vector: the circuit of
 * {@link CrossbarCircuit#toCircuit(double[])} with a header that states every parameter, the node
 * naming, and how to read the outputs.
 */
public final class CrossbarNetlist {
    private final CrossbarCircuit crossbar;
    private final double[] inputVolts;
    private final Circuit circuit;
    private final NetlistWriter writer;
    private final org.xbar.spec.InverterSpec neurons;

    /**
     * @param spec       the crossbar
     * @param inputVolts one input vector, volt
     */
    public CrossbarNetlist(CrossbarSpec spec, double[] inputVolts) {
        this(spec, inputVolts, null);
    }

    /**
     * @param spec       the crossbar (voltage-sensed when there are neurons)
     * @param inputVolts one input vector, volt
     * @param neurons    PHAX inverter neurons on the columns, or null
     */
    public CrossbarNetlist(CrossbarSpec spec, double[] inputVolts, org.xbar.spec.InverterSpec neurons) {
        this.crossbar = CrossbarCircuit.of(spec);
        this.inputVolts = inputVolts.clone();
        this.neurons = neurons;
        this.circuit = crossbar.toCircuit(inputVolts, neurons);
        this.writer = new NetlistWriter(circuit);
    }

    /** @return the crossbar's physical circuit */
    public CrossbarCircuit crossbar() {
        return crossbar;
    }

    /** @return the circuit written */
    public Circuit circuit() {
        return circuit;
    }

    /** @return the writer, for the names nodes are written under */
    public NetlistWriter writer() {
        return writer;
    }

    /**
     * @param sources where the conductances and inputs came from, for the header (may be empty)
     * @return the netlist text
     */
    public String text(List<String> sources) {
        CrossbarSpec spec = crossbar.spec();
        List<String> header = new ArrayList<>();
        header.add(String.format(Locale.ROOT, "%dx%d crossbar (%d inputs, %d outputs), %s mapping, %s drive;"
                + " physical array %dx%d", spec.inputs(), spec.outputs(), spec.inputs(), spec.outputs(),
                spec.mapping().toString().toLowerCase(Locale.ROOT).replace('_', '-'),
                spec.drive().toString().toLowerCase(Locale.ROOT).replace('_', '-'),
                crossbar.physicalRows(), crossbar.physicalColumns()));
        header.addAll(sources);
        header.add("source resistance R_S per input row, ohm: " + list(spec.sourceOhms()));
        header.add(crossbar.voltageSensing() ? "voltage sensing: the columns float (no neuron resistance)"
                : "neuron resistance R_N per output, ohm: " + list(spec.neuronOhms()));
        header.add("row wire segment: " + SpiceNumber.format(spec.rowWireOhms()) + " ohm; column wire segment: "
                + SpiceNumber.format(spec.columnWireOhms()) + " ohm");
        header.add("input vector, volt: " + list(inputVolts));
        header.add("nodes: r<i>_<j> row and c<i>_<j> column node of physical cell (i, j); in<i> driver output of"
                + " physical row i" + (crossbar.bothEnds() ? " (in<i>_far at its far end)" : "") + "; out<j> sense node"
                + " (virtual ground) of physical column j");
        org.xbar.spec.DeviceIv law = spec.device();
        String device = "rd<i>_<j> device (1/g ohm)";
        if (law instanceof org.xbar.spec.DeviceIv.Sinh sinh) {
            device = "bd<i>_<j> device, a B source I=G/K*sinh(K*v(r<i>_<j>,c<i>_<j>)) with G its low-voltage conductance"
                    + " and K = " + sinh.perVolt() + " 1/V";
        } else if (law instanceof org.xbar.spec.DeviceIv.DiodeSelector selector) {
            device = "ds<i>_<j> selector diode (model dsel) from r<i>_<j> to s<i>_<j> in series with rd<i>_<j> device (1/g"
                    + " ohm) from s<i>_<j> to c<i>_<j>: a 1D1R cell, " + selector.describe();
        } else if (law instanceof org.xbar.spec.DeviceIv.Table table) {
            device = "bd<i>_<j> device, a B source whose current is the monotone cubic Hermite interpolant of the I-V"
                    + " table " + table.source() + " (" + table.points() + " points) scaled by G/T'(0): a chain of"
                    + " ternaries v<V_k ? cubic_k : ..., straight lines beyond the table";
        }
        header.add("elements: vin<i> drivers, rs<i> source, rr<i>_<j> row wire, rc<i>_<j> column wire, " + device
                + ", rn<j> neuron resistance, vout<j> 0 V sense source");
        if (neurons != null) {
            header.add("neurons: PHAX inverter pairs (" + neurons.kind().toString().toLowerCase(Locale.ROOT) + ") on rails vdd"
                    + " = " + neurons.highRail() + " V and vss = " + neurons.lowRail() + " V; neuron j's gate is the"
                    + " column's last node, inv<j> its inverted and out<j> its non-inverted output (the output)");
        }
        String last = "c" + (crossbar.physicalRows() - 1) + "_";
        String column = crossbar.voltageSensing() ? "v(" + last + "<j>)" : "i(vout<j>)";
        header.add("output: " + (crossbar.voltageSensing() ? "v(" + last + "<j>) is the voltage of floating column j"
                : "i(vout<j>) is the current physical column j delivers to its sense") + "; "
                + switch (spec.mapping()) {
                    case SINGLE -> "output j = " + column;
                    case ROW_PAIR -> "output j = " + column + " (rows " + spec.inputs() + ".." + (2 * spec.inputs() - 1)
                            + " hold the negative array, driven by -V)";
                    case COLUMN_PAIR -> "output j = " + column.replace("<j>", "<2j>") + " - "
                            + column.replace("<j>", "<2j+1>");
                });
        return writer.write("xbar crossbar " + spec.inputs() + "x" + spec.outputs(), header);
    }

    private static String list(double[] values) {
        boolean uniform = Arrays.stream(values).allMatch(v -> v == values[0]);
        if (uniform) {
            return SpiceNumber.format(values[0]) + " on all " + values.length;
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < values.length; k++) {
            sb.append(k == 0 ? "" : ", ").append(SpiceNumber.format(values[k]));
        }
        return sb.toString();
    }
}
