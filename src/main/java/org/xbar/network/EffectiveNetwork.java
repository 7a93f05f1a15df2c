package org.xbar.network;

import org.xbar.dense.DenseOps;
import org.xbar.error.InvalidParameterException;

/**
 * A network as one evaluator sees it on its crossbars: every layer replaced by its effective
 * augmented matrix in weight units (the exact map of its tiles under that evaluator), so that
 * evaluating a test set is a chain of matrix products: {@code y = [h, 1] W~}, the sigmoid on
 * hidden layers.
 *
 * @param evaluator  the evaluator's label
 * @param network    the effective layers
 * @param iterations the most iterations any solve needed while building it (0 for the models)
 * @param residual   the largest relative residual of those solves (0 for the models)
 * @param setupNanos time spent building the effective matrices, nanoseconds
 */
public record EffectiveNetwork(String evaluator, Network network, int iterations, double residual, long setupNanos) {
    /** Images per block of a forward pass (bounds the memory of large test sets). */
    private static final int BLOCK = 1024;

    /**
     * @param y a pre-activation
     * @return {@code 1 / (1 + e^-y)}
     */
    public static double sigmoid(double y) {
        return 1.0 / (1.0 + Math.exp(-y));
    }

    /**
     * The last layer's outputs in weight units, before any activation.
     *
     * @param inputs {@code count x inputs}, row-major, each value an input in [0, 1]
     * @param count  number of vectors
     * @param ops    the dense products
     * @return {@code count x outputs}, row-major
     */
    public double[] outputs(double[] inputs, int count, DenseOps ops) {
        int n0 = network.inputs();
        if (inputs.length != (long) count * n0) {
            throw InvalidParameterException.inconsistent("inputs", inputs.length + " values for " + count
                    + " vectors of " + n0);
        }
        int outputs = network.outputs();
        double[] y = new double[count * outputs];
        for (int from = 0; from < count; from += BLOCK) {
            int rows = Math.min(BLOCK, count - from);
            double[] h = java.util.Arrays.copyOfRange(inputs, from * n0, (from + rows) * n0);
            for (int l = 0; l < network.depth(); l++) {
                DenseLayer layer = network.layer(l);
                h = forward(layer, h, rows, ops, l < network.depth() - 1);
            }
            System.arraycopy(h, 0, y, from * outputs, rows * outputs);
        }
        return y;
    }

    /**
     * One layer: {@code [h, 1] [W; b]}, then the sigmoid when it is a hidden layer.
     *
     * @param layer   the layer
     * @param h       its inputs, {@code rows x layer.inputs()}
     * @param rows    vectors
     * @param ops     dense products
     * @param sigmoid true to apply the sigmoid
     * @return {@code rows x layer.outputs()}
     */
    static double[] forward(DenseLayer layer, double[] h, int rows, DenseOps ops, boolean sigmoid) {
        int n = layer.inputs();
        int m = layer.outputs();
        double[] a = layer.augmented();
        double[] y = new double[rows * m];
        ops.multiply(h, a, y, rows, n, m);
        int bias = n * m;
        for (int k = 0; k < rows; k++) {
            int base = k * m;
            for (int j = 0; j < m; j++) {
                double v = y[base + j] + a[bias + j];
                y[base + j] = sigmoid ? sigmoid(v) : v;
            }
        }
        return y;
    }

    /**
     * @param outputs {@code count x classes} outputs
     * @param count   vectors
     * @return the argmax of every vector (the first on ties)
     */
    public static int[] classes(double[] outputs, int count) {
        int classes = outputs.length / count;
        int[] c = new int[count];
        for (int k = 0; k < count; k++) {
            int best = 0;
            for (int j = 1; j < classes; j++) {
                if (outputs[k * classes + j] > outputs[k * classes + best]) {
                    best = j;
                }
            }
            c[k] = best;
        }
        return c;
    }

    /**
     * @param predicted predicted classes
     * @param labels    true classes
     * @return the fraction right, in percent
     */
    public static double accuracyPercent(int[] predicted, int[] labels) {
        if (predicted.length != labels.length || labels.length == 0) {
            throw InvalidParameterException.inconsistent("labels", labels.length + " labels for " + predicted.length
                    + " predictions");
        }
        int right = 0;
        for (int k = 0; k < labels.length; k++) {
            if (predicted[k] == labels[k]) {
                right++;
            }
        }
        return 100.0 * right / labels.length;
    }
}
