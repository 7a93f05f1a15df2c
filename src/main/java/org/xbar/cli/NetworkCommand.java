package org.xbar.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xbar.device.Quantizer;
import org.xbar.device.Technology;
import org.xbar.device.WeightMapper;
import org.xbar.error.InputFormatException;
import org.xbar.io.CsvMatrix;
import org.xbar.io.OutputFiles;
import org.xbar.network.EffectiveNetwork;
import org.xbar.results.NetworkSolution;
import org.xbar.solve.newton.LayeredNetworkSolver;
import org.xbar.solve.newton.NetworkSolver;
import org.xbar.spec.InputBatch;
import org.xbar.spec.InverterSpec;
import org.xbar.spec.NetworkLayer;
import org.xbar.spec.NetworkSpec;
import org.xbar.spice.NetworkNetlist;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code xbar network}: a multi-layer inverter-neuron network (PHAX) solved as one circuit. */
@Command(name = "network", mixinStandardHelpOptions = true,
        description = {"Solves a network of inverter-neuron crossbars (PHAX) at circuit level, exactly: every inverter loaded by"
                + " the crossbar it drives, as one circuit (--solver whole) or layer by layer (--solver layered).",
            "Each layer's weights (and biases) map onto PHAX devices (127 kohm to 8.33 Mohm, --bits levels), "
                + "or its device conductances are given (--conductances, as xbar phax-train writes them); each "
                + "neuron is a pair of inverters whose outputs drive the next crossbar directly, loaded by it.",
            "OUT.csv: one line per input vector, the last layer's non-inverted outputs in volts; with "
                + "--labels, the class of a vector is the argmax of its outputs and the summary gives the "
                + "accuracy."})
final class NetworkCommand implements Callable<Integer> {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Devices devices;

    /** Where the devices come from. */
    static final class Devices {
        @Option(names = "--weights", required = true, split = ",", paramLabel = "W.csv",
                description = "One weight CSV per layer, first to last: one line per input, one value per neuron.")
        List<Path> weights;

        @Option(names = "--conductances", required = true, split = ",", paramLabel = "L.csv",
                description = "One conductance CSV per layer, first to last: a layer of n inputs is 2n+2 lines of one"
                        + " conductance (siemens) per neuron - n positive rows, n negative rows, the +VDD/2 bias row, the"
                        + " -VDD/2 bias row.")
        List<Path> conductances;
    }

    @Option(names = "--bias", split = ",", paramLabel = "B.csv",
            description = "One bias CSV per layer (one value per neuron, on one line or one per line); default none.")
    List<Path> biases;

    @Option(names = "--v", required = true, paramLabel = "V.csv",
            description = "Input vectors: one per line, one voltage per network input (PHAX uses +-0.25 V).")
    Path inputs;

    @Option(names = "--neuron", defaultValue = "mosfet", paramLabel = "KIND",
            description = "mosfet (level-1 inverter pairs) or behavioral (PHAX's fitted tanh curves). Default: ${DEFAULT-VALUE}.")
    String neuron;

    @Option(names = "--rs", defaultValue = "0", paramLabel = "OHMS",
            description = "Resistance from each driver to its row, ohm. Default: ${DEFAULT-VALUE}.")
    String sourceOhms;

    @Option(names = "--rw", defaultValue = "0", paramLabel = "OHMS",
            description = "Wire segment resistance of every row and column, ohm. Default: ${DEFAULT-VALUE}.")
    String wireOhms;

    @Option(names = "--bits", paramLabel = "N", description = "With --weights: bits per device. Default: 6.")
    Integer bits;

    @Option(names = "--labels", paramLabel = "Y.csv",
            description = "The class of each input vector, one per line: the summary gives the accuracy.")
    Path labels;

    @Option(names = "--ideal-drivers", description = "Solve layer by layer, each driven by ideal sources (no loading).")
    boolean idealDrivers;

    @Option(names = "--solver", paramLabel = "SOLVER", defaultValue = "whole",
            description = "With the inverters loaded: whole (Newton on the whole network's circuit, as ngspice solves the"
                    + " exported netlist; the default) or layered (each crossbar reduced once to a linear multiport on the"
                    + " nodes that drive it, then a small Newton solve per layer and vector: the same operating point"
                    + " within ngspice's tolerances, about 150 times faster per vector with wires).")
    String solverName;

    @Option(names = "--out", paramLabel = "OUT.csv", description = "Where to write the outputs (default: standard output).")
    Path out;

    @Option(names = "--export", paramLabel = "FILE.cir", description = "Also write the ngspice netlist of one input vector.")
    Path export;

    @Option(names = "--vector", defaultValue = "1", paramLabel = "K", description = "Which vector --export writes. Default: ${DEFAULT-VALUE}.")
    int vector;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        if (!solverName.equals("whole") && !solverName.equals("layered")) {
            throw new UsageException("--solver", "\"" + solverName + "\" is not one of whole, layered");
        }
        if (idealDrivers && solverName.equals("layered")) {
            throw new UsageException("--solver", "layered solves the loaded network; --ideal-drivers leaves the inverters"
                    + " unloaded, layer by layer already");
        }
        boolean layeredSolve = solverName.equals("layered");
        if (out != null) {
            OutputFiles.check(out);
        }
        if (export != null) {
            OutputFiles.check(export);
        }
        InverterSpec.Kind kind = switch (neuron.toLowerCase(Locale.ROOT)) {
            case "mosfet" -> InverterSpec.Kind.MOSFET;
            case "behavioral" -> InverterSpec.Kind.BEHAVIORAL;
            default -> throw new UsageException("--neuron", "\"" + neuron + "\" is not one of mosfet, behavioral");
        };
        List<NetworkLayer> layers;
        Path firstFile;
        if (devices.weights != null) {
            List<Path> weights = devices.weights;
            if (biases != null && biases.size() != weights.size()) {
                throw new UsageException("--bias", biases.size() + " files for " + weights.size() + " layers");
            }
            int levels = bits == null ? 6 : bits;
            if (levels < 1 || levels > 16) {
                throw new UsageException("--bits", levels + " is out of range: must be 1 to 16");
            }
            layers = mappedLayers(weights, levels);
            firstFile = weights.get(0);
        } else {
            if (biases != null) {
                throw new UsageException("--bias", "goes with --weights; with --conductances the bias rows are in the files");
            }
            if (bits != null) {
                throw new UsageException("--bits", "goes with --weights; --conductances gives the devices' conductances");
            }
            layers = ConductanceFiles.read(devices.conductances);
            firstFile = devices.conductances.get(0);
        }
        NetworkSpec spec = new NetworkSpec(layers, InverterSpec.phax(kind), CrossbarOptions.scalar("--rs", sourceOhms),
                CrossbarOptions.scalar("--rw", wireOhms));
        double[][] v = CsvMatrix.read(inputs);
        if (v[0].length != spec.inputs()) {
            throw new InputFormatException(inputs.toString(), 0, 0, "has " + v[0].length + " values per vector, "
                    + firstFile + " has " + spec.inputs() + (devices.weights != null ? " rows (inputs)" : " inputs"));
        }
        InputBatch batch = InputBatch.of(v);
        int[] classes = labels == null ? new int[0] : readLabels(v.length, spec.outputs());
        if (export != null) {
            if (vector < 1 || vector > batch.size()) {
                throw new UsageException("--vector", vector + " is out of range: " + inputs + " has " + batch.size() + " vectors");
            }
            String text = NetworkNetlist.text(spec, batch.vector(vector - 1), List.of((devices.weights != null
                    ? "weights: " + devices.weights : "conductances: " + devices.conductances) + ", inputs: vector " + vector
                    + " of " + inputs));
            CsvMatrix.writeAtomically(export, w -> w.write(text));
        }
        NetworkSolver solver = new NetworkSolver();
        // layered: the exact layer-by-layer solve, its crossbars reduced once for every vector
        LayeredNetworkSolver layered = layeredSolve ? new LayeredNetworkSolver(spec) : null;
        double[][] outputs = new double[batch.size()][];
        long nanos = layered == null ? 0 : layered.setupNanos();
        int iterations = 0;
        for (int k = 0; k < batch.size(); k++) {
            double[] vector = batch.vector(k);
            NetworkSolution s = idealDrivers ? solver.solveWithIdealDrivers(spec, vector)
                    : layered != null ? layered.solve(vector) : solver.solve(spec, vector);
            outputs[k] = s.outputs();
            nanos += s.statistics().nanos();
            iterations = Math.max(iterations, s.statistics().iterations());
        }
        String summary = String.format(Locale.ROOT, "network %d layers, %s neurons%s: %d vectors, %.2f ms per vector,"
                + " at most %d Newton iterations", layers.size(), kind.toString().toLowerCase(Locale.ROOT),
                idealDrivers ? " (ideal drivers)" : "", batch.size(), nanos * 1e-6 / batch.size(), iterations);
        if (labels != null) {
            double[] flat = new double[outputs.length * spec.outputs()];
            for (int k = 0; k < outputs.length; k++) {
                System.arraycopy(outputs[k], 0, flat, k * spec.outputs(), spec.outputs());
            }
            int[] predicted = EffectiveNetwork.classes(flat, outputs.length);
            int right = 0;
            for (int k = 0; k < predicted.length; k++) {
                right += predicted[k] == classes[k] ? 1 : 0;
            }
            summary += String.format(Locale.ROOT, "; accuracy %.2f %% (%d of %d)",
                    EffectiveNetwork.accuracyPercent(predicted, classes), right, predicted.length);
        }
        Summaries.writeOutputs(command, out, outputs, summary, export == null ? "" : export.toString());
        return 0;
    }

    /** The layers of --weights and --bias, mapped onto PHAX devices. */
    private List<NetworkLayer> mappedLayers(List<Path> weights, int levels) {
        WeightMapper mapper = new WeightMapper(new Quantizer(Technology.PHAX, levels));
        List<NetworkLayer> layers = new ArrayList<>();
        for (int l = 0; l < weights.size(); l++) {
            double[][] w = CsvMatrix.read(weights.get(l));
            double[] b = biases == null ? new double[w[0].length] : flatten(biases.get(l), w[0].length);
            if (l > 0 && w.length != layers.get(l - 1).outputs()) {
                throw new InputFormatException(weights.get(l).toString(), 0, 0, "has " + w.length + " rows (inputs), "
                        + weights.get(l - 1) + " has " + layers.get(l - 1).outputs() + " columns (outputs)");
            }
            layers.add(mapper.layer(w, b));
        }
        return layers;
    }

    /** The classes in --labels: one whole number per line, one line per vector. */
    private int[] readLabels(int vectors, int outputs) {
        int top = outputs - 1;
        double[][] y = CsvMatrix.read(labels, v -> v == Math.rint(v) && v >= 0 && v <= top,
                "a label must be a whole number from 0 to " + top + " (the network has " + outputs + " outputs)");
        if (y[0].length != 1) {
            throw new InputFormatException(labels.toString(), 1, 0, "has " + y[0].length + " values; give one label per line");
        }
        if (y.length != vectors) {
            throw new InputFormatException(labels.toString(), 0, 0, "has " + y.length + " labels, " + inputs + " has "
                    + vectors + " vectors");
        }
        int[] classes = new int[vectors];
        for (int k = 0; k < vectors; k++) {
            classes[k] = (int) y[k][0];
        }
        return classes;
    }

    private static double[] flatten(Path file, int expected) {
        double[][] values = CsvMatrix.read(file);
        double[] flat = new double[values.length * values[0].length];
        int k = 0;
        for (double[] row : values) {
            for (double v : row) {
                flat[k++] = v;
            }
        }
        if (flat.length != expected) {
            throw new InputFormatException(file.toString(), 0, 0, "has " + flat.length + " values, the layer has "
                    + expected + " neurons");
        }
        return flat;
    }
}
