package org.xbar.train;

import java.util.Arrays;
import java.util.List;
import org.xbar.dense.DenseOps;
import org.xbar.network.EffectiveNetwork;
import org.xbar.results.NetworkSolution;
import org.xbar.results.SolverStatistics;
import org.xbar.spec.InverterSpec;

/**
 * The forward and backward passes of a {@link PhaxNetwork} on a batch, with the products in
 * {@link DenseOps} (the equations are in {@link PhaxTrainer}'s class doc). Per layer {@code l} of
 * {@code n} inputs, {@code m} neurons and {@code P = 2n + 2} rows, with {@code B} vectors:
 * <pre>
 *   forward:   D (B x P) = [x', -x', +VDD/2, -VDD/2]  or  [f1(V_prev), f2(V_prev), +VDD/2, -VDD/2]
 *              V (B x m) = D W,   W = sigma / S  (P x m)
 *   backward:  G = dE/dV (B x m)
 *              dE/dsigma_pj = ((D^T G)_pj - sum_b G_bj V_bj) / S_j
 *              dE/dtheta_pj = dE/dsigma_pj sigma_min K s_pj (1 - s_pj)
 *              dE/dD = G W^T (B x P),  G_prev[b,i] = dE/dD[b,i] f1'(V_prev[b,i]) + dE/dD[b,n+i] f2'(V_prev[b,i])
 * </pre>
 * Not thread-safe: it keeps its buffers between calls.
 */
final class PhaxBackprop {
    private final int[] sizes;
    private final DenseOps ops;
    private final double sigmaMin;
    private final double[] first;
    private final double[] second;
    private final double high;
    private final double low;
    private final double[][] weight;
    private final double[][] columnSum;
    private final double[][] slope;
    private final double[][] drives;
    private final double[][] net;
    private final double[][] gradNet;
    private final double[][] gradDrive;
    private final double[][] product;
    private final double[][] columnTerm;
    private int capacity;

    /**
     * @param sizes    layer sizes, inputs first
     * @param sigmaMin {@code sigma_min}, siemens
     * @param neurons  the inverter curves and rails
     * @param ops      dense products
     */
    PhaxBackprop(int[] sizes, double sigmaMin, InverterSpec neurons, DenseOps ops) {
        this.sizes = sizes.clone();
        this.ops = ops;
        this.sigmaMin = sigmaMin;
        this.first = neurons.firstStage();
        this.second = neurons.secondStage();
        this.high = neurons.highRail();
        this.low = neurons.lowRail();
        int layers = sizes.length - 1;
        weight = new double[layers][];
        columnSum = new double[layers][];
        slope = new double[layers][];
        product = new double[layers][];
        columnTerm = new double[layers][];
        drives = new double[layers][];
        net = new double[layers][];
        gradNet = new double[layers][];
        gradDrive = new double[layers][];
        for (int l = 0; l < layers; l++) {
            int p = 2 * sizes[l] + 2;
            int m = sizes[l + 1];
            weight[l] = new double[p * m];
            columnSum[l] = new double[m];
            slope[l] = new double[p * m];
            product[l] = new double[p * m];
            columnTerm[l] = new double[m];
        }
    }

    private int layers() {
        return sizes.length - 1;
    }

    private void ensure(int count) {
        if (count <= capacity) {
            return;
        }
        for (int l = 0; l < layers(); l++) {
            int p = 2 * sizes[l] + 2;
            int m = sizes[l + 1];
            drives[l] = new double[count * p];
            net[l] = new double[count * m];
            gradNet[l] = new double[count * m];
            gradDrive[l] = new double[count * p];
        }
        capacity = count;
    }

    /**
     * Maps the parameters to the weights {@code w = sigma / S} and the slopes
     * {@code dsigma/dtheta = sigma_min K s (1 - s)}; call after every change of {@code theta}.
     *
     * @param theta every layer's parameters, {@code P x m} row-major
     */
    void prepare(List<double[]> theta) {
        for (int l = 0; l < layers(); l++) {
            int m = sizes[l + 1];
            double[] t = theta.get(l);
            double[] w = weight[l];
            double[] s = columnSum[l];
            double[] d = slope[l];
            Arrays.fill(s, 0.0);
            for (int k = 0; k < t.length; k++) {
                double sig = 1 / (1 + Math.exp(-t[k]));
                w[k] = sigmaMin * (1 + PhaxNetwork.K * sig); // as PhaxNetwork.conductance, to the bit
                d[k] = sigmaMin * PhaxNetwork.K * sig * (1 - sig);
                s[k % m] += w[k];
            }
            for (int k = 0; k < t.length; k++) {
                w[k] /= s[k % m];
            }
        }
    }

    /**
     * The forward pass of {@code count} vectors through the prepared parameters.
     *
     * @param volts first-layer drives {@code x'}, {@code count x sizes[0]}, volt
     * @param count vectors
     * @return the last layer's net voltages, {@code count x classes} (internal buffer)
     */
    double[] forward(double[] volts, int count) {
        ensure(count);
        for (int l = 0; l < layers(); l++) {
            int n = sizes[l];
            int p = 2 * n + 2;
            int m = sizes[l + 1];
            double[] d = drives[l];
            for (int b = 0; b < count; b++) {
                int row = b * p;
                if (l == 0) {
                    for (int i = 0; i < n; i++) {
                        double x = volts[b * n + i];
                        d[row + i] = x;
                        d[row + n + i] = -x;
                    }
                } else {
                    double[] v = net[l - 1];
                    for (int i = 0; i < n; i++) {
                        double vi = v[b * n + i];
                        d[row + i] = InverterSpec.curve(first, vi);
                        d[row + n + i] = InverterSpec.curve(second, vi);
                    }
                }
                d[row + 2 * n] = high;
                d[row + 2 * n + 1] = low;
            }
            ops.multiply(d, weight[l], net[l], count, p, m);
        }
        return net[layers() - 1];
    }

    /**
     * @param count vectors of the last forward pass
     * @return the class of each: the argmax of the last layer's non-inverted outputs (the first
     *         on a tie, as {@link EffectiveNetwork#classes})
     */
    int[] classes(int count) {
        int classes = sizes[sizes.length - 1];
        double[] v = net[layers() - 1];
        double[] out = new double[count * classes];
        for (int k = 0; k < out.length; k++) {
            out[k] = InverterSpec.curve(second, v[k]);
        }
        return EffectiveNetwork.classes(out, count);
    }

    /**
     * @param vector which vector of the last forward pass
     * @param nanos  the time it took, for the statistics
     * @return its net voltages and both outputs of every layer
     */
    NetworkSolution solution(int vector, long nanos) {
        int layers = layers();
        double[][] v = new double[layers][];
        double[][] inv = new double[layers][];
        double[][] out = new double[layers][];
        for (int l = 0; l < layers; l++) {
            int m = sizes[l + 1];
            v[l] = Arrays.copyOfRange(net[l], vector * m, (vector + 1) * m);
            inv[l] = new double[m];
            out[l] = new double[m];
            for (int j = 0; j < m; j++) {
                inv[l][j] = InverterSpec.curve(first, v[l][j]);
                out[l][j] = InverterSpec.curve(second, v[l][j]);
            }
        }
        return new NetworkSolution(v, inv, out, new SolverStatistics("phax ideal model", 0, 0.0, nanos, SolverStatistics.Path.MODEL));
    }

    /**
     * One forward and backward pass through the prepared parameters: the mean gradient of
     * {@code loss} over the batch.
     *
     * @param volts       first-layer drives, {@code count x sizes[0]}, volt
     * @param labels      the classes of the vectors, starting at {@code labelOffset}
     * @param labelOffset where the batch's labels start in {@code labels}
     * @param count       vectors
     * @param loss        the cost
     * @param gradients   receives {@code dE/dtheta} of every layer, the mean over the batch
     * @return the summed cost over the batch and the number of vectors classified right, as
     *         {@code {cost, right}}
     */
    double[] backward(double[] volts, int[] labels, int labelOffset, int count, PhaxLoss loss,
            List<double[]> gradients) {
        double[] v = forward(volts, count);
        int last = layers() - 1;
        int classes = sizes[last + 1];
        double[] g = gradNet[last];
        double inverse = 1.0 / count;
        double cost = 0;
        int right = 0;
        int[] predicted = classes(count);
        for (int b = 0; b < count; b++) {
            int label = labels[labelOffset + b];
            if (predicted[b] == label) {
                right++;
            }
            cost += cost(loss, v, b * classes, classes, label, inverse, g);
        }
        for (int l = last; l >= 0; l--) {
            int n = sizes[l];
            int p = 2 * n + 2;
            int m = sizes[l + 1];
            double[] gl = gradNet[l];
            double[] vl = net[l];
            double[] a = product[l];
            ops.multiplyTransposeA(drives[l], gl, a, p, count, m);
            double[] c = columnTerm[l];
            Arrays.fill(c, 0.0);
            for (int b = 0; b < count; b++) {
                for (int j = 0; j < m; j++) {
                    c[j] += gl[b * m + j] * vl[b * m + j];
                }
            }
            double[] s = columnSum[l];
            double[] d = slope[l];
            double[] out = gradients.get(l);
            for (int k = 0; k < p * m; k++) {
                int j = k % m;
                out[k] = (a[k] - c[j]) / s[j] * d[k];
            }
            if (l > 0) {
                double[] h = gradDrive[l];
                ops.multiplyTransposeB(gl, weight[l], h, count, m, p);
                double[] below = gradNet[l - 1];
                double[] vb = net[l - 1];
                for (int b = 0; b < count; b++) {
                    for (int i = 0; i < n; i++) {
                        double vi = vb[b * n + i];
                        below[b * n + i] = h[b * p + i] * InverterSpec.slope(first, vi)
                                + h[b * p + n + i] * InverterSpec.slope(second, vi);
                    }
                }
            }
        }
        return new double[] {cost, right};
    }

    /**
     * The loss of one vector and its gradient.
     *
     * @param loss    the loss
     * @param v       the last layer's net voltages
     * @param base    where the vector's voltages start in {@code v}
     * @param classes outputs
     * @param label   the vector's class
     * @param scale   factor on the gradient ({@code 1 / batch}, for the mean)
     * @param g       receives {@code scale dE/dV_j} at {@code base + j}
     * @return {@code E}
     */
    private double cost(PhaxLoss loss, double[] v, int base, int classes, int label, double scale, double[] g) {
        double gain = 2 * second[3];
        double e = 0;
        if (loss == PhaxLoss.SOFTMAX) {
            // z_j = gain (V_j - c3); the softmax does not see the common shift, so it is left out
            double top = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < classes; j++) {
                top = Math.max(top, gain * v[base + j]);
            }
            double sum = 0;
            for (int j = 0; j < classes; j++) {
                sum += Math.exp(gain * v[base + j] - top);
            }
            for (int j = 0; j < classes; j++) {
                double q = Math.exp(gain * v[base + j] - top) / sum;
                g[base + j] = scale * gain * (q - (j == label ? 1 : 0));
            }
            return top + Math.log(sum) - gain * v[base + label];
        }
        for (int j = 0; j < classes; j++) {
            int k = base + j;
            boolean target = j == label;
            double dv;
            switch (loss) {
                case OUTPUT_SQUARED_ERROR -> {
                    double r = InverterSpec.curve(second, v[k]) - (target ? high : low);
                    e += 0.5 * r * r;
                    dv = r * InverterSpec.slope(second, v[k]);
                }
                case FIRST_STAGE_SQUARED_ERROR -> {
                    double r = InverterSpec.curve(first, v[k]) - (target ? low : high);
                    e += 0.5 * r * r;
                    dv = r * InverterSpec.slope(first, v[k]);
                }
                case CROSS_ENTROPY -> {
                    double z = gain * (v[k] - second[2]);
                    // -ln p = softplus(-z), -ln(1 - p) = softplus(z)
                    e += softplus(target ? -z : z);
                    dv = gain * (1 / (1 + Math.exp(-z)) - (target ? 1 : 0));
                }
                default -> throw new IllegalStateException(loss.toString());
            }
            g[k] = scale * dv;
        }
        return e;
    }

    /** {@code ln(1 + e^x)} without overflow. */
    private static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }
}
