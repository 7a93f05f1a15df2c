package org.xbar.bench;

import java.util.Random;

/**
 * Generates the nodal conductance matrix (symmetric positive definite) and right-hand side of an
 * {@code n x n} resistive crossbar with wire resistance, in compressed sparse column (CSC) form.
 *
 * <p>Unknowns: {@code 2*n*n} node voltages. Row node {@code r(i,j)} has index {@code i*n + j},
 * column node {@code c(i,j)} has index {@code n*n + i*n + j}. Elements:
 * <ul>
 *   <li>row wire segment {@code 1/2.5 S} between {@code r(i,j)} and {@code r(i,j+1)};</li>
 *   <li>column wire segment {@code 1/2.5 S} between {@code c(i,j)} and {@code c(i+1,j)};</li>
 *   <li>device {@code g_ij = q * Gmin} between {@code r(i,j)} and {@code c(i,j)}, {@code q} uniform in
 *       {@code 0..15}, {@code Gmin = 1/600000 S}; {@code q = 0} means no device (no matrix entry);</li>
 *   <li>source resistance {@code 800 ohm} from {@code r(i,0)} to ground (diagonal only);</li>
 *   <li>neuron resistance {@code 200 ohm} from {@code c(n-1,j)} to ground (diagonal only).</li>
 * </ul>
 * The right-hand side is {@code b[r(i,0)] = V_i / 800} (Norton equivalent of the source).
 *
 * <p>Random numbers: one {@code java.util.Random(4)}; first {@code q} for {@code i = 0..n-1},
 * {@code j = 0..n-1} (row-major) by {@code nextInt(16)}, then {@code V_i} for {@code i = 0..n-1} by
 * {@code nextDouble()}.
 *
 * <p>The CSC arrays hold the full symmetric matrix (both triangles) with row indices sorted
 * ascending within each column and no explicit zeros.
 */
public final class CrossbarMatrices {

    /** Wire segment conductance, 1/2.5 S. */
    public static final double G_WIRE = 1.0 / 2.5;
    /** Unit device conductance, 1/600000 S. */
    public static final double G_MIN = 1.0 / 600000.0;
    /** Source conductance, 1/800 S. */
    public static final double G_SOURCE = 1.0 / 800.0;
    /** Neuron (sense) conductance, 1/200 S. */
    public static final double G_NEURON = 1.0 / 200.0;
    /** Default seed of the random device levels and input voltages. */
    public static final long SEED = 4L;

    /** Crossbar size: the array has {@code n x n} devices. */
    public final int n;
    /** Number of unknowns, {@code 2*n*n}. */
    public final int size;
    /** CSC column pointers, length {@code size + 1}. */
    public final int[] colPtr;
    /** CSC row indices (sorted within each column), length {@code nnz()}. */
    public final int[] rowIdx;
    /** CSC values, length {@code nnz()}. */
    public final double[] values;
    /** Right-hand side (injected source currents), length {@code size}. */
    public final double[] rhs;
    /** Device levels {@code q}, row-major {@code n x n}. */
    public final int[] levels;

    private CrossbarMatrices(int n, int[] colPtr, int[] rowIdx, double[] values, double[] rhs, int[] levels) {
        this.n = n;
        this.size = 2 * n * n;
        this.colPtr = colPtr;
        this.rowIdx = rowIdx;
        this.values = values;
        this.rhs = rhs;
        this.levels = levels;
    }

    /** @return number of stored entries (both triangles). */
    public int nnz() {
        return colPtr[size];
    }

    /**
     * Builds the crossbar system with the default seed {@link #SEED}.
     *
     * @param n crossbar size (rows = columns = {@code n}), at least 1
     * @return the system
     */
    public static CrossbarMatrices crossbar(int n) {
        return crossbar(n, SEED);
    }

    /**
     * Builds the crossbar system.
     *
     * @param n crossbar size, at least 1
     * @param seed seed of {@code java.util.Random}
     * @return the system
     */
    public static CrossbarMatrices crossbar(int n, long seed) {
        if (n < 1 || (long) 2 * n * n > Integer.MAX_VALUE / 8) {
            throw new IllegalArgumentException("n out of range: " + n);
        }
        Random rnd = new Random(seed);
        int nn = n * n;
        int size = 2 * nn;
        int[] q = new int[nn];
        for (int k = 0; k < nn; k++) {
            q[k] = rnd.nextInt(16);
        }
        double[] rhs = new double[size];
        for (int i = 0; i < n; i++) {
            rhs[i * n] = rnd.nextDouble() * G_SOURCE;
        }

        int maxNnz = 4 * size;
        int[] colPtr = new int[size + 1];
        int[] rowIdx = new int[maxNnz];
        double[] values = new double[maxNnz];
        int p = 0;
        // Row nodes r(i,j), column k = i*n + j: rows k-1, k, k+1, nn+k (ascending).
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int k = i * n + j;
                double g = q[k] * G_MIN;
                double diag = g + (j == 0 ? G_SOURCE : 0.0);
                colPtr[k] = p;
                if (j > 0) {
                    rowIdx[p] = k - 1;
                    values[p++] = -G_WIRE;
                    diag += G_WIRE;
                }
                int diagPos = p++;
                rowIdx[diagPos] = k;
                if (j < n - 1) {
                    rowIdx[p] = k + 1;
                    values[p++] = -G_WIRE;
                    diag += G_WIRE;
                }
                if (q[k] != 0) {
                    rowIdx[p] = nn + k;
                    values[p++] = -g;
                }
                values[diagPos] = diag;
            }
        }
        // Column nodes c(i,j), column nn + k: rows k, nn+k-n, nn+k, nn+k+n (ascending).
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int k = i * n + j;
                int col = nn + k;
                double g = q[k] * G_MIN;
                double diag = g + (i == n - 1 ? G_NEURON : 0.0);
                colPtr[col] = p;
                if (q[k] != 0) {
                    rowIdx[p] = k;
                    values[p++] = -g;
                }
                if (i > 0) {
                    rowIdx[p] = col - n;
                    values[p++] = -G_WIRE;
                    diag += G_WIRE;
                }
                int diagPos = p++;
                rowIdx[diagPos] = col;
                if (i < n - 1) {
                    rowIdx[p] = col + n;
                    values[p++] = -G_WIRE;
                    diag += G_WIRE;
                }
                values[diagPos] = diag;
            }
        }
        colPtr[size] = p;
        return new CrossbarMatrices(n, colPtr, java.util.Arrays.copyOf(rowIdx, p),
                java.util.Arrays.copyOf(values, p), rhs, q);
    }

    /**
     * Computes {@code y = A x} with the full symmetric CSC matrix.
     *
     * @param x input vector, length {@link #size}
     * @return {@code A x}
     */
    public double[] multiply(double[] x) {
        double[] y = new double[size];
        for (int j = 0; j < size; j++) {
            double xj = x[j];
            for (int p = colPtr[j]; p < colPtr[j + 1]; p++) {
                y[rowIdx[p]] += values[p] * xj;
            }
        }
        return y;
    }

    /**
     * Relative residual {@code ||A x - b||_2 / ||b||_2}.
     *
     * @param x candidate solution
     * @return the relative residual
     */
    public double relativeResidual(double[] x) {
        double[] ax = multiply(x);
        double r = 0;
        double bb = 0;
        for (int k = 0; k < size; k++) {
            double d = ax[k] - rhs[k];
            r += d * d;
            bb += rhs[k] * rhs[k];
        }
        return Math.sqrt(r) / Math.sqrt(bb);
    }

    /**
     * Normwise backward error {@code ||A x - b||_2 / (||A||_1 ||x||_2 + ||b||_2)}.
     *
     * @param x candidate solution
     * @return the backward error
     */
    public double backwardError(double[] x) {
        double[] ax = multiply(x);
        double r = 0;
        double bb = 0;
        double xx = 0;
        for (int k = 0; k < size; k++) {
            double d = ax[k] - rhs[k];
            r += d * d;
            bb += rhs[k] * rhs[k];
            xx += x[k] * x[k];
        }
        double norm1 = 0;
        for (int j = 0; j < size; j++) {
            double col = 0;
            for (int p = colPtr[j]; p < colPtr[j + 1]; p++) {
                col += Math.abs(values[p]);
            }
            norm1 = Math.max(norm1, col);
        }
        return Math.sqrt(r) / (norm1 * Math.sqrt(xx) + Math.sqrt(bb));
    }

    /**
     * Relative difference {@code ||x - ref||_2 / ||ref||_2}.
     *
     * @param x vector to compare
     * @param ref reference vector
     * @return the relative difference
     */
    public static double relativeDifference(double[] x, double[] ref) {
        double d = 0;
        double r = 0;
        for (int k = 0; k < ref.length; k++) {
            double e = x[k] - ref[k];
            d += e * e;
            r += ref[k] * ref[k];
        }
        return Math.sqrt(d) / Math.sqrt(r);
    }
}
