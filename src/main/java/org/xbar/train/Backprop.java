package org.xbar.train;

import java.util.ArrayList;
import java.util.List;
import org.xbar.dense.DenseOps;
import org.xbar.network.EffectiveNetwork;

/**
 * Backpropagation through a chain of effective augmented matrices {@code W~} (seed 004 eqs. 5-7),
 * sigmoid on every layer, on the quadratic cost of seed 004 section II-C:
 * <pre>
 *   h_0 = x,   y_l = [h_(l-1), 1] W~_l,   h_l = f(y_l) = 1 / (1 + e^-y_l)
 *   E = 1/2 sum_j (t_j - o_j)^2,   o = h_L,   t the one-hot target
 *   delta_L = -(t - o) f'(y_L)                             (eq. 5)
 *   delta_l = f'(y_l) (W~_(l+1) delta_(l+1))  (bias row left out)   (eqs. 6-7)
 *   dE/dW~_l = [h_(l-1), 1]^T delta_l
 * </pre>
 * with {@code f'(y) = f(y)(1 - f(y))}; every quantity is the mean over the batch. The last layer's
 * sigmoid is monotone, so the class (argmax) is the same before and after it.
 */
final class Backprop {
    private final int[] sizes;
    private final DenseOps ops;
    private final List<double[]> activations = new ArrayList<>();
    private final List<double[]> deltas = new ArrayList<>();
    private int capacity;

    /**
     * @param sizes layer sizes, inputs first
     * @param ops   dense products
     */
    Backprop(int[] sizes, DenseOps ops) {
        this.sizes = sizes.clone();
        this.ops = ops;
    }

    private void ensure(int count) {
        if (count <= capacity) {
            return;
        }
        activations.clear();
        deltas.clear();
        for (int l = 1; l < sizes.length; l++) {
            activations.add(new double[count * sizes[l]]);
            deltas.add(new double[count * sizes[l]]);
        }
        capacity = count;
    }

    /**
     * The forward pass: fills every layer's activations for {@code count} vectors.
     *
     * @param effective each layer's {@code W~}, {@code (n + 1) x m}
     * @param x         inputs, {@code count x sizes[0]}
     * @param count     vectors
     * @return the last layer's outputs after the sigmoid, {@code count x classes} (internal buffer)
     */
    double[] forward(List<double[]> effective, double[] x, int count) {
        ensure(count);
        double[] h = x;
        for (int l = 0; l + 1 < sizes.length; l++) {
            int n = sizes[l];
            int m = sizes[l + 1];
            double[] a = effective.get(l);
            double[] y = activations.get(l);
            ops.multiply(h, a, y, count, n, m);
            int bias = n * m;
            for (int k = 0; k < count; k++) {
                int base = k * m;
                for (int j = 0; j < m; j++) {
                    y[base + j] = EffectiveNetwork.sigmoid(y[base + j] + a[bias + j]);
                }
            }
            h = y;
        }
        return h;
    }

    /**
     * One forward and backward pass.
     *
     * @param effective each layer's {@code W~}
     * @param x         inputs, {@code count x sizes[0]}
     * @param labels    the classes of the {@code count} vectors, starting at {@code labelOffset}
     * @param labelOffset where the batch's labels start in {@code labels}
     * @param count     vectors
     * @param gradients receives {@code dE/dW~} of every layer, the mean over the batch
     * @return the summed cost {@code E} over the batch and the number of vectors classified right,
     *         as {@code {cost, right}}
     */
    double[] backward(List<double[]> effective, double[] x, int[] labels, int labelOffset, int count,
            List<double[]> gradients) {
        double[] o = forward(effective, x, count);
        int layers = sizes.length - 1;
        int classes = sizes[layers];
        double[] delta = deltas.get(layers - 1);
        double cost = 0;
        int right = 0;
        for (int k = 0; k < count; k++) {
            int label = labels[labelOffset + k];
            int base = k * classes;
            int best = 0;
            for (int j = 0; j < classes; j++) {
                double oj = o[base + j];
                double e = oj - (j == label ? 1.0 : 0.0);
                cost += 0.5 * e * e;
                delta[base + j] = e * oj * (1 - oj);
                if (oj > o[base + best]) {
                    best = j;
                }
            }
            if (best == label) {
                right++;
            }
        }
        double inverse = 1.0 / count;
        for (int l = layers - 1; l >= 0; l--) {
            int n = sizes[l];
            int m = sizes[l + 1];
            double[] h = l == 0 ? x : activations.get(l - 1);
            double[] d = deltas.get(l);
            double[] g = gradients.get(l);
            ops.multiplyTransposeA(h, d, g, n, count, m);
            int bias = n * m;
            java.util.Arrays.fill(g, bias, bias + m, 0.0);
            for (int k = 0; k < count; k++) {
                for (int j = 0; j < m; j++) {
                    g[bias + j] += d[k * m + j];
                }
            }
            for (int k = 0; k < (n + 1) * m; k++) {
                g[k] *= inverse;
            }
            if (l > 0) {
                double[] below = deltas.get(l - 1);
                ops.multiplyTransposeB(d, effective.get(l), below, count, m, n);
                for (int k = 0; k < count * n; k++) {
                    double hk = h[k];
                    below[k] *= hk * (1 - hk);
                }
            }
        }
        return new double[] {cost, right};
    }
}
