package org.xbar.solve;

/**
 * The coarse space of the line-relaxation solver's two-level preconditioner: every row of column
 * nodes cut into segments of about equal width, one coarse unknown per segment (the voltage of
 * all its column nodes together), and the coarse matrix {@code E = Z' S Z} of the reduced system
 * on them, factored.
 *
 * <p>The column-line preconditioner solves every column exactly, so what it leaves slow are the
 * errors that vary little along a row: row wires carry current from column to column, and over a
 * long line the preconditioner sees almost none of it. Prototyped on the bench's crossbars (random
 * 4-bit TiO2, 2.5 ohm wires; PCG on the reduced system to 1e-11): the column lines alone took 8,
 * 11, 17 iterations at 256, 512 and 1024 square; with one segment per whole row, 6, 9, 14; with
 * eight segments per row, 4, 5, 6; segments of several rows, worse than one row. So a segment is
 * one row's nodes over a range of columns, and {@code E} is block tridiagonal: a dense block per
 * row (its segments coupled through the row line's inverse) and a diagonal block between
 * neighbouring rows (the column wires).
 *
 * <p>{@code E} is factored by block elimination down the rows, keeping every block's inverse:
 * rows times segments cubed to factor, rows times segments squared per solve.
 */
final class RowSegments {
    /** Segments per row for a row of this many columns: eight, or one per column on short rows. */
    static int segmentsFor(int cols) {
        return Math.max(1, Math.min(SEGMENTS_PER_ROW, cols));
    }

    /** Segments per row: measured, eight keep the iterations flat from 128 to 2048 columns. */
    static final int SEGMENTS_PER_ROW = 8;

    final int rows;
    final int cols;
    /** Segments per row. */
    final int segments;
    /** First column of every segment, and cols at the end. */
    final int[] starts;
    /** Per row, its dense block, row-major: assembled, then replaced by the inverse of its pivot block. */
    private final double[] blocks;
    /** Per pair of neighbouring rows i, i+1 and segment: the (diagonal) coupling, negative. */
    private final double[] couplings;

    RowSegments(int rows, int cols) {
        this.rows = rows;
        this.cols = cols;
        this.segments = segmentsFor(cols);
        this.starts = new int[segments + 1];
        for (int a = 0; a <= segments; a++) {
            starts[a] = (int) ((long) a * cols / segments);
        }
        this.blocks = new double[rows * segments * segments];
        this.couplings = new double[Math.max(0, rows - 1) * segments];
    }

    /** Adds v to entry (a, b) of row i's block. */
    void addBlock(int i, int a, int b, double v) {
        blocks[(i * segments + a) * segments + b] += v;
    }

    /** Adds v to the coupling of segment a between rows i and i+1. */
    void addCoupling(int i, int a, double v) {
        couplings[i * segments + a] += v;
    }

    /**
     * Block elimination down the rows: pivot block {@code P_i = D_i - C_{i-1} P_{i-1}^-1 C_{i-1}},
     * each kept as its inverse.
     *
     * @return false when a pivot block is not positive definite (the coarse level must not be used)
     */
    boolean factor() {
        int s = segments;
        double[] work = new double[s * s];
        double[] column = new double[s];
        for (int i = 0; i < rows; i++) {
            int at = i * s * s;
            if (i > 0) {
                int prev = at - s * s;
                int c = (i - 1) * s;
                for (int a = 0; a < s; a++) {
                    for (int b = 0; b < s; b++) {
                        blocks[at + a * s + b] -= couplings[c + a] * blocks[prev + a * s + b] * couplings[c + b];
                    }
                }
            }
            if (!invert(blocks, at, s, work, column)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Solves {@code E y = rhs} in place: forward elimination, then back substitution.
     *
     * @param rhs one value per segment, row by row
     */
    void solve(double[] rhs) {
        int s = segments;
        double[] t = new double[s];
        // forward: w_i = b_i - C_{i-1} P_{i-1}^-1 w_{i-1}
        for (int i = 1; i < rows; i++) {
            multiply(i - 1, rhs, (i - 1) * s, t);
            int c = (i - 1) * s;
            for (int a = 0; a < s; a++) {
                rhs[i * s + a] -= couplings[c + a] * t[a];
            }
        }
        // back: y_last = P^-1 w_last; y_i = P_i^-1 (w_i - C_i y_{i+1})
        multiply(rows - 1, rhs, (rows - 1) * s, t);
        System.arraycopy(t, 0, rhs, (rows - 1) * s, s);
        for (int i = rows - 2; i >= 0; i--) {
            int c = i * s;
            for (int a = 0; a < s; a++) {
                rhs[i * s + a] -= couplings[c + a] * rhs[(i + 1) * s + a];
            }
            multiply(i, rhs, i * s, t);
            System.arraycopy(t, 0, rhs, i * s, s);
        }
    }

    /** t = P_i^-1 v[at..at+s). */
    private void multiply(int i, double[] v, int at, double[] t) {
        int s = segments;
        int base = i * s * s;
        for (int a = 0; a < s; a++) {
            double sum = 0;
            for (int b = 0; b < s; b++) {
                sum += blocks[base + a * s + b] * v[at + b];
            }
            t[a] = sum;
        }
    }

    /**
     * Inverts the symmetric positive definite s x s block at m[at..] in place, by Cholesky
     * (Gauss-Jordan on a positive definite matrix needs no pivoting).
     */
    private static boolean invert(double[] m, int at, int s, double[] work, double[] x) {
        // Cholesky: m = L L', L into work (lower)
        java.util.Arrays.fill(work, 0.0);
        for (int j = 0; j < s; j++) {
            double d = m[at + j * s + j];
            for (int k = 0; k < j; k++) {
                d -= work[j * s + k] * work[j * s + k];
            }
            if (!(d > 0) || !Double.isFinite(d)) {
                return false;
            }
            double l = Math.sqrt(d);
            work[j * s + j] = l;
            for (int i = j + 1; i < s; i++) {
                double v = m[at + i * s + j];
                for (int k = 0; k < j; k++) {
                    v -= work[i * s + k] * work[j * s + k];
                }
                work[i * s + j] = v / l;
            }
        }
        // inverse column by column: solve L L' x = e_c
        for (int c = 0; c < s; c++) {
            for (int i = 0; i < s; i++) {
                double v = i == c ? 1.0 : 0.0;
                for (int k = 0; k < i; k++) {
                    v -= work[i * s + k] * x[k];
                }
                x[i] = v / work[i * s + i];
            }
            for (int i = s - 1; i >= 0; i--) {
                double v = x[i];
                for (int k = i + 1; k < s; k++) {
                    v -= work[k * s + i] * x[k];
                }
                x[i] = v / work[i * s + i];
            }
            for (int i = 0; i < s; i++) {
                m[at + i * s + c] = x[i];
            }
        }
        return true;
    }
}
