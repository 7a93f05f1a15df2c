package org.xbar.circuit;

import java.util.List;
import org.xbar.error.InvalidParameterException;
import org.xbar.spec.NetworkLayer;
import org.xbar.spec.NetworkSpec;

/**
 * A network of inverter-neuron crossbars (PHAX) written as one circuit for one input vector.
 *
 * <p>Layer {@code l} (counting from 1) is a crossbar of {@code 2n + 2} physical rows and {@code m}
 * columns, named with the prefix {@code l<l>_}: rows {@code 0..n-1} hold the positive devices,
 * {@code n..2n-1} the negative ones, row {@code 2n} the bias devices tied to the positive rail and
 * row {@code 2n+1} those tied to the negative rail. The first layer's positive rows are driven by
 * the sources {@code vin<i>} (node {@code in<i>}, {@code +x_i}) and its negative rows by
 * {@code vinn<i>} (node {@code inn<i>}, {@code -x_i}). In every later layer, positive row {@code i}
 * is driven by the previous layer's inverted output {@code inv<i>} and negative row {@code i} by
 * its non-inverted output {@code out<i>}, directly: the next crossbar loads the inverters. Each
 * driver reaches its row through the source resistance (0: the row is the driver's node). Each
 * column's last node {@code l<l>_c<2n+1>_<j>} is the gate of neuron j
 * ({@link InverterCircuits}).
 */
public final class NetworkCircuit {
    private final NetworkSpec spec;
    private final Circuit circuit;
    private final int[][] sense;
    private final int[][] inverted;
    private final int[][] nonInverted;

    private NetworkCircuit(NetworkSpec spec, double[] positiveDrive, double[] negativeDrive, int layersToBuild) {
        this.spec = spec;
        Circuit.Builder b = Circuit.builder();
        InverterCircuits neurons = new InverterCircuits(b, spec.inverter());
        int n0 = spec.layers().get(0).inputs();
        int[] positiveDriver = new int[n0];
        int[] negativeDriver = new int[n0];
        for (int i = 0; i < n0; i++) {
            positiveDriver[i] = b.node("in" + i);
            negativeDriver[i] = b.node("inn" + i);
            b.voltageSource("vin" + i, positiveDriver[i], Circuit.GROUND, positiveDrive[i]);
            b.voltageSource("vinn" + i, negativeDriver[i], Circuit.GROUND, negativeDrive[i]);
        }
        sense = new int[layersToBuild][];
        inverted = new int[layersToBuild][];
        nonInverted = new int[layersToBuild][];
        for (int l = 0; l < layersToBuild; l++) {
            NetworkLayer layer = spec.layers().get(l);
            String prefix = "l" + (l + 1) + "_";
            int n = layer.inputs();
            int m = layer.outputs();
            int rows = 2 * n + 2;
            double[] g = new double[rows * m];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    g[i * m + j] = layer.positive().get(i, j);
                    g[(n + i) * m + j] = layer.negative().get(i, j);
                }
            }
            double[] high = layer.biasHigh();
            double[] low = layer.biasLow();
            for (int j = 0; j < m; j++) {
                g[2 * n * m + j] = high[j];
                g[(2 * n + 1) * m + j] = low[j];
            }
            CrossbarCircuit.ArrayNodes array = CrossbarCircuit.addArray(b, prefix, rows, m, g, spec.wireOhms(),
                    spec.wireOhms());
            for (int p = 0; p < rows; p++) {
                int driver = p < n ? positiveDriver[p] : p < 2 * n ? negativeDriver[p - n]
                        : p == 2 * n ? neurons.highRail() : neurons.lowRail();
                b.resistor("r" + prefix + "s" + p, driver, array.rowNode()[p * m], spec.sourceOhms());
            }
            sense[l] = new int[m];
            inverted[l] = new int[m];
            nonInverted[l] = new int[m];
            positiveDriver = new int[m];
            negativeDriver = new int[m];
            for (int j = 0; j < m; j++) {
                sense[l][j] = array.columnNode()[(rows - 1) * m + j];
                InverterCircuits.Outputs out = neurons.neuron(b, prefix, j, sense[l][j]);
                inverted[l][j] = out.inverted();
                nonInverted[l][j] = out.nonInverted();
                positiveDriver[j] = out.inverted();
                negativeDriver[j] = out.nonInverted();
            }
        }
        circuit = b.build();
    }

    /**
     * The whole network for one input vector: {@code +x} on the positive rows, {@code -x} on the
     * negative rows of the first layer.
     *
     * @param spec  the network
     * @param input one voltage per input, volt
     * @return the circuit
     */
    public static NetworkCircuit of(NetworkSpec spec, double[] input) {
        if (input.length != spec.inputs()) {
            throw InvalidParameterException.inconsistent("input", "input vector has " + input.length
                    + " values, the network has " + spec.inputs() + " inputs");
        }
        double[] negated = new double[input.length];
        for (int i = 0; i < input.length; i++) {
            negated[i] = -input[i];
        }
        return new NetworkCircuit(spec, input, negated, spec.layers().size());
    }

    /**
     * One layer alone, its rows driven by ideal sources: the usual behavioral assumption that a
     * layer's inputs are ideal voltages, and its outputs left unloaded.
     *
     * @param spec     the network
     * @param layer    the layer's index, from 0
     * @param positive voltages on its positive rows, volt
     * @param negative voltages on its negative rows, volt
     * @return the circuit of that layer
     */
    public static NetworkCircuit layerWithIdealDrivers(NetworkSpec spec, int layer, double[] positive, double[] negative) {
        List<NetworkLayer> one = List.of(spec.layers().get(layer));
        return new NetworkCircuit(new NetworkSpec(one, spec.inverter(), spec.sourceOhms(), spec.wireOhms()), positive,
                negative, 1);
    }

    /** @return the circuit */
    public Circuit circuit() {
        return circuit;
    }

    /** @return the network */
    public NetworkSpec spec() {
        return spec;
    }

    /**
     * @param layer layer index, from 0
     * @return the sense (column) node of each neuron of that layer
     */
    public int[] senseNodes(int layer) {
        return sense[layer].clone();
    }

    /**
     * @param layer layer index, from 0
     * @return the inverted output node of each neuron
     */
    public int[] invertedNodes(int layer) {
        return inverted[layer].clone();
    }

    /**
     * @param layer layer index, from 0
     * @return the non-inverted output node of each neuron
     */
    public int[] nonInvertedNodes(int layer) {
        return nonInverted[layer].clone();
    }

    /** @return the number of layers written */
    public int layers() {
        return sense.length;
    }
}
