package org.xbar.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.xbar.data.DataSplit;
import org.xbar.data.Dataset;
import org.xbar.dense.DenseOps;
import org.xbar.error.InvalidParameterException;
import org.xbar.network.DenseLayer;
import org.xbar.network.EffectiveNetwork;
import org.xbar.network.Hardware;
import org.xbar.network.Network;

/**
 * Trains a sigmoid multi-layer perceptron for crossbars by mini-batch gradient descent (DESIGN
 * section 9, seed 004 section III-D): full-precision shadow weights; a forward pass through the
 * levels re-discretized at every step, seen as the hardware is seen by the chosen
 * {@link Awareness} ({@link HardwareView}); {@link Backprop} through the effective matrices; each
 * shadow weight moved along {@code -dE/dW~_ij s_ij} with classical momentum, {@code s_ij} the
 * straight-through slope of the view (1 for ideal training, {@code alpha beta} times the device
 * factor for aware training).
 *
 * <p>Seeded and reproducible: one seed draws the initial weights (uniform in
 * {@code +-sqrt(6 / (n_in + n_out))}, biases 0) and the order of the images in every epoch; the
 * dense products accumulate in the same order on any number of threads, so the same seed gives
 * bit-identical weights anywhere.
 */
public final class Trainer {

    /** Follows training as it goes (a progress bar, a log). */
    public interface Listener {
        /**
         * @param epoch epoch number, from 1
         * @param steps steps in this epoch
         */
        default void epochStarted(int epoch, int steps) {
        }

        /**
         * @param epoch epoch number
         * @param step  steps done in this epoch
         */
        default void stepDone(int epoch, int step) {
        }

        /**
         * @param record the finished epoch
         */
        default void epochFinished(EpochRecord record) {
        }
    }

    private Trainer() {
    }

    /**
     * @param sizes layer sizes, inputs first, at least two
     * @param seed  random seed
     * @return the initial network: uniform weights in {@code +-sqrt(6 / (n_in + n_out))} (Glorot's
     *         range), zero biases
     */
    public static Network initial(int[] sizes, long seed) {
        if (sizes.length < 2) {
            throw new InvalidParameterException("layers", sizes.length + " sizes", "needs the inputs and at least one layer");
        }
        SplittableRandom random = new SplittableRandom(seed).split();
        List<DenseLayer> layers = new ArrayList<>();
        for (int l = 0; l + 1 < sizes.length; l++) {
            int n = sizes[l];
            int m = sizes[l + 1];
            if (n < 1 || m < 1) {
                throw new InvalidParameterException("layers", n + "-" + m, "every layer needs at least one input and one output");
            }
            double limit = Math.sqrt(6.0 / (n + m));
            double[] a = new double[(n + 1) * m];
            for (int k = 0; k < n * m; k++) {
                a[k] = limit * (2 * random.nextDouble() - 1);
            }
            layers.add(DenseLayer.ofAugmented(n, m, a));
        }
        return Network.of(layers);
    }

    /**
     * @param initial  the network to start from (its shape is the network trained)
     * @param data     training and test images; the network's inputs must be the images' pixels
     *                 and its outputs the classes
     * @param hardware the crossbars it will run on
     * @param options  how to train
     * @param listener follows training
     * @return the trained network and the per-epoch log
     */
    public static TrainingResult train(Network initial, DataSplit data, Hardware hardware, TrainingOptions options,
            Listener listener) {
        Dataset train = data.train();
        if (initial.inputs() != train.features()) {
            throw InvalidParameterException.inconsistent("layers", "the network has " + initial.inputs()
                    + " inputs, the images of " + train.name() + " have " + train.features() + " pixels");
        }
        if (initial.outputs() != train.classes()) {
            throw InvalidParameterException.inconsistent("layers", "the network has " + initial.outputs()
                    + " outputs, " + train.name() + " has " + train.classes() + " classes");
        }
        int[] sizes = new int[initial.depth() + 1];
        sizes[0] = initial.inputs();
        List<double[]> shadow = new ArrayList<>();
        List<double[]> gradients = new ArrayList<>();
        List<double[]> velocity = new ArrayList<>();
        for (int l = 0; l < initial.depth(); l++) {
            sizes[l + 1] = initial.layer(l).outputs();
            shadow.add(initial.layer(l).augmented());
            gradients.add(new double[shadow.get(l).length]);
            velocity.add(new double[shadow.get(l).length]);
        }
        DenseOps ops = DenseOps.ejml(options.threads());
        HardwareView view = new HardwareView(sizes, hardware, options.awareness());
        Backprop backprop = new Backprop(sizes, ops);
        MiniBatches batches = new MiniBatches(train, options.batch(), options.seed());
        int n = batches.size();
        int batch = batches.batch();
        int steps = batches.steps();
        int[] batchLabels = new int[batch];
        double[] x = new double[batch * train.features()];
        List<EpochRecord> records = new ArrayList<>();
        long step = 0;
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            long start = System.nanoTime();
            listener.epochStarted(epoch, steps);
            batches.shuffle();
            double cost = 0;
            int right = 0;
            for (int s = 0; s < steps; s++) {
                int count = batches.fill(s, x, batchLabels);
                view.update(shadow);
                if (step % options.refreshSteps() == 0) {
                    view.refresh();
                }
                double[] result = backprop.backward(effective(view), x, batchLabels, 0, count, gradients);
                cost += result[0];
                right += (int) result[1];
                for (int l = 0; l < shadow.size(); l++) {
                    double[] w = shadow.get(l);
                    double[] g = gradients.get(l);
                    double[] v = velocity.get(l);
                    double[] slope = view.layers().get(l).slope;
                    double eta = options.learningRate();
                    double mu = options.momentum();
                    for (int k = 0; k < w.length; k++) {
                        v[k] = mu * v[k] - eta * g[k] * slope[k];
                        w[k] += v[k];
                    }
                }
                step++;
                listener.stepDone(epoch, s + 1);
            }
            view.update(shadow);
            view.refresh();
            double test = accuracy(backprop, effective(view), data.test(), batch);
            EpochRecord record = new EpochRecord(epoch, cost / n, 100.0 * right / n, test,
                    (System.nanoTime() - start) * 1e-9);
            records.add(record);
            listener.epochFinished(record);
        }
        List<DenseLayer> layers = new ArrayList<>();
        for (int l = 0; l < shadow.size(); l++) {
            layers.add(DenseLayer.ofAugmented(sizes[l], sizes[l + 1], shadow.get(l)));
        }
        return new TrainingResult(Network.of(layers), records);
    }

    private static List<double[]> effective(HardwareView view) {
        List<double[]> e = new ArrayList<>();
        for (HardwareView.LayerState s : view.layers()) {
            e.add(s.effective);
        }
        return e;
    }

    /** Percent of {@code data} classified right by the forward pass through {@code effective}. */
    static double accuracy(Backprop backprop, List<double[]> effective, Dataset data, int block) {
        int n = data.size();
        int[] all = new int[n];
        for (int k = 0; k < n; k++) {
            all[k] = k;
        }
        int size = Math.max(block, 256);
        double[] x = new double[size * data.features()];
        int[] predicted = new int[n];
        for (int from = 0; from < n; from += size) {
            int count = Math.min(size, n - from);
            data.copyImages(all, from, count, x);
            double[] o = backprop.forward(effective, x, count);
            int[] c = EffectiveNetwork.classes(java.util.Arrays.copyOf(o, count * data.classes()), count);
            System.arraycopy(c, 0, predicted, from, count);
        }
        return EffectiveNetwork.accuracyPercent(predicted, data.labels());
    }
}
