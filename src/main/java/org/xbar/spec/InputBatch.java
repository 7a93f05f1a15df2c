package org.xbar.spec;

import java.util.Arrays;
import org.xbar.error.InvalidParameterException;

/**
 * An immutable batch of input vectors: vector {@code k} holds one voltage (volt) per crossbar input
 * row. Many vectors against one crossbar is the common case (a test set of images), and every
 * solver shares the work that does not depend on the input across the batch.
 */
public final class InputBatch {
    private final int size;
    private final int length;
    private final double[] volts;

    private InputBatch(int size, int length, double[] volts) {
        this.size = size;
        this.length = length;
        this.volts = volts;
    }

    /**
     * @param vectors {@code vectors[k][row]} in volt; all the same length; copied
     * @return the batch
     */
    public static InputBatch of(double[][] vectors) {
        if (vectors.length == 0 || vectors[0].length == 0) {
            throw new InvalidParameterException("inputs", "empty", "needs at least one vector of at least one value");
        }
        int length = vectors[0].length;
        double[] flat = new double[Math.multiplyExact(vectors.length, length)];
        for (int k = 0; k < vectors.length; k++) {
            if (vectors[k].length != length) {
                throw InvalidParameterException.inconsistent("inputs",
                        "input vector " + k + " has " + vectors[k].length + " values, vector 0 has " + length);
            }
            for (int i = 0; i < length; i++) {
                if (!Double.isFinite(vectors[k][i])) {
                    Checks.finite("inputs[" + k + "][" + i + "]", vectors[k][i], "volt");
                }
            }
            System.arraycopy(vectors[k], 0, flat, k * length, length);
        }
        return new InputBatch(vectors.length, length, flat);
    }

    /**
     * @param vector one input vector, volt; copied
     * @return a batch of one
     */
    public static InputBatch single(double[] vector) {
        return of(new double[][] {vector});
    }

    /**
     * Seeded random input vectors, each voltage uniform in {@code [0, maxVolts)}.
     *
     * @param size     number of vectors
     * @param length   voltages per vector
     * @param maxVolts upper end of the range, volt, {@code > 0}
     * @param seed     random seed
     * @return the batch
     */
    public static InputBatch random(int size, int length, double maxVolts, long seed) {
        Checks.inRange("vectors", size, 1, Integer.MAX_VALUE);
        Checks.inRange("length", length, 1, Integer.MAX_VALUE);
        Checks.positive("maxVolts", maxVolts, "volt");
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        double[] flat = new double[Math.multiplyExact(size, length)];
        for (int k = 0; k < flat.length; k++) {
            flat[k] = maxVolts * random.nextDouble();
        }
        return new InputBatch(size, length, flat);
    }

    /**
     * @param from first input, inclusive
     * @param to   last input, exclusive
     * @return every vector cut to inputs {@code [from, to)} (the inputs of one tile)
     */
    public InputBatch inputs(int from, int to) {
        if (from < 0 || to > length || from >= to) {
            throw new InvalidParameterException("inputs", "[" + from + "," + to + ")",
                    "must be a non-empty range inside [0," + length + ")");
        }
        int width = to - from;
        double[] out = new double[size * width];
        for (int k = 0; k < size; k++) {
            System.arraycopy(volts, k * length + from, out, k * width, width);
        }
        return new InputBatch(size, width, out);
    }

    /** @return number of vectors */
    public int size() {
        return size;
    }

    /** @return voltages per vector (the crossbar's input rows) */
    public int length() {
        return length;
    }

    /**
     * @param k vector index
     * @return a copy of vector {@code k}, volt
     */
    public double[] vector(int k) {
        return Arrays.copyOfRange(volts, k * length, (k + 1) * length);
    }

    /**
     * @param k   vector index
     * @param row input row
     * @return the voltage, volt
     */
    public double get(int k, int row) {
        return volts[k * length + row];
    }

    /**
     * The product of vector {@code k} with a fixed linear map: {@code y_j = sum_i v_i w_ij}.
     *
     * @param k       vector index
     * @param weights {@code length() x outputs}, row-major
     * @param outputs columns of {@code weights}
     * @return {@code y}, {@code outputs} long
     */
    public double[] multiply(int k, double[] weights, int outputs) {
        return product(volts, k * length, length, weights, outputs);
    }

    /**
     * One input vector times a fixed {@code inputs x outputs} matrix: {@code y_j = sum_i v_i W_ij}.
     *
     * @param volts   holds the vector
     * @param offset  where the vector starts in {@code volts}
     * @param length  its length (the matrix's rows)
     * @param weights the matrix, row-major, {@code length x outputs}
     * @param outputs the matrix's columns
     * @return the product, a new array
     */
    public static double[] product(double[] volts, int offset, int length, double[] weights, int outputs) {
        double[] y = new double[outputs];
        for (int i = 0; i < length; i++) {
            double v = volts[offset + i];
            if (v == 0) {
                continue;
            }
            int base = i * outputs;
            for (int j = 0; j < outputs; j++) {
                y[j] += v * weights[base + j];
            }
        }
        return y;
    }

    /**
     * @param spec the crossbar the batch is for
     * @throws InvalidParameterException when the vector length differs from the crossbar's inputs
     */
    public void requireFits(CrossbarSpec spec) {
        if (length != spec.inputs()) {
            throw InvalidParameterException.inconsistent("inputs",
                    "input vectors have " + length + " values, the crossbar has " + spec.inputs() + " input rows");
        }
    }

    @Override
    public String toString() {
        return "InputBatch[" + size + " x " + length + "]";
    }
}
