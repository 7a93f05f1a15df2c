package org.xbar.solve;

import java.util.Arrays;
import org.xbar.circuit.CrossbarCircuit;
import org.xbar.error.InvalidParameterException;
import org.xbar.error.NoConvergenceException;
import org.xbar.results.CrossbarSolution;
import org.xbar.results.SolverStatistics;

/**
 * The fast crossbar solver: conjugate gradients preconditioned by symmetric line relaxation, on
 * the structured system of {@link GridSystem}.
 *
 * <p>The nodal matrix of a crossbar splits into row lines and column lines:
 * {@code A = [A_r, -B; -B', A_c]}, where every row line (a row wire with its driver) is one
 * tridiagonal block of {@code A_r}, every column line one tridiagonal block of {@code A_c}, and
 * {@code B} holds the device conductances. Row lines do not touch each other, nor do column lines.
 * The preconditioner is one symmetric block Gauss-Seidel sweep over the two blocks, with each
 * block solved exactly, line by line, by the Thomas algorithm:
 * <pre>
 *   z_r = A_r^-1 r_r
 *   z_c = A_c^-1 (r_c + B' z_r)
 *   z_r = A_r^-1 (r_r + B z_c)
 * </pre>
 * This is {@code M = (D + L) D^-1 (D + U)} with {@code D = diag(A_r, A_c)}, symmetric positive
 * definite, so preconditioned CG applies (Saad, <i>Iterative Methods for Sparse Linear Systems</i>,
 * 2nd ed., sections 4.1 and 9.2). Because the lines carry the strong wire couplings exactly, the
 * iteration count stays small (tens) from 64x64 to 1024x1024, where Jacobi preconditioning needs
 * thousands. Each sweep's lines are independent, so they run on all threads; sums are taken over
 * a split that depends only on the problem, so results do not depend on the thread count.
 *
 * <p>Iteration stops when {@code ||b - A x||_2 <= tolerance * ||b||_2} (the recursively updated
 * residual); the statistics report the residual recomputed from the solution.
 */
public final class LineRelaxationSolver implements CrossbarSolver {
    /** Default relative residual tolerance. */
    public static final double DEFAULT_TOLERANCE = 1e-13;
    /** Default iteration cap. */
    public static final int DEFAULT_MAX_ITERATIONS = 2000;
    /** Cells below which a solve stays on one thread: scheduling would cost more than it saves. */
    static final int PARALLEL_THRESHOLD = 1 << 15;
    private static final int CHUNKS = 32;

    private final double tolerance;
    private final int maxIterations;
    private final int threads;

    /** Default tolerance and iteration cap, all available processors. */
    public LineRelaxationSolver() {
        this(DEFAULT_TOLERANCE, DEFAULT_MAX_ITERATIONS, Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param tolerance     relative residual at which to stop, in (0, 1)
     * @param maxIterations iteration cap, at least 1
     * @param threads       threads for the line sweeps, at least 1
     */
    public LineRelaxationSolver(double tolerance, int maxIterations, int threads) {
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new InvalidParameterException("tolerance", tolerance, "must be in (0, 1)");
        }
        if (maxIterations < 1) {
            throw new InvalidParameterException("maxIterations", maxIterations, "must be >= 1");
        }
        if (threads < 1) {
            throw new InvalidParameterException("threads", threads, "must be >= 1");
        }
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
        this.threads = threads;
    }

    @Override
    public String name() {
        return "line-relaxation-pcg";
    }

    @Override
    public Prepared prepare(CrossbarCircuit circuit) {
        long start = System.nanoTime();
        GridSystem system = new GridSystem(circuit);
        int cells = system.rows * system.cols;
        Chunks chunks = new Chunks(cells >= PARALLEL_THRESHOLD ? threads : 1);
        Pcg pcg = new Pcg(system, chunks);
        return new PreparedGrid(circuit, system, pcg, System.nanoTime() - start);
    }

    private final class PreparedGrid implements Prepared {
        private final CrossbarCircuit circuit;
        private final GridSystem system;
        private final Pcg pcg;
        private final long setupNanos;

        PreparedGrid(CrossbarCircuit circuit, GridSystem system, Pcg pcg, long setupNanos) {
            this.circuit = circuit;
            this.system = system;
            this.pcg = pcg;
            this.setupNanos = setupNanos;
        }

        @Override
        public CrossbarCircuit circuit() {
            return circuit;
        }

        @Override
        public long setupNanos() {
            return setupNanos;
        }

        @Override
        public CrossbarSolution solve(double[] inputVolts) {
            long start = System.nanoTime();
            int rows = system.rows;
            int cols = system.cols;
            double[] drive = new double[rows];
            circuit.driveVolts(inputVolts, drive);
            double[] xr = new double[system.rowNodes];
            double[] xc = new double[system.colNodes];
            int iterations = pcg.solve(drive, xr, xc);
            double residual = pcg.trueResidual(drive, xr, xc);
            double[] rowVolts = new double[rows * cols];
            double[] colVolts = new double[rows * cols];
            system.expand(xr, xc, rowVolts, colVolts);
            double[] columnAmps = CrossbarCurrents.columnCurrents(rows, cols, system.conductance, rowVolts, colVolts);
            double[] outputAmps = new double[circuit.outputs()];
            circuit.combineOutputs(columnAmps, outputAmps);
            SolverStatistics stats = new SolverStatistics(name(), iterations, residual, System.nanoTime() - start);
            return new CrossbarSolution(rows, cols, rowVolts, colVolts, columnAmps, outputAmps, stats);
        }
    }

    /** The preconditioned CG iteration with its work vectors and line factors. */
    private final class Pcg {
        private final GridSystem s;
        private final Chunks chunks;
        private final int rows;
        private final int cols;
        private final int[] rowBounds;
        private final int[] colBounds;
        private final int[] rowPartBounds;
        private final int[] colPartBounds;
        private final double[] partsA;
        private final double[] partsB;
        /** Thomas factors: inverse pivots, and back-substitution multipliers of wired lines. */
        private final double[] rowInv;
        private final double[] rowBack;
        private final double[] colInv;
        private final double[] colBack;
        private final double[] br;
        private final double[] bc;
        private final double[] rr;
        private final double[] rc;
        private final double[] zr;
        private final double[] zc;
        private final double[] pr;
        private final double[] pc;
        private final double[] qr;
        private final double[] qc;

        Pcg(GridSystem s, Chunks chunks) {
            this.s = s;
            this.chunks = chunks;
            this.rows = s.rows;
            this.cols = s.cols;
            rowBounds = Chunks.split(rows, chunks.threads());
            colBounds = Chunks.split(cols, chunks.threads());
            rowPartBounds = Chunks.split(s.rowNodes, CHUNKS);
            colPartBounds = Chunks.split(s.colNodes, CHUNKS);
            partsA = new double[2 * CHUNKS + 2];
            partsB = new double[2 * CHUNKS + 2];
            rowInv = new double[s.rowNodes];
            colInv = new double[s.colNodes];
            rowBack = s.rowWired ? new double[s.rowNodes] : null;
            colBack = s.colWired ? new double[s.colNodes] : null;
            factorLines();
            br = new double[s.rowNodes];
            bc = new double[s.colNodes];
            rr = new double[s.rowNodes];
            rc = new double[s.colNodes];
            zr = new double[s.rowNodes];
            zc = new double[s.colNodes];
            pr = new double[s.rowNodes];
            pc = new double[s.colNodes];
            qr = new double[s.rowNodes];
            qc = new double[s.colNodes];
        }

        private void factorLines() {
            if (s.rowWired) {
                for (int i = 0; i < rows; i++) {
                    int base = i * cols;
                    rowInv[base] = 1.0 / s.rowDiag[base];
                    for (int j = 1; j < cols; j++) {
                        double o = s.rowOff[base + j - 1];
                        rowInv[base + j] = 1.0 / (s.rowDiag[base + j] - o * o * rowInv[base + j - 1]);
                    }
                    for (int j = 0; j < cols; j++) {
                        rowBack[base + j] = s.rowOff[base + j] * rowInv[base + j];
                    }
                }
            } else {
                for (int i = 0; i < rows; i++) {
                    rowInv[i] = 1.0 / s.rowDiag[i];
                }
            }
            if (s.colWired) {
                for (int j = 0; j < cols; j++) {
                    colInv[j] = 1.0 / s.colDiag[j];
                }
                for (int i = 1; i < rows; i++) {
                    for (int j = 0; j < cols; j++) {
                        int k = i * cols + j;
                        double o = s.colOff[k - cols];
                        colInv[k] = 1.0 / (s.colDiag[k] - o * o * colInv[k - cols]);
                    }
                }
                for (int k = 0; k < s.colNodes; k++) {
                    colBack[k] = s.colOff[k] * colInv[k];
                }
            } else {
                for (int j = 0; j < cols; j++) {
                    colInv[j] = 1.0 / s.colDiag[j];
                }
            }
        }

        /**
         * Solves for one set of driver voltages, starting from the given x (zero for a cold start).
         *
         * @return iterations used
         */
        int solve(double[] drive, double[] xr, double[] xc) {
            s.rightHandSide(drive, br, bc);
            double bNorm = Math.sqrt(dot(br, br, bc, bc));
            if (bNorm == 0) {
                Arrays.fill(xr, 0.0);
                Arrays.fill(xc, 0.0);
                return 0;
            }
            multiply(xr, xc, qr, qc);
            for (int k = 0; k < rr.length; k++) {
                rr[k] = br[k] - qr[k];
            }
            for (int k = 0; k < rc.length; k++) {
                rc[k] = bc[k] - qc[k];
            }
            double rNorm = Math.sqrt(dot(rr, rr, rc, rc));
            if (rNorm <= tolerance * bNorm) {
                return 0;
            }
            double rz = precondition();
            System.arraycopy(zr, 0, pr, 0, zr.length);
            System.arraycopy(zc, 0, pc, 0, zc.length);
            for (int it = 1; it <= maxIterations; it++) {
                multiply(pr, pc, qr, qc);
                double pq = dot(pr, qr, pc, qc);
                double alpha = rz / pq;
                double rr2 = chunks.sum(2 * CHUNKS, c -> update(c, alpha, xr, xc), partsA);
                if (Math.sqrt(rr2) <= tolerance * bNorm) {
                    return it;
                }
                double rzNew = precondition();
                double beta = rzNew / rz;
                rz = rzNew;
                chunks.run(2 * CHUNKS, c -> direction(c, beta));
            }
            throw new NoConvergenceException(name(), maxIterations, Math.sqrt(dot(rr, rr, rc, rc)) / bNorm, tolerance,
                    "check the crossbar for extreme conductance ratios, or use the direct solver");
        }

        double trueResidual(double[] drive, double[] xr, double[] xc) {
            s.rightHandSide(drive, br, bc);
            multiply(xr, xc, qr, qc);
            for (int k = 0; k < qr.length; k++) {
                qr[k] = br[k] - qr[k];
            }
            for (int k = 0; k < qc.length; k++) {
                qc[k] = bc[k] - qc[k];
            }
            double b2 = dot(br, br, bc, bc);
            double r2 = dot(qr, qr, qc, qc);
            return b2 == 0 ? Math.sqrt(r2) : Math.sqrt(r2 / b2);
        }

        /** x += alpha p, r -= alpha q over one contiguous chunk; returns its share of ||r||^2. */
        private double update(int c, double alpha, double[] xr, double[] xc) {
            double[] x;
            double[] r;
            double[] p;
            double[] q;
            int from;
            int to;
            if (c < CHUNKS) {
                x = xr;
                r = rr;
                p = pr;
                q = qr;
                from = c < rowPartBounds.length - 1 ? rowPartBounds[c] : 0;
                to = c < rowPartBounds.length - 1 ? rowPartBounds[c + 1] : 0;
            } else {
                int cc = c - CHUNKS;
                x = xc;
                r = rc;
                p = pc;
                q = qc;
                from = cc < colPartBounds.length - 1 ? colPartBounds[cc] : 0;
                to = cc < colPartBounds.length - 1 ? colPartBounds[cc + 1] : 0;
            }
            double sum = 0;
            for (int k = from; k < to; k++) {
                x[k] += alpha * p[k];
                double v = r[k] - alpha * q[k];
                r[k] = v;
                sum += v * v;
            }
            return sum;
        }

        /** p = z + beta p over one contiguous chunk. */
        private void direction(int c, double beta) {
            double[] z;
            double[] p;
            int from;
            int to;
            if (c < CHUNKS) {
                z = zr;
                p = pr;
                from = c < rowPartBounds.length - 1 ? rowPartBounds[c] : 0;
                to = c < rowPartBounds.length - 1 ? rowPartBounds[c + 1] : 0;
            } else {
                int cc = c - CHUNKS;
                z = zc;
                p = pc;
                from = cc < colPartBounds.length - 1 ? colPartBounds[cc] : 0;
                to = cc < colPartBounds.length - 1 ? colPartBounds[cc + 1] : 0;
            }
            for (int k = from; k < to; k++) {
                p[k] = z[k] + beta * p[k];
            }
        }

        private double dot(double[] ar, double[] br2, double[] ac, double[] bc2) {
            return chunks.sum(2 * CHUNKS, c -> {
                double[] a;
                double[] b;
                int from;
                int to;
                if (c < CHUNKS) {
                    a = ar;
                    b = br2;
                    from = c < rowPartBounds.length - 1 ? rowPartBounds[c] : 0;
                    to = c < rowPartBounds.length - 1 ? rowPartBounds[c + 1] : 0;
                } else {
                    int cc = c - CHUNKS;
                    a = ac;
                    b = bc2;
                    from = cc < colPartBounds.length - 1 ? colPartBounds[cc] : 0;
                    to = cc < colPartBounds.length - 1 ? colPartBounds[cc + 1] : 0;
                }
                double sum = 0;
                for (int k = from; k < to; k++) {
                    sum += a[k] * b[k];
                }
                return sum;
            }, partsB);
        }

        /** y = A x: row part by row lines, column part by column lines. */
        private void multiply(double[] xr, double[] xc, double[] yr, double[] yc) {
            chunks.run(rowBounds.length - 1, c -> multiplyRows(rowBounds[c], rowBounds[c + 1], xr, xc, yr));
            chunks.run(colBounds.length - 1, c -> multiplyColumns(colBounds[c], colBounds[c + 1], xr, xc, yc));
        }

        private void multiplyRows(int i0, int i1, double[] xr, double[] xc, double[] yr) {
            final double[] g = s.coupling;
            final double[] d = s.rowDiag;
            final double[] o = s.rowOff;
            final boolean colWired = s.colWired;
            final int n = cols;
            for (int i = i0; i < i1; i++) {
                final int base = i * n;
                if (s.rowWired) {
                    final int cb = colWired ? base : 0;
                    if (n == 1) {
                        yr[base] = d[base] * xr[base] - g[base] * xc[cb];
                        continue;
                    }
                    yr[base] = d[base] * xr[base] - g[base] * xc[cb] - o[base] * xr[base + 1];
                    for (int j = 1; j < n - 1; j++) {
                        int k = base + j;
                        yr[k] = d[k] * xr[k] - g[k] * xc[cb + j] - o[k - 1] * xr[k - 1] - o[k] * xr[k + 1];
                    }
                    int k = base + n - 1;
                    yr[k] = d[k] * xr[k] - g[k] * xc[cb + n - 1] - o[k - 1] * xr[k - 1];
                } else {
                    final int cb = colWired ? base : 0;
                    double v = d[i] * xr[i];
                    for (int j = 0; j < n; j++) {
                        v -= g[base + j] * xc[cb + j];
                    }
                    yr[i] = v;
                }
            }
        }

        private void multiplyColumns(int j0, int j1, double[] xr, double[] xc, double[] yc) {
            final double[] g = s.coupling;
            final double[] d = s.colDiag;
            final double[] o = s.colOff;
            final boolean rowWired = s.rowWired;
            final int n = cols;
            if (s.colWired) {
                for (int i = 0; i < rows; i++) {
                    final int base = i * n;
                    final boolean up = i > 0;
                    final boolean down = i + 1 < rows;
                    for (int j = j0; j < j1; j++) {
                        int k = base + j;
                        yc[k] = d[k] * xc[k] - g[k] * (rowWired ? xr[k] : xr[i]);
                    }
                    if (up) {
                        for (int j = j0; j < j1; j++) {
                            int k = base + j;
                            yc[k] -= o[k - n] * xc[k - n];
                        }
                    }
                    if (down) {
                        for (int j = j0; j < j1; j++) {
                            int k = base + j;
                            yc[k] -= o[k] * xc[k + n];
                        }
                    }
                }
            } else {
                for (int j = j0; j < j1; j++) {
                    yc[j] = d[j] * xc[j];
                }
                for (int i = 0; i < rows; i++) {
                    final int base = i * n;
                    if (rowWired) {
                        for (int j = j0; j < j1; j++) {
                            yc[j] -= g[base + j] * xr[base + j];
                        }
                    } else {
                        final double x = xr[i];
                        for (int j = j0; j < j1; j++) {
                            yc[j] -= g[base + j] * x;
                        }
                    }
                }
            }
        }

        /** z = M^-1 r (three line sweeps); returns r . z. */
        private double precondition() {
            chunks.run(rowBounds.length - 1, c -> solveRows(rowBounds[c], rowBounds[c + 1], false));
            chunks.run(colBounds.length - 1, c -> solveColumns(colBounds[c], colBounds[c + 1]));
            chunks.run(rowBounds.length - 1, c -> solveRows(rowBounds[c], rowBounds[c + 1], true));
            return dot(rr, zr, rc, zc);
        }

        /** zr = A_r^-1 (rr + B zc) on rows i0..i1-1; without the coupling term when withColumns is false. */
        private void solveRows(int i0, int i1, boolean withColumns) {
            final double[] g = s.coupling;
            final double[] o = s.rowOff;
            final double[] inv = rowInv;
            final double[] back = rowBack;
            final boolean colWired = s.colWired;
            final int n = cols;
            for (int i = i0; i < i1; i++) {
                final int base = i * n;
                final int cb = colWired ? base : 0;
                if (s.rowWired) {
                    if (withColumns) {
                        for (int j = 0; j < n; j++) {
                            zr[base + j] = rr[base + j] + g[base + j] * zc[cb + j];
                        }
                    } else {
                        System.arraycopy(rr, base, zr, base, n);
                    }
                    double prev = zr[base] * inv[base];
                    zr[base] = prev;
                    for (int k = base + 1; k < base + n; k++) {
                        prev = (zr[k] + o[k - 1] * prev) * inv[k];
                        zr[k] = prev;
                    }
                    for (int k = base + n - 2; k >= base; k--) {
                        prev = zr[k] + back[k] * prev;
                        zr[k] = prev;
                    }
                } else {
                    double rhs = rr[i];
                    if (withColumns) {
                        for (int j = 0; j < n; j++) {
                            rhs += g[base + j] * zc[cb + j];
                        }
                    }
                    zr[i] = rhs * inv[i];
                }
            }
        }

        /** zc = A_c^-1 (rc + B' zr) on columns j0..j1-1. */
        private void solveColumns(int j0, int j1) {
            final double[] g = s.coupling;
            final double[] o = s.colOff;
            final double[] inv = colInv;
            final double[] back = colBack;
            final boolean rowWired = s.rowWired;
            final int n = cols;
            if (s.colWired) {
                for (int j = j0; j < j1; j++) {
                    zc[j] = (rc[j] + g[j] * (rowWired ? zr[j] : zr[0])) * inv[j];
                }
                for (int i = 1; i < rows; i++) {
                    final int base = i * n;
                    if (rowWired) {
                        for (int j = j0; j < j1; j++) {
                            int k = base + j;
                            zc[k] = (rc[k] + g[k] * zr[k] + o[k - n] * zc[k - n]) * inv[k];
                        }
                    } else {
                        final double z = zr[i];
                        for (int j = j0; j < j1; j++) {
                            int k = base + j;
                            zc[k] = (rc[k] + g[k] * z + o[k - n] * zc[k - n]) * inv[k];
                        }
                    }
                }
                for (int i = rows - 2; i >= 0; i--) {
                    final int base = i * n;
                    for (int j = j0; j < j1; j++) {
                        int k = base + j;
                        zc[k] += back[k] * zc[k + n];
                    }
                }
            } else {
                for (int j = j0; j < j1; j++) {
                    zc[j] = rc[j];
                }
                for (int i = 0; i < rows; i++) {
                    final int base = i * n;
                    if (rowWired) {
                        for (int j = j0; j < j1; j++) {
                            zc[j] += g[base + j] * zr[base + j];
                        }
                    } else {
                        final double z = zr[i];
                        for (int j = j0; j < j1; j++) {
                            zc[j] += g[base + j] * z;
                        }
                    }
                }
                for (int j = j0; j < j1; j++) {
                    zc[j] *= inv[j];
                }
            }
        }
    }
}
