package org.xbar.train;

import java.util.SplittableRandom;
import org.xbar.data.Dataset;

/**
 * The training images of every epoch in a new seeded order, batch by batch, for both trainers.
 * The order comes from the second stream split off the seed (the first seeds the initial weights),
 * a Fisher-Yates shuffle per epoch.
 */
final class MiniBatches {
    private final Dataset data;
    private final int batch;
    private final int steps;
    private final int[] indices;
    private final int[] labels;
    private final SplittableRandom order;

    /**
     * @param data      the training images
     * @param batchSize images per step (cut to the data's size)
     * @param seed      the training's seed
     */
    MiniBatches(Dataset data, int batchSize, long seed) {
        this.data = data;
        int n = data.size();
        this.batch = Math.min(batchSize, n);
        this.steps = (n + batch - 1) / batch;
        this.indices = new int[n];
        for (int k = 0; k < n; k++) {
            indices[k] = k;
        }
        this.labels = data.labels();
        SplittableRandom base = new SplittableRandom(seed);
        base.split();
        this.order = base.split();
    }

    /** @return images per step */
    int batch() {
        return batch;
    }

    /** @return steps per epoch */
    int steps() {
        return steps;
    }

    /** @return images per epoch */
    int size() {
        return indices.length;
    }

    /** Draws the next epoch's order. */
    void shuffle() {
        for (int k = indices.length - 1; k > 0; k--) {
            int j = order.nextInt(k + 1);
            int t = indices[k];
            indices[k] = indices[j];
            indices[j] = t;
        }
    }

    /**
     * @param step        the step within the epoch
     * @param x           receives the batch's images, {@code batch x features}
     * @param batchLabels receives their classes
     * @return how many images the step has (the last may have fewer)
     */
    int fill(int step, double[] x, int[] batchLabels) {
        int from = step * batch;
        int count = Math.min(batch, indices.length - from);
        data.copyImages(indices, from, count, x);
        for (int k = 0; k < count; k++) {
            batchLabels[k] = labels[indices[from + k]];
        }
        return count;
    }
}
