package org.xbar.data;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;
import org.xbar.error.InvalidParameterException;
import org.xbar.spec.Checks;
import org.xbar.spec.InputBatch;

/**
 * An immutable labelled image data set for neural networks: {@link #size()} images of
 * {@link #features()} pixels each (784 for 28x28 MNIST and Fashion-MNIST, 196 once
 * {@link #downsampled()}), every pixel in [0, 1], and one label in {@code 0 .. classes() - 1} per
 * image. The pixels are stored row-major in one {@code double[]}: pixel {@code f} of image
 * {@code k} is element {@code k * features() + f}, and the pixels of an image are its rows of
 * the picture one after the other.
 *
 * <p>Every factory validates its input before anything else and names the culprit; the arrays are
 * copied in and out, so a data set can be shared between threads. {@link #copyImages} fills a
 * caller's buffer for a mini-batch without allocating. A data set is serializable (a study ships it to
 * other processes), and checked again by {@link #of} when read back.
 */
public final class Dataset implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Side of the square image that {@link #downsampled()} takes (28 x 28 = 784 pixels). */
    public static final int SIDE = 28;

    private final String name;
    private final int features;
    private final int classes;
    private final double[] pixels;
    private final int[] labels;

    private Dataset(String name, int features, int classes, double[] pixels, int[] labels) {
        this.name = name;
        this.features = features;
        this.classes = classes;
        this.pixels = pixels;
        this.labels = labels;
    }

    /**
     * @param name     what the data set is, such as {@code mnist-train}; not blank
     * @param features pixels per image, {@code >= 1}
     * @param classes  number of classes, {@code >= 1}
     * @param pixels   {@code labels.length * features} pixels, row-major, each finite in [0, 1]; copied
     * @param labels   one label per image, each in {@code 0 .. classes - 1}, at least one; copied
     * @return the data set
     * @throws InvalidParameterException naming the first bad value (with its index) or the
     *                                   inconsistent lengths
     */
    public static Dataset of(String name, int features, int classes, double[] pixels, int[] labels) {
        if (name == null || name.isBlank()) {
            throw new InvalidParameterException("name", name == null ? "null" : "\"" + name + "\"", "must not be blank");
        }
        Checks.inRange("features", features, 1, Integer.MAX_VALUE);
        Checks.inRange("classes", classes, 1, Integer.MAX_VALUE);
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(labels, "labels");
        if (labels.length == 0) {
            throw new InvalidParameterException("labels", "empty", "needs at least one image");
        }
        if ((long) labels.length * features != pixels.length) {
            throw InvalidParameterException.inconsistent("pixels", "pixels has " + pixels.length + " values, "
                    + labels.length + " labels of " + features + " features need " + (long) labels.length * features);
        }
        for (int i = 0; i < pixels.length; i++) {
            double p = pixels[i];
            if (!(p >= 0 && p <= 1)) {
                throw new InvalidParameterException("pixels[" + i + "] (image " + i / features + ", feature "
                        + i % features + ")", p, "must be in [0, 1]");
            }
        }
        for (int k = 0; k < labels.length; k++) {
            Checks.inRange("labels[" + k + "]", labels[k], 0, classes - 1);
        }
        return new Dataset(name, features, classes, pixels.clone(), labels.clone());
    }

    /**
     * Takes the arrays without copying or checking them: for this package's readers, which
     * produce pixels in [0, 1] and check the labels themselves.
     */
    static Dataset trusted(String name, int features, int classes, double[] pixels, int[] labels) {
        return new Dataset(name, features, classes, pixels, labels);
    }

    /** @return the data set's name, such as {@code mnist-train} or {@code fashion-mnist-test-14x14} */
    public String name() {
        return name;
    }

    /** @return pixels per image */
    public int features() {
        return features;
    }

    /** @return the number of classes; labels run from 0 to {@code classes() - 1} */
    public int classes() {
        return classes;
    }

    /** @return the number of images */
    public int size() {
        return labels.length;
    }

    /**
     * @param k image, {@code 0 .. size() - 1}
     * @param f pixel of the image, {@code 0 .. features() - 1}
     * @return the pixel, in [0, 1]
     * @throws IndexOutOfBoundsException when {@code k} or {@code f} is outside its range
     */
    public double pixel(int k, int f) {
        Objects.checkIndex(k, labels.length);
        Objects.checkIndex(f, features);
        return pixels[k * features + f];
    }

    /**
     * @param k image, {@code 0 .. size() - 1}
     * @return a copy of its {@link #features()} pixels
     * @throws IndexOutOfBoundsException when {@code k} is outside its range
     */
    public double[] image(int k) {
        Objects.checkIndex(k, labels.length);
        return Arrays.copyOfRange(pixels, k * features, (k + 1) * features);
    }

    /**
     * @param k image, {@code 0 .. size() - 1}
     * @return its label, {@code 0 .. classes() - 1}
     * @throws IndexOutOfBoundsException when {@code k} is outside its range
     */
    public int label(int k) {
        return labels[Objects.checkIndex(k, labels.length)];
    }

    /** @return a copy of the labels, one per image */
    public int[] labels() {
        return labels.clone();
    }

    /** @return a copy of every pixel, row-major ({@code size() * features()} values) */
    public double[] pixels() {
        return pixels.clone();
    }

    /** @return how many images each class has, {@code classes()} counts */
    public int[] classCounts() {
        int[] counts = new int[classes];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /**
     * Copies the images {@code indices[from] .. indices[from + count - 1]} into {@code into},
     * row-major: image {@code indices[from + j]} goes to {@code into[j * features() ..]}. Nothing
     * is allocated, so a training loop can fill one mini-batch buffer again and again from a
     * shuffled index array.
     *
     * @param indices image indices, each {@code 0 .. size() - 1}
     * @param from    first position in {@code indices}
     * @param count   how many images, {@code >= 0}, with {@code from + count <= indices.length}
     * @param into    the buffer, at least {@code count * features()} long; the rest is left alone
     * @throws InvalidParameterException when the range, an index or the buffer length is wrong
     *                                   (nothing is written then)
     */
    public void copyImages(int[] indices, int from, int count, double[] into) {
        if (from < 0 || count < 0 || from > indices.length - count) {
            throw new InvalidParameterException("indices[from, from + count)", "[" + from + ", " + ((long) from + count)
                    + ")", "must be a range inside [0, " + indices.length + "]");
        }
        if (into.length < (long) count * features) {
            throw InvalidParameterException.inconsistent("into", "the buffer has " + into.length + " values, "
                    + count + " images of " + features + " features need " + (long) count * features);
        }
        for (int j = from; j < from + count; j++) {
            checkImage(indices, j);
        }
        for (int j = 0; j < count; j++) {
            System.arraycopy(pixels, indices[from + j] * features, into, j * features, features);
        }
    }

    /**
     * @param indices the images to keep, in the order given; each {@code 0 .. size() - 1}; repeats
     *                are allowed (a bootstrap sample); at least one
     * @return a data set of those images and labels, with the same name, features and classes
     * @throws InvalidParameterException naming the first index out of range
     */
    public Dataset subset(int[] indices) {
        return subset(indices, name);
    }

    /** {@link #subset(int[])} under another name. */
    Dataset subset(int[] indices, String newName) {
        if (indices.length == 0) {
            throw new InvalidParameterException("indices", "empty", "needs at least one image");
        }
        for (int j = 0; j < indices.length; j++) {
            checkImage(indices, j);
        }
        double[] out = new double[Math.multiplyExact(indices.length, features)];
        int[] outLabels = new int[indices.length];
        for (int j = 0; j < indices.length; j++) {
            System.arraycopy(pixels, indices[j] * features, out, j * features, features);
            outLabels[j] = labels[indices[j]];
        }
        return new Dataset(newName, features, classes, out, outLabels);
    }

    /**
     * @param n how many images, {@code 1 .. size()}
     * @return the first {@code n} images, with the same name
     */
    public Dataset first(int n) {
        Checks.inRange("n", n, 1, labels.length);
        return new Dataset(name, features, classes, Arrays.copyOf(pixels, n * features), Arrays.copyOf(labels, n));
    }

    /**
     * Halves the resolution of 28x28 images to 14x14 (784 to 196 features), so that a network fits
     * smaller crossbars: pixel {@code (r, c)} of the result, {@code r, c = 0 .. 13}, is the mean of
     * pixels {@code (2r, 2c)}, {@code (2r, 2c+1)}, {@code (2r+1, 2c)} and {@code (2r+1, 2c+1)} of the
     * original, pixel {@code (r, c)} being feature {@code 28 r + c}.
     *
     * @return the downsampled data set, named with the suffix {@code -14x14}, the same labels
     * @throws InvalidParameterException when the images do not have 784 features
     */
    public Dataset downsampled() {
        if (features != SIDE * SIDE) {
            throw InvalidParameterException.inconsistent("features", name + " has " + features
                    + " features per image; downsampling needs 28x28 = 784");
        }
        int half = SIDE / 2;
        int outFeatures = half * half;
        double[] out = new double[labels.length * outFeatures];
        for (int k = 0; k < labels.length; k++) {
            int in = k * features;
            int at = k * outFeatures;
            for (int r = 0; r < half; r++) {
                int top = in + 2 * r * SIDE;
                int bottom = top + SIDE;
                for (int c = 0; c < half; c++) {
                    double sum = pixels[top + 2 * c] + pixels[top + 2 * c + 1] + pixels[bottom + 2 * c]
                            + pixels[bottom + 2 * c + 1];
                    out[at + r * half + c] = sum / 4;
                }
            }
        }
        return new Dataset(name + "-14x14", outFeatures, classes, out, labels);
    }

    /**
     * @param vread the read voltage of a full-white pixel, volt, {@code > 0}
     * @return one input vector per image, {@code pixel * vread} volt on each input row
     */
    public InputBatch volts(double vread) {
        Checks.positive("vread", vread, "volt");
        double[][] vectors = new double[labels.length][features];
        for (int k = 0; k < labels.length; k++) {
            for (int f = 0; f < features; f++) {
                vectors[k][f] = pixels[k * features + f] * vread;
            }
        }
        return InputBatch.of(vectors);
    }

    private void checkImage(int[] indices, int j) {
        if (indices[j] < 0 || indices[j] >= labels.length) {
            throw new InvalidParameterException("indices[" + j + "]", indices[j],
                    "must be an image of " + name + ", from 0 to " + (labels.length - 1));
        }
    }

    @Override
    public String toString() {
        return "Dataset[" + name + ": " + labels.length + " images x " + features + " features, " + classes + " classes]";
    }

    private Object writeReplace() {
        return new Form(name, features, classes, pixels, labels);
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a Dataset is read back through its serialized form");
    }

    private record Form(String name, int features, int classes, double[] pixels, int[] labels) implements Serializable {
        private Object readResolve() {
            return of(name, features, classes, pixels, labels);
        }
    }
}
