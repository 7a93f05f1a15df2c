package org.xbar.network;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded random networks and inputs for the network and training tests. */
public final class TestNetworks {
    private TestNetworks() {
    }

    /**
     * @param seed  random seed
     * @param sizes layer sizes, inputs first
     * @return a network with weights and biases uniform in [-1, 1]
     */
    public static Network random(long seed, int... sizes) {
        SplittableRandom random = new SplittableRandom(seed);
        List<DenseLayer> layers = new ArrayList<>();
        for (int l = 0; l + 1 < sizes.length; l++) {
            double[] a = new double[(sizes[l] + 1) * sizes[l + 1]];
            for (int k = 0; k < a.length; k++) {
                a[k] = 2 * random.nextDouble() - 1;
            }
            layers.add(DenseLayer.ofAugmented(sizes[l], sizes[l + 1], a));
        }
        return Network.of(layers);
    }

    /**
     * @param seed   random seed
     * @param count  vectors
     * @param length values per vector
     * @return {@code count x length} values uniform in [0, 1], row-major
     */
    public static double[] inputs(long seed, int count, int length) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[count * length];
        for (int k = 0; k < x.length; k++) {
            x[k] = random.nextDouble();
        }
        return x;
    }
}
