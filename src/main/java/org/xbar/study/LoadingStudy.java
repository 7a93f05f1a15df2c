package org.xbar.study;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.xbar.device.Quantizer;
import org.xbar.device.Technology;
import org.xbar.device.WeightMapper;
import org.xbar.results.NetworkSolution;
import org.xbar.solve.newton.NetworkSolver;
import org.xbar.spec.InputBatch;
import org.xbar.spec.InverterSpec;
import org.xbar.spec.NetworkLayer;
import org.xbar.spec.NetworkSpec;

/**
 * What loading costs in an inverter-neuron network: every layer's neurons computed twice, with the
 * whole network as one circuit (each inverter loaded by the crossbar it drives) and layer by layer
 * with ideal drivers (each layer's inputs are ideal sources at the previous layer's unloaded
 * outputs - the assumption of a behavioral network model).
 */
public final class LoadingStudy {
    private LoadingStudy() {
    }

    /**
     * One network configuration to study.
     *
     * @param sizes      layer widths, inputs first ({@code 196, 20, 10})
     * @param kind       behavioral or transistor neurons
     * @param sourceOhms driver-to-row resistance, ohm
     * @param wireOhms   wire segment resistance, ohm
     * @param vectors    input vectors
     * @param seed       seed of weights, biases and inputs
     */
    public record Case(int[] sizes, InverterSpec.Kind kind, double sourceOhms, double wireOhms, int vectors, long seed) {
        /** @return e.g. "196-20-10" */
        public String shape() {
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < sizes.length; k++) {
                sb.append(k == 0 ? "" : "-").append(sizes[k]);
            }
            return sb.toString();
        }

        /** @return the network: seeded N(0, 1) weights and N(0, 0.3) biases on 6-bit PHAX devices */
        public NetworkSpec network() {
            SplittableRandom random = new SplittableRandom(seed);
            WeightMapper mapper = new WeightMapper(new Quantizer(Technology.PHAX, 6));
            List<NetworkLayer> layers = new ArrayList<>();
            for (int l = 0; l + 1 < sizes.length; l++) {
                double[][] w = new double[sizes[l]][sizes[l + 1]];
                for (double[] row : w) {
                    for (int j = 0; j < row.length; j++) {
                        row[j] = random.nextGaussian();
                    }
                }
                double[] b = new double[sizes[l + 1]];
                for (int j = 0; j < b.length; j++) {
                    b[j] = 0.3 * random.nextGaussian();
                }
                layers.add(mapper.layer(w, b));
            }
            return new NetworkSpec(layers, InverterSpec.phax(kind), sourceOhms, wireOhms);
        }

        /** @return seeded binary inputs of +-0.25 V (PHAX's levels) */
        public InputBatch inputs() {
            SplittableRandom random = new SplittableRandom(seed + 1);
            double[][] v = new double[vectors][sizes[0]];
            for (double[] row : v) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = random.nextBoolean() ? 0.25 : -0.25;
                }
            }
            return InputBatch.of(v);
        }
    }

    /**
     * The differences in one layer, over every neuron of every vector, volt.
     *
     * @param layer          layer index, from 0
     * @param netRms         RMS difference of the net (gate) voltages
     * @param netMax         largest difference of the net voltages
     * @param outputRms      RMS difference of the non-inverted outputs
     * @param outputMax      largest difference of the non-inverted outputs
     * @param invertedMax    largest difference of the inverted outputs
     * @param signFlips      non-inverted outputs whose sign differs between the two
     * @param outputs        non-inverted outputs compared
     */
    public record LayerDifference(int layer, double netRms, double netMax, double outputRms, double outputMax,
            double invertedMax, int signFlips, int outputs) {
    }

    /**
     * The outcome of one case.
     *
     * @param testCase      the case
     * @param layers        per-layer differences
     * @param loadedNanos   time of the whole-network solves, nanoseconds
     * @param idealNanos    time of the layer-by-layer solves, nanoseconds
     */
    public record Result(Case testCase, List<LayerDifference> layers, long loadedNanos, long idealNanos) {
    }

    /**
     * @param testCase the case
     * @return the per-layer differences between loaded and ideal-driver solves
     */
    public static Result run(Case testCase) {
        NetworkSpec spec = testCase.network();
        InputBatch inputs = testCase.inputs();
        NetworkSolver solver = new NetworkSolver();
        int layers = spec.layers().size();
        double[] netSq = new double[layers];
        double[] netMax = new double[layers];
        double[] outSq = new double[layers];
        double[] outMax = new double[layers];
        double[] invMax = new double[layers];
        int[] flips = new int[layers];
        int[] count = new int[layers];
        long loadedNanos = 0;
        long idealNanos = 0;
        for (int k = 0; k < inputs.size(); k++) {
            NetworkSolution loaded = solver.solve(spec, inputs.vector(k));
            NetworkSolution ideal = solver.solveWithIdealDrivers(spec, inputs.vector(k));
            loadedNanos += loaded.statistics().nanos();
            idealNanos += ideal.statistics().nanos();
            for (int l = 0; l < layers; l++) {
                double[] a = loaded.net(l);
                double[] b = ideal.net(l);
                double[] oa = loaded.nonInverted(l);
                double[] ob = ideal.nonInverted(l);
                double[] ia = loaded.inverted(l);
                double[] ib = ideal.inverted(l);
                for (int j = 0; j < a.length; j++) {
                    double dn = a[j] - b[j];
                    double dout = oa[j] - ob[j];
                    netSq[l] += dn * dn;
                    netMax[l] = Math.max(netMax[l], Math.abs(dn));
                    outSq[l] += dout * dout;
                    outMax[l] = Math.max(outMax[l], Math.abs(dout));
                    invMax[l] = Math.max(invMax[l], Math.abs(ia[j] - ib[j]));
                    if (Math.signum(oa[j]) != Math.signum(ob[j])) {
                        flips[l]++;
                    }
                    count[l]++;
                }
            }
        }
        List<LayerDifference> differences = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            differences.add(new LayerDifference(l, Math.sqrt(netSq[l] / count[l]), netMax[l], Math.sqrt(outSq[l] / count[l]),
                    outMax[l], invMax[l], flips[l], count[l]));
        }
        return new Result(testCase, differences, loadedNanos, idealNanos);
    }

    /** @return the default study: a 196-20-10 network, both neuron kinds, with and without wires */
    public static List<Case> defaultCases() {
        int[] sizes = {196, 20, 10};
        return List.of(new Case(sizes, InverterSpec.Kind.MOSFET, 0, 0, 20, 1),
                new Case(sizes, InverterSpec.Kind.MOSFET, 0, 2.5, 20, 1),
                new Case(sizes, InverterSpec.Kind.MOSFET, 1000, 2.5, 20, 1),
                new Case(new int[] {64, 32, 16, 10}, InverterSpec.Kind.MOSFET, 0, 1, 20, 2),
                new Case(sizes, InverterSpec.Kind.BEHAVIORAL, 0, 2.5, 20, 1));
    }
}
