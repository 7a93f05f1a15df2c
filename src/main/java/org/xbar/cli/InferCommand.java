package org.xbar.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import org.xbar.data.DataSplit;
import org.xbar.data.Dataset;
import org.xbar.data.DatasetName;
import org.xbar.data.Datasets;
import org.xbar.dense.DenseOps;
import org.xbar.error.InputFormatException;
import org.xbar.error.InvalidParameterException;
import org.xbar.io.CsvMatrix;
import org.xbar.io.OutputFiles;
import org.xbar.network.CrossbarNetwork;
import org.xbar.network.EffectiveNetwork;
import org.xbar.network.Evaluator;
import org.xbar.network.Hardware;
import org.xbar.network.Network;
import org.xbar.network.NetworkPower;
import org.xbar.network.NonlinearNetwork;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code xbar infer}: a network on tiled crossbars, evaluated ideally, by a model or exactly. */
@Command(name = "infer", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs a sigmoid network on tiled row-pair crossbars (DESIGN section 9) and prints its accuracy.",
            "Each layer's [W; b] maps to 4-bit levels (G = q G_min) with W_max = max |[W; b]|; each tile is "
                    + "a crossbar with R_S per row, R_N per column and --rw per wire segment. --method: ideal (the "
                    + "quantized product), model (seed 004), wire-aware, or nodal (exact nodal analysis of every tile, "
                    + "the default).",
            "OUT.csv: one line per vector, the last layer's outputs y in weight units before any activation.",
            "--read-ns T (with --method nodal) adds the energy per inference: every tile of every layer read once for "
                    + "T nanoseconds, the power of each read exact for each vector (a tile's power is a quadratic form "
                    + "v^T Q v of its input volts, Q from the same unit solves as its transfer matrix; the inputs of a "
                    + "hidden layer are the exact outputs of the one before), averaged over the vectors; the largest "
                    + "is printed too. It counts what the crossbars dissipate (devices, wires, R_S, R_N), not the "
                    + "digital sums, the activations or the converters.",
            "--nonlinearity K or --iv-table FILE.csv (with --method nodal) gives the devices that I-V law at input volts "
                    + "V_read x: a tile then has no linear map, so every tile is solved for every vector by Newton's method "
                    + "(the line-relaxation solver inside), vectors in parallel on --threads; --read-ns then sums each "
                    + "read's power from its solution."})
final class InferCommand implements Callable<Integer> {
    @Option(names = "--weights", required = true, split = ",", paramLabel = "W.csv",
            description = "One weight file per layer, first to last: n_in lines of n_out values (line i = input i).")
    List<Path> weights;

    @Option(names = "--bias", split = ",", paramLabel = "B.csv", description = "One bias file per layer: one line of n_out values (default: zero biases).")
    List<Path> biases = List.of();

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    /** Where the input vectors come from. */
    static final class Source {
        @Option(names = "--inputs", paramLabel = "X.csv", description = "Input vectors: one per line, one value in [0, 1] per network input.")
        Path inputs;

        @Option(names = "--data", paramLabel = "NAME",
                description = "The test images of mnist (2,000 of the seeded 8,000/2,000 split) or fashion-mnist (10,000); 14x14 for a network of 196 inputs.")
        String data;
    }

    @Option(names = "--labels", paramLabel = "Y.csv", description = "With --inputs: the class of each vector, one per line.")
    Path labels;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where --data's files are (default: data/mnist, or Debian's /usr/share/datasets/fashion-mnist).")
    Path dataDir;

    @Option(names = "--count", paramLabel = "N", description = "Only the first N vectors.")
    Integer count;

    @Option(names = "--method", paramLabel = "METHOD", defaultValue = "nodal",
            description = "ideal, model, wire-aware or nodal. Default: ${DEFAULT-VALUE}.")
    String method;

    @Option(names = "--read-ns", paramLabel = "T", description = "Read time of a tile in nanoseconds (> 0): adds the "
            + "energy per inference (needs --method nodal).")
    Double readNs;

    @Mixin
    HardwareOptions crossbars;

    @Mixin
    DeviceOptions device;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for the dense products, or vectors solved at once with nonlinear devices (default: every core).")
    Integer threads;

    @Option(names = "--out", paramLabel = "OUT.csv", description = "Where to write the outputs (default: standard output).")
    Path out;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        if (out != null) {
            OutputFiles.check(out);
        }
        Evaluator evaluator;
        try {
            evaluator = Evaluator.parse(method);
        } catch (InvalidParameterException e) {
            throw new UsageException("--method", "\"" + method + "\" is not one of ideal, model, wire-aware, nodal");
        }
        if (labels != null && source.inputs == null) {
            throw new UsageException("--labels", "goes with --inputs; --data brings its own labels");
        }
        if (dataDir != null && source.data == null) {
            throw new UsageException("--data-dir", "goes with --data");
        }
        OptionalDouble readSeconds = PowerOutput.readSeconds(readNs);
        if (readSeconds.isPresent() && evaluator != Evaluator.NODAL) {
            throw new UsageException("--read-ns", "needs --method nodal: the energy comes from the exact solves of every"
                    + " tile, which " + evaluator.label() + " does not make");
        }
        if (count != null && count < 1) {
            throw new UsageException("--count", count + " is out of range: must be at least 1");
        }
        org.xbar.spec.DeviceIv law = device.law();
        if (!law.isLinear() && evaluator != Evaluator.NODAL) {
            throw new UsageException(device.table != null ? "--iv-table" : "--nonlinearity", "needs --method nodal: "
                    + evaluator.label() + " reduces every tile to a linear map of the programmed conductances, which a tile"
                    + " of nonlinear devices does not have");
        }
        Hardware hardware = crossbars.hardware(Double.NaN);
        int cores = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (cores < 1) {
            throw new UsageException("--threads", cores + " is out of range: must be at least 1");
        }
        Network network = NetworkFiles.read(weights, biases);
        Examples examples = source.data != null ? fromData(network) : fromFiles(network);
        long start = System.nanoTime();
        CrossbarNetwork mapped = CrossbarNetwork.map(network, hardware);
        DenseOps ops = DenseOps.ejml(cores);
        EffectiveNetwork effective = null;
        NonlinearNetwork.Result nonlinear = null;
        double[] watts = new double[0];
        double[] y;
        if (!law.isLinear()) {
            nonlinear = NonlinearNetwork.evaluate(mapped, law, examples.inputs(), examples.size(), cores,
                    readSeconds.isPresent());
            y = nonlinear.outputs();
            watts = nonlinear.watts();
        } else {
            if (readSeconds.isPresent()) {
                NetworkPower power = mapped.effectiveWithPower();
                effective = power.effective();
                watts = power.watts(examples.inputs(), examples.size(), ops);
            } else {
                effective = mapped.effective(evaluator);
            }
            y = effective.outputs(examples.inputs(), examples.size(), ops);
        }
        long nanos = System.nanoTime() - start;
        double[][] rows = new double[examples.size()][];
        int classes = network.outputs();
        for (int k = 0; k < rows.length; k++) {
            rows[k] = java.util.Arrays.copyOfRange(y, k * classes, (k + 1) * classes);
        }
        StringBuilder summary = new StringBuilder(String.format(Locale.ROOT, "infer %s, %s on %s%s: %d vectors",
                network.shape(), evaluator.label(), HardwareOptions.describe(hardware),
                law.isLinear() ? "" : ", " + law.describe() + " devices", examples.size()));
        if (examples.labels().length > 0) {
            double accuracy = EffectiveNetwork.accuracyPercent(EffectiveNetwork.classes(y, examples.size()), examples.labels());
            summary.append(String.format(Locale.ROOT, ", accuracy %.2f %%", accuracy));
        }
        if (readSeconds.isPresent()) {
            double t = readSeconds.getAsDouble();
            double max = java.util.Arrays.stream(watts).max().orElse(0);
            summary.append(String.format(Locale.ROOT, ", energy per inference %s (mean; max %s; %s ns per read of a tile)",
                    PowerOutput.si(NetworkPower.meanJoules(watts, t), "J"), PowerOutput.si(max * t, "J"),
                    java.math.BigDecimal.valueOf(readNs).stripTrailingZeros().toPlainString()));
        }
        if (nonlinear != null) {
            summary.append(String.format(Locale.ROOT, "; %.3f s in all (every tile solved for every vector by Newton's"
                    + " method, at most %d steps; no effective matrices: the devices are nonlinear)", nanos * 1e-9,
                    nonlinear.maxSteps()));
            Summaries.writeOutputs(command, out, rows, summary.toString(), "");
            return 0;
        }
        summary.append(String.format(Locale.ROOT, "; %.3f s in all (effective matrices %.3f s", nanos * 1e-9,
                effective.setupNanos() * 1e-9));
        if (evaluator == Evaluator.NODAL) {
            summary.append(String.format(Locale.ROOT, ", at most %d iterations, residual %.1e", effective.iterations(),
                    effective.residual()));
        }
        summary.append(")");
        Summaries.writeOutputs(command, out, rows, summary.toString(), "");
        return 0;
    }

    /** Input vectors and, when known, their classes (empty when not). */
    private record Examples(double[] inputs, int size, int[] labels) {
    }

    private Examples fromData(Network network) {
        DatasetName name;
        try {
            name = DatasetName.parse(source.data);
        } catch (InvalidParameterException e) {
            throw new UsageException("--data", "\"" + source.data + "\" is not one of mnist, fashion-mnist");
        }
        DataSplit split = dataDir == null ? Datasets.load(name) : Datasets.load(name, dataDir);
        Dataset test = split.test();
        if (network.inputs() == test.features() / 4 && test.features() == Dataset.SIDE * Dataset.SIDE) {
            test = test.downsampled();
        }
        if (network.inputs() != test.features()) {
            throw new InputFormatException(weights.get(0).toString(), 0, 0, "has " + network.inputs()
                    + " lines (inputs); --data " + name.label() + " gives 784 (28x28) or 196 (14x14) pixels");
        }
        if (network.outputs() != test.classes()) {
            throw new InputFormatException(weights.get(weights.size() - 1).toString(), 0, 0, "has " + network.outputs()
                    + " values per line (outputs); --data " + name.label() + " has " + test.classes() + " classes");
        }
        if (count != null && count < test.size()) {
            test = test.first(count);
        }
        return new Examples(test.pixels(), test.size(), test.labels());
    }

    private Examples fromFiles(Network network) {
        double[][] x = CsvMatrix.read(source.inputs, v -> v >= 0 && v <= 1, "inputs must be in [0, 1]");
        if (x[0].length != network.inputs()) {
            throw new InputFormatException(source.inputs.toString(), 1, 0, "has " + x[0].length + " values per line, "
                    + weights.get(0) + " has " + network.inputs() + " lines (inputs)");
        }
        int n = count == null ? x.length : Math.min(count, x.length);
        double[] flat = new double[n * network.inputs()];
        for (int k = 0; k < n; k++) {
            System.arraycopy(x[k], 0, flat, k * network.inputs(), network.inputs());
        }
        int[] classes = new int[0];
        if (labels != null) {
            int top = network.outputs() - 1;
            double[][] y = CsvMatrix.read(labels, v -> v == Math.rint(v) && v >= 0 && v <= top,
                    "a label must be a whole number from 0 to " + top + " (the network has " + network.outputs() + " outputs)");
            if (y[0].length != 1) {
                throw new InputFormatException(labels.toString(), 1, 0, "has " + y[0].length + " values; give one label per line");
            }
            if (y.length != x.length) {
                throw new InputFormatException(labels.toString(), 0, 0, "has " + y.length + " labels, " + source.inputs
                        + " has " + x.length + " vectors");
            }
            classes = new int[n];
            for (int k = 0; k < n; k++) {
                classes[k] = (int) y[k][0];
            }
        }
        return new Examples(flat, n, classes);
    }
}
