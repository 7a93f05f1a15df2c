package org.xbar.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xbar.TestCrossbars.assertAllClose;
import static org.xbar.TestCrossbars.assertClose;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.xbar.data.DataSplit;
import org.xbar.data.Dataset;
import org.xbar.dense.DenseOps;
import org.xbar.results.NetworkSolution;
import org.xbar.solve.newton.NetworkSolver;
import org.xbar.spec.InverterSpec;
import org.xbar.spec.NetworkLayer;

/**
 * PHAX training: its gradient against central differences (the point seed 001 could not get through
 * TensorFlow), its forward model against the circuit it stands for, its initialization and its
 * reproducibility.
 */
class PhaxTrainerTest {
    private static final int[] SIZES = {7, 4, 3};
    private static final InverterSpec BEHAVIORAL = InverterSpec.phax(InverterSpec.Kind.BEHAVIORAL);

    /** Parameters in +-2, so that devices span most of their range and no sigmoid is flat. */
    private static List<double[]> theta(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<double[]> theta = new ArrayList<>();
        for (int l = 0; l + 1 < SIZES.length; l++) {
            double[] t = new double[(2 * SIZES[l] + 2) * SIZES[l + 1]];
            for (int k = 0; k < t.length; k++) {
                t[k] = 4 * random.nextDouble() - 2;
            }
            theta.add(t);
        }
        return theta;
    }

    /** Drives {@code x'} in +-0.25 V. */
    private static double[] inputs(long seed, int count, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[count * n];
        for (int k = 0; k < x.length; k++) {
            x[k] = 0.5 * random.nextDouble() - 0.25;
        }
        return x;
    }

    private static double cost(PhaxBackprop backprop, List<double[]> theta, double[] x, int[] labels, PhaxLoss loss) {
        List<double[]> unused = new ArrayList<>();
        for (double[] t : theta) {
            unused.add(new double[t.length]);
        }
        backprop.prepare(theta);
        return backprop.backward(x, labels, 0, labels.length, loss, unused)[0] / labels.length;
    }

    /**
     * Every component of {@code dE/dtheta}, through both layers, the weight normalization and both
     * inverter curves, equals the central difference of the cost, for every loss.
     */
    @Test
    void gradientMatchesCentralDifferences() {
        double sigmaMin = PhaxNetwork.phaxSigmaMin();
        double[] x = inputs(12, 3, SIZES[0]);
        int[] labels = {0, 2, 1};
        for (PhaxLoss loss : PhaxLoss.values()) {
            // The initial network: its outputs start at the second stage's switching point, so that
            // the saturating losses see live outputs too.
            PhaxNetwork start = PhaxTrainer.initial(SIZES, 11);
            List<double[]> theta = List.of(start.theta(0), start.theta(1));
            PhaxBackprop backprop = new PhaxBackprop(SIZES, sigmaMin, BEHAVIORAL, DenseOps.ejml(1));
            List<double[]> gradients = new ArrayList<>();
            for (double[] t : theta) {
                gradients.add(new double[t.length]);
            }
            backprop.prepare(theta);
            backprop.backward(x, labels, 0, labels.length, loss, gradients);
            double largest = 0;
            for (double[] g : gradients) {
                for (double v : g) {
                    largest = Math.max(largest, Math.abs(v));
                }
            }
            assertTrue(largest > 1e-6, loss + ": the gradient vanishes, the check would prove nothing: " + largest);
            int live = 0;
            double h = 1e-5;
            for (int l = 0; l < theta.size(); l++) {
                double[] t = theta.get(l);
                for (int k = 0; k < t.length; k++) {
                    double keep = t[k];
                    t[k] = keep + h;
                    double up = cost(backprop, theta, x, labels, loss);
                    t[k] = keep - h;
                    double down = cost(backprop, theta, x, labels, loss);
                    t[k] = keep;
                    double numeric = (up - down) / (2 * h);
                    double analytic = gradients.get(l)[k];
                    assertClose(loss + " layer " + l + " theta " + k, analytic, numeric, 1e-6, 1e-9 * largest);
                    if (Math.abs(analytic) > 1e-3 * largest) {
                        live++;
                    }
                }
            }
            assertTrue(live > 40, loss + ": only " + live + " of the 84 components are not negligible");
        }
    }

    /**
     * The forward model is the floating column's voltage, {@code sum_p G_p d_p / sum_p G_p}, with the
     * conductances the network writes ({@link PhaxNetwork#layers()}) and PHAX's wiring: the first
     * layer's rows at {@code +x'}, {@code -x'} and the rails, the next layer's at the inverted and
     * non-inverted outputs.
     */
    @Test
    void forwardModelIsTheWeightedMeanOfTheWrittenConductances() {
        PhaxNetwork network = new PhaxNetwork(SIZES, PhaxNetwork.phaxSigmaMin(), BEHAVIORAL, theta(13));
        double[] x = inputs(14, 1, SIZES[0]);
        NetworkSolution s = network.solve(x);
        double[] positive = x.clone();
        double[] negative = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            negative[i] = -x[i];
        }
        for (int l = 0; l + 1 < SIZES.length; l++) {
            double[][] g = network.layers().get(l).physicalRows();
            int n = SIZES[l];
            double[] expected = new double[SIZES[l + 1]];
            for (int j = 0; j < expected.length; j++) {
                double weighted = 0.25 * g[2 * n][j] - 0.25 * g[2 * n + 1][j];
                double total = g[2 * n][j] + g[2 * n + 1][j];
                for (int i = 0; i < n; i++) {
                    weighted += g[i][j] * positive[i] + g[n + i][j] * negative[i];
                    total += g[i][j] + g[n + i][j];
                }
                expected[j] = weighted / total;
                double sigma = g[0][j] / PhaxNetwork.phaxSigmaMin();
                assertTrue(sigma >= 1 && sigma <= 1 + PhaxNetwork.K, "sigma / sigma_min = " + sigma);
            }
            assertAllClose("net voltages of layer " + l, s.net(l), expected, 1e-12, 1e-15);
            positive = s.inverted(l);
            negative = s.nonInverted(l);
            for (int j = 0; j < expected.length; j++) {
                assertClose("inverted " + j, positive[j], InverterSpec.curve(InverterSpec.PHAX_FIRST, expected[j]), 1e-12, 1e-15);
                assertClose("output " + j, negative[j], InverterSpec.curve(InverterSpec.PHAX_SECOND, expected[j]), 1e-12, 1e-15);
            }
        }
    }

    /**
     * Training's model is the circuit: the written conductances as one circuit with behavioral
     * neurons, drivers tied to their rows and ideal wires, solved by Newton as a whole, give every
     * net voltage and output of the ideal forward model within 1e-9 V.
     */
    @Test
    void behavioralCircuitReproducesTheModel() {
        PhaxNetwork network = PhaxTrainer.initial(new int[] {7, 5, 4, 3}, 15);
        for (PhaxNetwork n : new PhaxNetwork[] {network, new PhaxNetwork(SIZES, PhaxNetwork.phaxSigmaMin(), BEHAVIORAL, theta(16))}) {
            for (int v = 0; v < 3; v++) {
                double[] x = inputs(17 + v, 1, n.sizes()[0]);
                NetworkSolution model = n.solve(x);
                NetworkSolution circuit = new NetworkSolver().solve(n.spec(InverterSpec.Kind.BEHAVIORAL), x);
                for (int l = 0; l < model.layers(); l++) {
                    assertAllClose("net voltages, layer " + l, circuit.net(l), model.net(l), 0, 1e-9);
                    assertAllClose("inverted outputs, layer " + l, circuit.inverted(l), model.inverted(l), 0, 1e-9);
                    assertAllClose("outputs, layer " + l, circuit.nonInverted(l), model.nonInverted(l), 0, 1e-9);
                }
            }
        }
    }

    /**
     * The initial network puts every neuron after the first layer at the second stage's switching
     * point (within the few millivolts the first layer's random start moves it), not 60 mV above
     * it where the asymmetric hidden outputs would put it; the devices are PHAX's.
     */
    @Test
    void initialNetworkStartsAtTheSwitchingPoint() {
        PhaxNetwork network = PhaxTrainer.initial(new int[] {196, 20, 10}, 3);
        double c3 = InverterSpec.PHAX_SECOND[2];
        for (int v = 0; v < 5; v++) {
            double[] out = network.solve(inputs(30 + v, 1, 196)).net(1);
            for (double net : out) {
                assertClose("last layer's net voltage", net, c3, 0, 8e-3);
            }
        }
        for (NetworkLayer layer : network.layers()) {
            for (double[] row : layer.physicalRows()) {
                for (double g : row) {
                    assertTrue(g >= PhaxNetwork.phaxSigmaMin() && g <= (1 + PhaxNetwork.K) * PhaxNetwork.phaxSigmaMin(), "G = " + g);
                }
            }
        }
    }

    /** A random data set big enough that the products run concurrently on more than one thread. */
    private static DataSplit randomSplit() {
        SplittableRandom random = new SplittableRandom(40);
        int train = 1200;
        int test = 50;
        double[] pixels = new double[(train + test) * 196];
        int[] labels = new int[train + test];
        for (int k = 0; k < labels.length; k++) {
            labels[k] = random.nextInt(10);
            for (int f = 0; f < 196; f++) {
                pixels[k * 196 + f] = (f % 10 == labels[k] ? 0.6 : 0) + 0.4 * random.nextDouble();
            }
        }
        Dataset all = Dataset.of("stripes", 196, 10, pixels, labels);
        int[] first = new int[train];
        int[] rest = new int[test];
        for (int k = 0; k < train; k++) {
            first[k] = k;
        }
        for (int k = 0; k < test; k++) {
            rest[k] = train + k;
        }
        return new DataSplit(all.subset(first), all.subset(rest));
    }

    /** The same seed gives bit-identical parameters on one thread and on three. */
    @Test
    void sameSeedSameParametersOnAnyThreadCount() {
        DataSplit split = randomSplit();
        PhaxNetwork start = PhaxTrainer.initial(new int[] {196, 20, 10}, 41);
        PhaxResult one = PhaxTrainer.train(start, split, new PhaxOptions(2, 600, 0.3, 0.9, PhaxLoss.CROSS_ENTROPY, 42, 1),
                new Trainer.Listener() {
                });
        PhaxResult three = PhaxTrainer.train(start, split, new PhaxOptions(2, 600, 0.3, 0.9, PhaxLoss.CROSS_ENTROPY, 42, 3),
                new Trainer.Listener() {
                });
        for (int l = 0; l < 2; l++) {
            assertArrayEquals(one.network().theta(l), three.network().theta(l), "layer " + l);
        }
        assertTrue(one.epochs().get(1).loss() < one.epochs().get(0).loss(), "the loss falls: " + one.epochs());
    }
}
