package org.xbar.train;

import static org.xbar.TestCrossbars.assertAllClose;
import static org.xbar.TestCrossbars.assertClose;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.xbar.dense.DenseOps;
import org.xbar.device.Distribution;
import org.xbar.device.StuckOff;
import org.xbar.device.Technology;
import org.xbar.device.Variation;
import org.xbar.network.CrossbarNetwork;
import org.xbar.network.DenseLayer;
import org.xbar.network.Evaluator;
import org.xbar.network.Hardware;
import org.xbar.network.Network;
import org.xbar.network.TestNetworks;
import org.xbar.network.TileShape;

/**
 * The gradients of training against finite differences, and the forward pass of training against
 * the evaluators of the network package.
 *
 * <p>Training's gradient is exact for the function it is defined on: the forward pass with the
 * quantizer taken as the identity (straight through) and, for technology-aware training, with
 * {@code alpha} and {@code beta} held at their values (seed 004 eqs. 8-9). That function is
 * {@code W~ = S . w} with {@code S} the view's slopes, so central differences of the cost through
 * {@code S . w} must equal {@code dE/dW~ . S}, entry by entry.
 */
class GradientTest {
    private static final int[] SIZES = {7, 5, 3};
    /** Device-to-device variation and stuck devices: every device has its own factor. */
    private static final Hardware HARDWARE = Hardware.ideal(Technology.TIO2).withTerminations(800, 200)
            .withTile(new TileShape(3, 2)).withVariation(new Variation(0.1, Distribution.LOGNORMAL, 0.1, 1, 0.05, 0.05, StuckOff.GMIN, 4));
    /** Chip-to-chip variation only: every device has the same factor (training's tabulated path). */
    private static final Hardware UNIFORM = HARDWARE.withVariation(new Variation(0, Distribution.LOGNORMAL, 0.1, -1.5, 0, 0, StuckOff.GMIN, 4));

    private static List<double[]> weights(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<double[]> w = new ArrayList<>();
        for (int l = 0; l + 1 < SIZES.length; l++) {
            double[] a = new double[(SIZES[l] + 1) * SIZES[l + 1]];
            for (int k = 0; k < a.length; k++) {
                // away from 0, so that a small step keeps every sign (the slope depends on it)
                double magnitude = 0.2 + 1.5 * random.nextDouble();
                a[k] = random.nextBoolean() ? magnitude : -magnitude;
            }
            w.add(a);
        }
        return w;
    }

    private static double cost(Backprop backprop, List<double[]> slopes, List<double[]> w, double[] x, int[] labels) {
        List<double[]> effective = new ArrayList<>();
        List<double[]> unused = new ArrayList<>();
        for (int l = 0; l < w.size(); l++) {
            double[] e = new double[w.get(l).length];
            for (int k = 0; k < e.length; k++) {
                e[k] = slopes.get(l)[k] * w.get(l)[k];
            }
            effective.add(e);
            unused.add(new double[e.length]);
        }
        return backprop.backward(effective, x, labels, 0, labels.length, unused)[0] / labels.length;
    }

    private static void checkAgainstFiniteDifferences(Awareness awareness, Hardware hardware) {
        List<double[]> w = weights(21);
        HardwareView view = new HardwareView(SIZES, hardware, awareness);
        view.update(w);
        List<double[]> slopes = new ArrayList<>();
        for (HardwareView.LayerState s : view.layers()) {
            slopes.add(s.slope.clone());
        }
        double[] x = TestNetworks.inputs(22, 4, 7);
        int[] labels = {0, 2, 1, 2};
        Backprop backprop = new Backprop(SIZES, DenseOps.ejml(1));
        List<double[]> effective = new ArrayList<>();
        List<double[]> gradients = new ArrayList<>();
        for (int l = 0; l < w.size(); l++) {
            double[] e = new double[w.get(l).length];
            for (int k = 0; k < e.length; k++) {
                e[k] = slopes.get(l)[k] * w.get(l)[k];
            }
            effective.add(e);
            gradients.add(new double[e.length]);
        }
        backprop.backward(effective, x, labels, 0, 4, gradients);
        double h = 1e-6;
        for (int l = 0; l < w.size(); l++) {
            double[] a = w.get(l);
            for (int k = 0; k < a.length; k++) {
                double keep = a[k];
                a[k] = keep + h;
                double up = cost(backprop, slopes, w, x, labels);
                a[k] = keep - h;
                double down = cost(backprop, slopes, w, x, labels);
                a[k] = keep;
                double numeric = (up - down) / (2 * h);
                double analytic = gradients.get(l)[k] * slopes.get(l)[k];
                assertClose(awareness + " layer " + l + " entry " + k, analytic, numeric, 1e-6, 1e-10);
            }
        }
    }

    @Test
    void standardTrainingGradientMatchesFiniteDifferences() {
        checkAgainstFiniteDifferences(Awareness.NONE, HARDWARE);
    }

    @Test
    void technologyAwareGradientMatchesFiniteDifferences() {
        checkAgainstFiniteDifferences(Awareness.SEED, HARDWARE);
        checkAgainstFiniteDifferences(Awareness.SEED, UNIFORM);
    }

    /** The forward pass of training is the network package's evaluator of the same hardware. */
    @Test
    void trainingSeesWhatTheEvaluatorsSee() {
        List<double[]> w = weights(31);
        List<DenseLayer> layers = new ArrayList<>();
        for (int l = 0; l < w.size(); l++) {
            layers.add(DenseLayer.ofAugmented(SIZES[l], SIZES[l + 1], w.get(l)));
        }
        Network network = Network.of(layers);
        for (Hardware chip : new Hardware[] {HARDWARE, UNIFORM, HARDWARE.withVariation(Variation.NONE)}) {
            Hardware wired = chip.withWires(2.5);
            CrossbarNetwork mapped = CrossbarNetwork.map(network, wired);
            checkViews(w, wired, mapped);
        }
    }

    private static void checkViews(List<double[]> w, Hardware wired, CrossbarNetwork mapped) {
        Object[][] cases = {{Awareness.NONE, Evaluator.IDEAL}, {Awareness.SEED, Evaluator.MODEL},
            {Awareness.WIRE, Evaluator.WIRE_AWARE}};
        for (Object[] c : cases) {
            HardwareView view = new HardwareView(SIZES, wired, (Awareness) c[0]);
            view.update(w);
            view.refresh();
            Network expected = mapped.effective((Evaluator) c[1]).network();
            for (int l = 0; l < w.size(); l++) {
                assertAllClose(c[0] + " layer " + l, view.layers().get(l).effective, expected.layer(l).augmented(),
                        1e-11, 1e-14);
            }
        }
    }
}
