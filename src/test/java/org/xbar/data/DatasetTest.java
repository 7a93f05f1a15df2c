package org.xbar.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.xbar.error.InvalidParameterException;
import org.xbar.spec.InputBatch;

/** The immutable data set: validation naming the culprit, copies, mini-batches, subsets, downsampling. */
class DatasetTest {

    /** Three images of two pixels: image k holds (k / 10, k / 10 + 0.05), labels 2, 0, 1. */
    private static Dataset small() {
        return Dataset.of("small", 2, 3, new double[] {0, 0.05, 0.1, 0.15, 0.2, 0.25}, new int[] {2, 0, 1});
    }

    private static String refusedParameter(Runnable r) {
        return assertThrows(InvalidParameterException.class, r::run).parameter();
    }

    @Test
    void validatesEveryValueAndNamesIt() {
        double[] pixels = {0, 0.5, 1, 0.25, 0.75, 1};
        int[] labels = {0, 1, 2};
        assertEquals(3, Dataset.of("ok", 2, 3, pixels, labels).size());
        double[] nan = pixels.clone();
        nan[3] = Double.NaN;
        assertEquals("pixels[3] (image 1, feature 1)", refusedParameter(() -> Dataset.of("x", 2, 3, nan, labels)));
        double[] high = pixels.clone();
        high[4] = 1.0000001;
        assertEquals("pixels[4] (image 2, feature 0)", refusedParameter(() -> Dataset.of("x", 2, 3, high, labels)));
        double[] negative = pixels.clone();
        negative[0] = -0.0001;
        assertEquals("pixels[0] (image 0, feature 0)", refusedParameter(() -> Dataset.of("x", 2, 3, negative, labels)));
        assertEquals("labels[2]", refusedParameter(() -> Dataset.of("x", 2, 3, pixels, new int[] {0, 1, 3})));
        assertEquals("labels[1]", refusedParameter(() -> Dataset.of("x", 2, 3, pixels, new int[] {0, -1, 0})));
        assertEquals("pixels", refusedParameter(() -> Dataset.of("x", 2, 3, Arrays.copyOf(pixels, 5), labels)));
        assertEquals("pixels", refusedParameter(() -> Dataset.of("x", 3, 3, pixels, labels)));
        assertEquals("labels", refusedParameter(() -> Dataset.of("x", 2, 3, new double[0], new int[0])));
        assertEquals("features", refusedParameter(() -> Dataset.of("x", 0, 3, new double[0], labels)));
        assertEquals("classes", refusedParameter(() -> Dataset.of("x", 2, 0, pixels, labels)));
        assertEquals("name", refusedParameter(() -> Dataset.of(" ", 2, 3, pixels, labels)));
    }

    @Test
    void copiesInAndOut() {
        double[] pixels = {0, 0.5, 1, 0.25};
        int[] labels = {1, 0};
        Dataset d = Dataset.of("copies", 2, 2, pixels, labels);
        pixels[0] = 0.9;
        labels[0] = 0;
        d.image(0)[0] = 0.7;
        d.pixels()[0] = 0.7;
        d.labels()[0] = 0;
        assertEquals(0, d.pixel(0, 0));
        assertEquals(1, d.label(0));
        assertArrayEquals(new double[] {1, 0.25}, d.image(1));
        assertArrayEquals(new double[] {0, 0.5, 1, 0.25}, d.pixels());
        assertArrayEquals(new int[] {1, 0}, d.labels());
        assertEquals("copies", d.name());
        assertEquals(2, d.features());
        assertEquals(2, d.classes());
        assertArrayEquals(new int[] {1, 1}, d.classCounts());
        assertThrows(IndexOutOfBoundsException.class, () -> d.pixel(0, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> d.pixel(2, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> d.label(-1));
    }

    @Test
    void copiesMiniBatchesIntoTheCallersBuffer() {
        Dataset d = small();
        int[] order = {2, 0, 1, 2};
        double[] into = new double[] {9, 9, 9, 9, 9, 9, 9};
        d.copyImages(order, 1, 3, into);
        assertArrayEquals(new double[] {0, 0.05, 0.1, 0.15, 0.2, 0.25, 9}, into);
        d.copyImages(order, 0, 1, into);
        assertArrayEquals(new double[] {0.2, 0.25, 0.1, 0.15, 0.2, 0.25, 9}, into);
        d.copyImages(order, 4, 0, into);

        double[] untouched = new double[8];
        assertEquals("indices[1]", refusedParameter(() -> d.copyImages(new int[] {0, 3}, 0, 2, untouched)));
        assertEquals("indices[0]", refusedParameter(() -> d.copyImages(new int[] {-1, 0}, 0, 2, untouched)));
        assertArrayEquals(new double[8], untouched);
        assertEquals("into", refusedParameter(() -> d.copyImages(order, 0, 4, new double[7])));
        assertEquals("indices[from, from + count)", refusedParameter(() -> d.copyImages(order, 2, 3, untouched)));
        assertEquals("indices[from, from + count)", refusedParameter(() -> d.copyImages(order, -1, 1, untouched)));
    }

    @Test
    void takesSubsetsInTheOrderGiven() {
        Dataset d = small();
        Dataset s = d.subset(new int[] {2, 2, 0});
        assertEquals("small", s.name());
        assertEquals(3, s.size());
        assertArrayEquals(new int[] {1, 1, 2}, s.labels());
        assertArrayEquals(new double[] {0.2, 0.25, 0.2, 0.25, 0, 0.05}, s.pixels());
        Dataset first = d.first(2);
        assertArrayEquals(new int[] {2, 0}, first.labels());
        assertArrayEquals(new double[] {0, 0.05, 0.1, 0.15}, first.pixels());
        assertEquals("indices[1]", refusedParameter(() -> d.subset(new int[] {0, 3})));
        assertEquals("indices", refusedParameter(() -> d.subset(new int[0])));
        assertEquals("n", refusedParameter(() -> d.first(4)));
        assertEquals("n", refusedParameter(() -> d.first(0)));
    }

    @Test
    void downsamplingAveragesEachTwoByTwoBlock() {
        double[] pixels = new double[2 * 784];
        // image 0: block (0, 0) = pixels (0,0) (0,1) (1,0) (1,1); block (13, 13) = (26,26) (26,27) (27,26) (27,27)
        pixels[0] = 0.25;
        pixels[1] = 0.5;
        pixels[28] = 1;
        pixels[29] = 0;
        pixels[26 * 28 + 26] = 1;
        pixels[26 * 28 + 27] = 1;
        pixels[27 * 28 + 26] = 1;
        pixels[27 * 28 + 27] = 0.5;
        // block (3, 5) = pixels (6,10) (6,11) (7,10) (7,11)
        pixels[6 * 28 + 10] = 0.125;
        pixels[7 * 28 + 11] = 0.375;
        // image 1: all ones except pixel (1, 27), in block (0, 13)
        Arrays.fill(pixels, 784, 2 * 784, 1);
        pixels[784 + 28 + 27] = 0;
        Dataset d = Dataset.of("img", 784, 10, pixels, new int[] {4, 9}).downsampled();

        assertEquals("img-14x14", d.name());
        assertEquals(196, d.features());
        assertArrayEquals(new int[] {4, 9}, d.labels());
        double[] expected = new double[2 * 196];
        expected[0] = 0.4375;          // (0.25 + 0.5 + 1 + 0) / 4
        expected[13 * 14 + 13] = 0.875; // (1 + 1 + 1 + 0.5) / 4
        expected[3 * 14 + 5] = 0.125;   // (0.125 + 0 + 0 + 0.375) / 4
        Arrays.fill(expected, 196, 2 * 196, 1);
        expected[196 + 13] = 0.75;      // (1 + 1 + 1 + 0) / 4
        assertArrayEquals(expected, d.pixels(), 0);

        assertEquals("features", refusedParameter(() -> d.downsampled()));
    }

    @Test
    void turnsPixelsIntoReadVoltages() {
        InputBatch batch = small().volts(0.2);
        assertEquals(3, batch.size());
        assertEquals(2, batch.length());
        assertArrayEquals(new double[] {0.1 * 0.2, 0.15 * 0.2}, batch.vector(1), 0);
        assertEquals("vread", refusedParameter(() -> small().volts(0)));
    }

    @Test
    void splitsRefuseMismatchedParts() {
        SplittableRandom random = new SplittableRandom(3);
        double[] pixels = random.doubles(784 * 4).toArray();
        Dataset wide = Dataset.of("wide", 784, 10, pixels, new int[] {0, 1, 2, 3});
        DataSplit split = new DataSplit(wide.first(3), wide.subset(new int[] {3})).downsampled();
        assertEquals(196, split.train().features());
        assertEquals(196, split.test().features());
        assertEquals("test", refusedParameter(() -> new DataSplit(wide, wide.downsampled())));
        assertEquals("test", refusedParameter(() -> new DataSplit(small(),
                Dataset.of("other", 2, 4, new double[] {0, 0}, new int[] {3}))));
    }

    @Test
    void parsesDatasetNames() {
        assertEquals(DatasetName.MNIST, DatasetName.parse("mnist"));
        assertEquals(DatasetName.FASHION_MNIST, DatasetName.parse("Fashion-MNIST"));
        assertEquals("fashion-mnist", DatasetName.FASHION_MNIST.label());
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> DatasetName.parse("cifar"));
        assertEquals("dataset", e.parameter());
        assertEquals(Optional.of("cifar"), e.value());
        // the refusal lists what is allowed
        String allowed = e.allowed().orElseThrow();
        for (DatasetName name : DatasetName.values()) {
            assertTrue(allowed.contains(name.label()), allowed);
        }
        assertEquals("dataset", refusedParameter(() -> DatasetName.parse(null)));
    }
}
