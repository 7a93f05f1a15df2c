package org.xbar.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.xbar.data.DataSplit;
import org.xbar.data.Dataset;
import org.xbar.dense.DenseOps;
import org.xbar.error.InvalidParameterException;
import org.xbar.network.EffectiveNetwork;
import org.xbar.spec.InverterSpec;

/**
 * PHAX ex-situ training of inverter-neuron networks (seed 001, DESIGN sections 4 and 9): mini-batch
 * gradient descent with classical momentum on the unconstrained parameters {@code theta} of a
 * {@link PhaxNetwork}, with the exact gradient of a {@link PhaxLoss}.
 *
 * <p><b>The model.</b> Layer {@code l} has {@code n} inputs, {@code m} neurons and
 * {@code P = 2n + 2} rows driven by {@code d_p}: {@code x'_i}, {@code -x'_i} in the first layer
 * ({@code x' = (pixel - 0.5) / 2} volt), {@code f1(V'_i)}, {@code f2(V'_i)} of the previous layer's
 * net voltages {@code V'} in later ones, and the rails {@code +-VDD/2} on the bias pair:
 * <pre>
 *   s_pj     = sigmoid(theta_pj) = 1 / (1 + e^-theta_pj)
 *   sigma_pj = sigma_min (1 + K s_pj)                      K = 7.33
 *   S_j      = sum_p sigma_pj,   w_pj = sigma_pj / S_j
 *   V_j      = sum_p w_pj d_p                              (the floating column's voltage)
 *   f(V)     = c1 + c2 tanh(c4 (V - c3)),  f1 = PHAX_FIRST (inverted), f2 = PHAX_SECOND (non-inverted)
 * </pre>
 * <p><b>The gradient</b>, exact (no straight-through step, no approximation):
 * <pre>
 *   dV_j/dsigma_pj   = d_p / S_j - (sum_q sigma_qj d_q) / S_j^2 = (d_p - V_j) / S_j
 *   dsigma_pj/dtheta = sigma_min K s_pj (1 - s_pj)
 *   dV_j/dd_p        = w_pj
 *   f'(V)            = c2 c4 sech^2(c4 (V - c3)) = c2 c4 (1 - tanh^2(c4 (V - c3)))
 * </pre>
 * so that, with {@code g_j = dE/dV_j} of a layer (from the loss for the last layer),
 * <pre>
 *   dE/dtheta_pj = g_j (d_p - V_j) / S_j  sigma_min K s_pj (1 - s_pj)
 *   dE/dd_p      = sum_j g_j w_pj
 *   g'_i         = dE/dd_i f1'(V'_i) + dE/dd_(n+i) f2'(V'_i)      (the previous layer: neuron i drives
 *                                                                  positive row i and negative row n+i)
 * </pre>
 * The bias rows' drives are constants, so they pass nothing back. Over a batch ({@code PhaxBackprop})
 * the sums over vectors are the products {@code D^T G} and {@code G W^T}. The gradient is the mean
 * over the batch; a test checks every component against central differences.
 *
 * <p><b>The loss.</b> {@link PhaxLoss#CROSS_ENTROPY} by default: the non-inverted outputs read as
 * probabilities. PHAX's squared error of those outputs stalls, because the second stage is so steep
 * that its slope, and with it the gradient, vanishes about 15 mV from the switching point; see
 * {@link PhaxLoss} for the four losses offered and what each gave.
 *
 * <p><b>The step.</b> {@code v <- mu v - eta dE/dtheta}, {@code theta <- theta + v} (classical
 * momentum), {@code dE/dtheta} the mean over a batch of images drawn without replacement in a
 * seeded order every epoch.
 *
 * <p><b>Initialization.</b> {@code theta} uniform in {@code +-}{@link #INITIAL_SPREAD}; then every
 * layer after the first is tilted so that its neurons start at the second stage's switching point
 * {@code c3}. The first layer's rows carry {@code +x'} and {@code -x'}, so its neurons start near
 * 0 V whatever the images; but the next layer's rows carry {@code f1(0) = -0.16 V} and
 * {@code f2(0) = +0.25 V}, and with untilted parameters all its neurons start 60 mV above
 * {@code c3}, every output on the high rail. From there the first steps of any loss drive the
 * output devices or the hidden neurons into saturation, and training stalls for epochs (196-8-10 at
 * learning rate 0.3: 33 % after 8 epochs, against 85 % after 4 when tilted). The tilt adds
 * {@code delta_j} to the parameters of column {@code j}'s rows whose drive (the previous layer at
 * rest: 0 V for the first, {@code c3} for later ones) is below {@code c3} and subtracts it from
 * the others, {@code delta_j} found by bisection.
 *
 * <p>Seeded and reproducible: one seed draws the initial parameters and the order of the images in
 * every epoch; the products accumulate in the same order on any number of threads
 * ({@link DenseOps}), so the same seed gives bit-identical parameters anywhere.
 */
public final class PhaxTrainer {
    /** Initial parameters are uniform in {@code +-INITIAL_SPREAD}. */
    public static final double INITIAL_SPREAD = 1.0;

    private PhaxTrainer() {
    }

    /**
     * @param sizes layer sizes, inputs first, at least two, each at least 1
     * @param seed  random seed
     * @return a network of PHAX devices and neurons (behavioral curves) with seeded parameters
     *         uniform in {@code +-INITIAL_SPREAD}, the layers after the first tilted to start at the
     *         switching point (see the class doc)
     */
    public static PhaxNetwork initial(int[] sizes, long seed) {
        return initial(sizes, PhaxNetwork.phaxSigmaMin(), InverterSpec.phax(InverterSpec.Kind.BEHAVIORAL), seed);
    }

    /**
     * @param sizes    layer sizes, inputs first, at least two, each at least 1
     * @param sigmaMin {@code sigma_min}, siemens
     * @param neurons  the inverter curves and supply
     * @param seed     random seed
     * @return a network with seeded parameters uniform in {@code +-INITIAL_SPREAD}, the layers after
     *         the first tilted to start at the switching point (see the class doc)
     */
    public static PhaxNetwork initial(int[] sizes, double sigmaMin, InverterSpec neurons, long seed) {
        if (sizes.length < 2) {
            throw new InvalidParameterException("layers", sizes.length + " sizes", "needs the inputs and at least one layer");
        }
        for (int s : sizes) {
            if (s < 1) {
                throw new InvalidParameterException("layers", s, "every layer needs at least one input and one output");
            }
        }
        SplittableRandom random = new SplittableRandom(seed).split();
        List<double[]> theta = new ArrayList<>();
        for (int l = 0; l + 1 < sizes.length; l++) {
            double[] t = new double[(2 * sizes[l] + 2) * sizes[l + 1]];
            for (int k = 0; k < t.length; k++) {
                t[k] = INITIAL_SPREAD * (2 * random.nextDouble() - 1);
            }
            theta.add(t);
        }
        double target = neurons.secondStage()[2];
        double previous = 0;
        for (int l = 1; l + 1 < sizes.length; l++) {
            center(theta.get(l), sizes[l], sizes[l + 1], neurons, previous, target);
            previous = target;
        }
        return new PhaxNetwork(sizes, sigmaMin, neurons, theta);
    }

    /**
     * Tilts every column of a layer after the first so that its net voltage is {@code target} when
     * every neuron of the previous layer has the net voltage {@code previous}: the parameters of the
     * rows whose drive is below the target gain {@code delta}, the others lose it, {@code delta}
     * found by bisection in [-8, 8] (the devices' whole range).
     */
    private static void center(double[] t, int n, int m, InverterSpec neurons, double previous, double target) {
        int p = 2 * n + 2;
        double[] d = new double[p];
        for (int i = 0; i < n; i++) {
            d[i] = InverterSpec.curve(neurons.firstStage(), previous);
            d[n + i] = InverterSpec.curve(neurons.secondStage(), previous);
        }
        d[2 * n] = neurons.highRail();
        d[2 * n + 1] = neurons.lowRail();
        for (int j = 0; j < m; j++) {
            double lo = -8;
            double hi = 8;
            for (int step = 0; step < 60; step++) {
                double mid = 0.5 * (lo + hi);
                if (tilted(t, d, j, m, mid, target) > target) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            double delta = 0.5 * (lo + hi);
            for (int q = 0; q < p; q++) {
                t[q * m + j] += d[q] < target ? delta : -delta;
            }
        }
    }

    /** The net voltage of column {@code j} with its parameters tilted by {@code delta}. */
    private static double tilted(double[] t, double[] d, int j, int m, double delta, double target) {
        double weighted = 0;
        double total = 0;
        for (int q = 0; q < d.length; q++) {
            double sigma = 1 + PhaxNetwork.K / (1 + Math.exp(-(t[q * m + j] + (d[q] < target ? delta : -delta))));
            weighted += sigma * d[q];
            total += sigma;
        }
        return weighted / total;
    }

    /**
     * Trains a copy of {@code initial}.
     *
     * @param initial  the network to start from (its shape is the network trained)
     * @param data     training and test images; the network's inputs must be the images' pixels and
     *                 its outputs the classes
     * @param options  how to train
     * @param listener follows training
     * @return the trained network and the per-epoch log
     */
    public static PhaxResult train(PhaxNetwork initial, DataSplit data, PhaxOptions options, Trainer.Listener listener) {
        Dataset train = data.train();
        int[] sizes = initial.sizes();
        check(sizes, train);
        List<double[]> theta = new ArrayList<>();
        List<double[]> gradients = new ArrayList<>();
        List<double[]> velocity = new ArrayList<>();
        for (int l = 0; l + 1 < sizes.length; l++) {
            theta.add(initial.theta(l));
            gradients.add(new double[theta.get(l).length]);
            velocity.add(new double[theta.get(l).length]);
        }
        PhaxBackprop backprop = new PhaxBackprop(sizes, initial.sigmaMin(), initial.neurons(), DenseOps.ejml(options.threads()));
        MiniBatches batches = new MiniBatches(train, options.batch(), options.seed());
        int n = batches.size();
        int batch = batches.batch();
        int steps = batches.steps();
        int[] batchLabels = new int[batch];
        double[] x = new double[batch * train.features()];
        List<EpochRecord> records = new ArrayList<>();
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            long start = System.nanoTime();
            listener.epochStarted(epoch, steps);
            batches.shuffle();
            double cost = 0;
            int right = 0;
            for (int s = 0; s < steps; s++) {
                int count = batches.fill(s, x, batchLabels);
                toVolts(x, count * train.features());
                backprop.prepare(theta);
                double[] result = backprop.backward(x, batchLabels, 0, count, options.loss(), gradients);
                cost += result[0];
                right += (int) result[1];
                double eta = options.learningRate();
                double mu = options.momentum();
                for (int l = 0; l < theta.size(); l++) {
                    double[] t = theta.get(l);
                    double[] g = gradients.get(l);
                    double[] v = velocity.get(l);
                    for (int k = 0; k < t.length; k++) {
                        v[k] = mu * v[k] - eta * g[k];
                        t[k] += v[k];
                    }
                }
                listener.stepDone(epoch, s + 1);
            }
            backprop.prepare(theta);
            double test = 100.0 * right(backprop, data.test(), data.test().size()) / data.test().size();
            EpochRecord record = new EpochRecord(epoch, cost / n, 100.0 * right / n, test,
                    (System.nanoTime() - start) * 1e-9);
            records.add(record);
            listener.epochFinished(record);
        }
        return new PhaxResult(new PhaxNetwork(sizes, initial.sigmaMin(), initial.neurons(), theta), records);
    }

    private static void check(int[] sizes, Dataset data) {
        if (sizes[0] != data.features()) {
            throw InvalidParameterException.inconsistent("layers", "the network has " + sizes[0]
                    + " inputs, the images of " + data.name() + " have " + data.features() + " pixels");
        }
        if (sizes[sizes.length - 1] != data.classes()) {
            throw InvalidParameterException.inconsistent("layers", "the network has " + sizes[sizes.length - 1]
                    + " outputs, " + data.name() + " has " + data.classes() + " classes");
        }
    }

    /** Pixels in [0, 1] to first-layer drives {@code x'}, in place. */
    private static void toVolts(double[] x, int length) {
        for (int k = 0; k < length; k++) {
            x[k] = PhaxNetwork.inputVolts(x[k]);
        }
    }

    /**
     * @param network the network
     * @param data    images of as many pixels as the network has inputs
     * @param count   how many, from the first ({@code <= data.size()})
     * @return the class the ideal forward model gives each: the argmax of the last layer's
     *         non-inverted outputs, the first on a tie
     */
    public static int[] classify(PhaxNetwork network, Dataset data, int count) {
        int[] sizes = network.sizes();
        check(sizes, data);
        if (count < 0 || count > data.size()) {
            throw new InvalidParameterException("count", count, "must be 0 to " + data.size());
        }
        PhaxBackprop backprop = new PhaxBackprop(sizes, network.sigmaMin(), network.neurons(), DenseOps.ejml(1));
        backprop.prepare(network.parameters());
        return classes(backprop, data, count);
    }

    /**
     * @param network the network
     * @param data    images
     * @return the percent of {@code data} the ideal forward model classifies right
     */
    public static double accuracyPercent(PhaxNetwork network, Dataset data) {
        return EffectiveNetwork.accuracyPercent(classify(network, data, data.size()), data.labels());
    }

    private static int right(PhaxBackprop backprop, Dataset data, int count) {
        int[] predicted = classes(backprop, data, count);
        int right = 0;
        for (int k = 0; k < count; k++) {
            if (predicted[k] == data.label(k)) {
                right++;
            }
        }
        return right;
    }

    private static int[] classes(PhaxBackprop backprop, Dataset data, int count) {
        int block = 500;
        int[] all = new int[count];
        for (int k = 0; k < count; k++) {
            all[k] = k;
        }
        double[] x = new double[block * data.features()];
        int[] predicted = new int[count];
        for (int from = 0; from < count; from += block) {
            int size = Math.min(block, count - from);
            data.copyImages(all, from, size, x);
            toVolts(x, size * data.features());
            backprop.forward(x, size);
            System.arraycopy(backprop.classes(size), 0, predicted, from, size);
        }
        return predicted;
    }
}
