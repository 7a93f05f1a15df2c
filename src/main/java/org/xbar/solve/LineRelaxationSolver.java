package org.xbar.solve;

import java.util.Arrays;
import org.xbar.circuit.CrossbarCircuit;
import org.xbar.error.InvalidParameterException;
import org.xbar.error.NoConvergenceException;

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
 * thousands. Each sweep's lines are independent, so they run on all threads; the split into chunks
 * and the order of every sum depend only on the problem, so results do not depend on the thread
 * count.
 *
 * <p>One iteration makes five passes over memory, each fusing what can be fused: (1) rows: new
 * search direction {@code p = z + beta p} and the row part of {@code q = A p}; (2) columns: the
 * column part of {@code q}; (3) rows: {@code x += alpha p}, {@code r -= alpha q} and the first row
 * sweep; (4) columns: the same update and the column sweep; (5) rows: the second row sweep.
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
        Pcg pcg = new Pcg(system, Team.of(threads), cells < PARALLEL_THRESHOLD);
        return new PreparedGrid(circuit, system, pcg, System.nanoTime() - start);
    }

    private final class PreparedGrid extends PreparedCrossbar {
        private final GridSystem system;
        private final Pcg pcg;

        PreparedGrid(CrossbarCircuit circuit, GridSystem system, Pcg pcg, long setupNanos) {
            super(circuit, name(), setupNanos);
            this.system = system;
            this.pcg = pcg;
        }

        @Override
        Convergence solveNodes(double[] drive, double[] rowVolts, double[] colVolts) {
            synchronized (pcg) {
                int iterations = pcg.solve(drive);
                system.expand(pcg.xr, pcg.xc, rowVolts, colVolts);
                return new Convergence(iterations, pcg.trueResidual(drive));
            }
        }
    }

    /**
     * The preconditioned CG iteration: work vectors, line factors and the five fused passes.
     * Row passes run over chunks of whole row lines, column passes over chunks of whole column
     * lines, a few chunks per thread and as wide as possible (narrow column blocks make strided,
     * page-hopping memory access). Every dot product is first summed per line into
     * {@code rowDots}/{@code colDots}, then over the lines in order: the chunk boundaries, which
     * depend on the thread count, never change a result.
     */
    private final class Pcg {
        private static final int MIN_COLUMN_CHUNK = 64;

        private final GridSystem s;
        private final Team team;
        private final boolean alone;
        private final int rows;
        private final int cols;
        private final boolean rowWired;
        private final boolean colWired;
        private final int[] rowBounds;
        private final int[] colBounds;
        private final double[] rowDots;
        private final double[] colDots;
        private final double[] rowDots2;
        private final double[] colDots2;
        /** Thomas factors: inverse pivots, and back-substitution multipliers of wired lines. */
        private final double[] rowInv;
        private final double[] rowBack;
        private final double[] colInv;
        private final double[] colBack;
        private final double[] xr;
        private final double[] xc;
        private final double[] rr;
        private final double[] rc;
        private final double[] zr;
        private final double[] zc;
        private final double[] pr;
        private final double[] pc;
        private final double[] qr;
        private final double[] qc;
        private double alpha;
        private double beta;

        Pcg(GridSystem s, Team team, boolean alone) {
            this.s = s;
            this.team = team;
            this.alone = alone;
            this.rows = s.rows;
            this.cols = s.cols;
            this.rowWired = s.rowWired;
            this.colWired = s.colWired;
            int threads = alone ? 1 : team.threads();
            rowBounds = Team.split(rows, 4 * threads);
            colBounds = Team.split(cols, Math.max(1, Math.min(2 * threads, cols / MIN_COLUMN_CHUNK)));
            rowDots = new double[rows];
            colDots = new double[cols];
            rowDots2 = new double[rows];
            colDots2 = new double[cols];
            rowInv = new double[s.rowNodes];
            colInv = new double[s.colNodes];
            rowBack = rowWired ? new double[s.rowNodes] : null;
            colBack = colWired ? new double[s.colNodes] : null;
            factorLines();
            xr = new double[s.rowNodes];
            xc = new double[s.colNodes];
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
            if (rowWired) {
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
            if (colWired) {
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

        private void rows(IntConsumer2 body) {
            team.run(rowBounds.length - 1, c -> body.accept(c, rowBounds[c], rowBounds[c + 1]), alone);
        }

        private void columns(IntConsumer2 body) {
            team.run(colBounds.length - 1, c -> body.accept(c, colBounds[c], colBounds[c + 1]), alone);
        }

        /**
         * Solves for one set of driver voltages from a zero start.
         *
         * @return iterations used
         */
        int solve(double[] drive) {
            s.rightHandSide(drive, rr, rc);
            Arrays.fill(xr, 0.0);
            Arrays.fill(xc, 0.0);
            Arrays.fill(pr, 0.0);
            Arrays.fill(pc, 0.0);
            Arrays.fill(qr, 0.0);
            Arrays.fill(qc, 0.0);
            alpha = 0;
            rows(this::updateAndSweepRows);
            columns(this::updateAndSweepColumns);
            double bNorm = Math.sqrt(sumOf(rowDots) + sumOf(colDots));
            if (bNorm == 0) {
                return 0;
            }
            rows(this::sweepRowsAgain);
            double rz = sumOf(rowDots2) + sumOf(colDots2);
            beta = 0;
            for (int it = 1; it <= maxIterations; it++) {
                if (!colWired) {
                    for (int j = 0; j < cols; j++) {
                        pc[j] = zc[j] + beta * pc[j];
                    }
                }
                rows(this::directionAndRowProduct);
                columns(this::columnProduct);
                alpha = rz / (sumOf(rowDots) + sumOf(colDots));
                rows(this::updateAndSweepRows);
                columns(this::updateAndSweepColumns);
                double rNorm = Math.sqrt(sumOf(rowDots) + sumOf(colDots));
                if (rNorm <= tolerance * bNorm) {
                    return it;
                }
                if (!Double.isFinite(rNorm)) {
                    break;
                }
                rows(this::sweepRowsAgain);
                double rzNew = sumOf(rowDots2) + sumOf(colDots2);
                beta = rzNew / rz;
                rz = rzNew;
            }
            throw new NoConvergenceException(name(), maxIterations, Math.sqrt(sumOf(rowDots) + sumOf(colDots)) / bNorm,
                    tolerance, "check the crossbar for extreme conductance ratios, or use the direct solver");
        }

        /** @return {@code ||b - A x|| / ||b||} for the current solution, recomputed from scratch */
        double trueResidual(double[] drive) {
            s.rightHandSide(drive, rr, rc);
            System.arraycopy(xr, 0, zr, 0, xr.length);
            System.arraycopy(xc, 0, zc, 0, xc.length);
            beta = 0;
            if (!colWired) {
                // the row pass reads p of unwired columns, which the iteration sets before it
                System.arraycopy(zc, 0, pc, 0, cols);
            }
            rows(this::directionAndRowProduct);
            columns(this::columnProduct);
            double b2 = 0;
            double r2 = 0;
            for (int k = 0; k < qr.length; k++) {
                b2 += rr[k] * rr[k];
                r2 += (rr[k] - qr[k]) * (rr[k] - qr[k]);
            }
            for (int k = 0; k < qc.length; k++) {
                b2 += rc[k] * rc[k];
                r2 += (rc[k] - qc[k]) * (rc[k] - qc[k]);
            }
            return b2 == 0 ? Math.sqrt(r2) : Math.sqrt(r2 / b2);
        }

        /** Pass 1, rows: p = z + beta p on the chunk's rows (both parts), then q_r = (A p)_r and p_r . q_r. */
        private void directionAndRowProduct(int chunk, int i0, int i1) {
            final double b = beta;
            final double[] g = s.coupling;
            final int n = cols;
            for (int i = i0; i < i1; i++) {
                final int base = i * n;
                if (colWired) {
                    for (int k = base; k < base + n; k++) {
                        pc[k] = zc[k] + b * pc[k];
                    }
                }
                final int cb = colWired ? base : 0;
                if (rowWired) {
                    final double[] d = s.rowDiag;
                    final double[] o = s.rowOff;
                    for (int k = base; k < base + n; k++) {
                        pr[k] = zr[k] + b * pr[k];
                    }
                    if (n == 1) {
                        qr[base] = d[base] * pr[base] - g[base] * pc[cb];
                    } else {
                        qr[base] = d[base] * pr[base] - g[base] * pc[cb] - o[base] * pr[base + 1];
                        for (int j = 1; j < n - 1; j++) {
                            int k = base + j;
                            qr[k] = d[k] * pr[k] - g[k] * pc[cb + j] - o[k - 1] * pr[k - 1] - o[k] * pr[k + 1];
                        }
                        int k = base + n - 1;
                        qr[k] = d[k] * pr[k] - g[k] * pc[cb + n - 1] - o[k - 1] * pr[k - 1];
                    }
                    rowDots[i] = dotRange(pr, qr, base, base + n);
                } else {
                    pr[i] = zr[i] + b * pr[i];
                    double v = s.rowDiag[i] * pr[i];
                    for (int j = 0; j < n; j++) {
                        v -= g[base + j] * pc[cb + j];
                    }
                    qr[i] = v;
                    rowDots[i] = pr[i] * v;
                }
            }
        }

        /** Pass 2, columns: q_c = (A p)_c and p_c . q_c. */
        private void columnProduct(int chunk, int j0, int j1) {
            final double[] g = s.coupling;
            final double[] d = s.colDiag;
            final int n = cols;
            final double[] acc = colDots;
            Arrays.fill(acc, j0, j1, 0.0);
            if (colWired) {
                final double[] o = s.colOff;
                for (int i = 0; i < rows; i++) {
                    final int base = i * n;
                    if (rowWired && i > 0 && i + 1 < rows) {
                        // Interior rows of a fully wired crossbar: no branch in the inner loop.
                        for (int j = j0; j < j1; j++) {
                            int k = base + j;
                            qc[k] = d[k] * pc[k] - g[k] * pr[k];
                        }
                        for (int j = j0; j < j1; j++) {
                            int k = base + j;
                            qc[k] -= o[k - n] * pc[k - n] + o[k] * pc[k + n];
                        }
                        for (int j = j0; j < j1; j++) {
                            int k = base + j;
                            acc[j] += pc[k] * qc[k];
                        }
                        continue;
                    }
                    final boolean up = i > 0;
                    final boolean down = i + 1 < rows;
                    for (int j = j0; j < j1; j++) {
                        int k = base + j;
                        double v = d[k] * pc[k] - g[k] * (rowWired ? pr[k] : pr[i]);
                        if (up) {
                            v -= o[k - n] * pc[k - n];
                        }
                        if (down) {
                            v -= o[k] * pc[k + n];
                        }
                        qc[k] = v;
                        acc[j] += pc[k] * v;
                    }
                }
            } else {
                for (int j = j0; j < j1; j++) {
                    qc[j] = d[j] * pc[j];
                }
                for (int i = 0; i < rows; i++) {
                    final int base = i * n;
                    for (int j = j0; j < j1; j++) {
                        qc[j] -= g[base + j] * (rowWired ? pr[base + j] : pr[i]);
                    }
                }
                for (int j = j0; j < j1; j++) {
                    acc[j] = pc[j] * qc[j];
                }
            }
        }

        /** Pass 3, rows: x_r += alpha p_r, r_r -= alpha q_r, ||r_r||^2, then z_r = A_r^-1 r_r. */
        private void updateAndSweepRows(int chunk, int i0, int i1) {
            final double a = alpha;
            if (!rowWired) {
                for (int i = i0; i < i1; i++) {
                    xr[i] += a * pr[i];
                    rr[i] -= a * qr[i];
                    zr[i] = rr[i] * rowInv[i];
                    rowDots[i] = rr[i] * rr[i];
                }
                return;
            }
            final int n = cols;
            for (int g0 = i0; g0 < i1; g0 += 4) {
                final int g1 = Math.min(i1, g0 + 4);
                for (int i = g0; i < g1; i++) {
                    final int base = i * n;
                    for (int k = base; k < base + n; k++) {
                        xr[k] += a * pr[k];
                    }
                    for (int k = base; k < base + n; k++) {
                        double v = rr[k] - a * qr[k];
                        rr[k] = v;
                        zr[k] = v;
                    }
                    rowDots[i] = dotRange(rr, rr, base, base + n);
                }
                thomasRows(g0, g1);
            }
        }

        /** Pass 5, rows: z_r = A_r^-1 (r_r + B z_c) and r_r . z_r. */
        private void sweepRowsAgain(int chunk, int i0, int i1) {
            final double[] g = s.coupling;
            final int n = cols;
            if (!rowWired) {
                for (int i = i0; i < i1; i++) {
                    final int base = i * n;
                    final int cb = colWired ? base : 0;
                    double rhs = rr[i];
                    for (int j = 0; j < n; j++) {
                        rhs += g[base + j] * zc[cb + j];
                    }
                    zr[i] = rhs * rowInv[i];
                    rowDots2[i] = rr[i] * zr[i];
                }
                return;
            }
            for (int g0 = i0; g0 < i1; g0 += 4) {
                final int g1 = Math.min(i1, g0 + 4);
                for (int i = g0; i < g1; i++) {
                    final int base = i * n;
                    final int cb = colWired ? base : 0;
                    for (int j = 0; j < n; j++) {
                        zr[base + j] = rr[base + j] + g[base + j] * zc[cb + j];
                    }
                }
                thomasRows(g0, g1);
                for (int i = g0; i < g1; i++) {
                    rowDots2[i] = dotRange(rr, zr, i * n, (i + 1) * n);
                }
            }
        }

        /**
         * Solves the row lines i0..i1-1 in place on zr by the Thomas algorithm. Its recurrences wait
         * on themselves element after element; four rows side by side give the processor four
         * independent chains to overlap.
         */
        private void thomasRows(int i0, int i1) {
            final double[] o = s.rowOff;
            final double[] inv = rowInv;
            final double[] back = rowBack;
            final int n = cols;
            int i = i0;
            for (; i + 3 < i1; i += 4) {
                final int b0 = i * n;
                final int b1 = b0 + n;
                final int b2 = b1 + n;
                final int b3 = b2 + n;
                double p0 = zr[b0] * inv[b0];
                double p1 = zr[b1] * inv[b1];
                double p2 = zr[b2] * inv[b2];
                double p3 = zr[b3] * inv[b3];
                zr[b0] = p0;
                zr[b1] = p1;
                zr[b2] = p2;
                zr[b3] = p3;
                for (int j = 1; j < n; j++) {
                    p0 = (zr[b0 + j] + o[b0 + j - 1] * p0) * inv[b0 + j];
                    p1 = (zr[b1 + j] + o[b1 + j - 1] * p1) * inv[b1 + j];
                    p2 = (zr[b2 + j] + o[b2 + j - 1] * p2) * inv[b2 + j];
                    p3 = (zr[b3 + j] + o[b3 + j - 1] * p3) * inv[b3 + j];
                    zr[b0 + j] = p0;
                    zr[b1 + j] = p1;
                    zr[b2 + j] = p2;
                    zr[b3 + j] = p3;
                }
                for (int j = n - 2; j >= 0; j--) {
                    p0 = zr[b0 + j] + back[b0 + j] * p0;
                    p1 = zr[b1 + j] + back[b1 + j] * p1;
                    p2 = zr[b2 + j] + back[b2 + j] * p2;
                    p3 = zr[b3 + j] + back[b3 + j] * p3;
                    zr[b0 + j] = p0;
                    zr[b1 + j] = p1;
                    zr[b2 + j] = p2;
                    zr[b3 + j] = p3;
                }
            }
            for (; i < i1; i++) {
                final int base = i * n;
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
            }
        }

        /**
         * Pass 4, columns: x_c += alpha p_c, r_c -= alpha q_c and ||r_c||^2 (per column into colDots), then
         * z_c = A_c^-1 (r_c + B' z_r) and r_c . z_c (into colDots2).
         */
        private void updateAndSweepColumns(int chunk, int j0, int j1) {
            final double a = alpha;
            final double[] g = s.coupling;
            final double[] inv = colInv;
            final int n = cols;
            final double[] acc = colDots;
            final double[] acc2 = colDots2;
            if (!colWired) {
                for (int j = j0; j < j1; j++) {
                    xc[j] += a * pc[j];
                    rc[j] -= a * qc[j];
                    zc[j] = rc[j];
                    acc[j] = rc[j] * rc[j];
                }
                for (int i = 0; i < rows; i++) {
                    final int base = i * n;
                    for (int j = j0; j < j1; j++) {
                        zc[j] += g[base + j] * (rowWired ? zr[base + j] : zr[i]);
                    }
                }
                for (int j = j0; j < j1; j++) {
                    zc[j] *= inv[j];
                    acc2[j] = rc[j] * zc[j];
                }
                return;
            }
            Arrays.fill(acc, j0, j1, 0.0);
            final double[] o = s.colOff;
            final double[] back = colBack;
            for (int i = 0; i < rows; i++) {
                final int base = i * n;
                if (rowWired && i > 0) {
                    // Every row but the first of a fully wired crossbar: no branch in the inner
                    // loops, and few arrays per loop (many streams at once thrash the caches).
                    for (int j = j0; j < j1; j++) {
                        int k = base + j;
                        xc[k] += a * pc[k];
                    }
                    for (int j = j0; j < j1; j++) {
                        int k = base + j;
                        double r = rc[k] - a * qc[k];
                        rc[k] = r;
                        acc[j] += r * r;
                    }
                    for (int j = j0; j < j1; j++) {
                        int k = base + j;
                        zc[k] = (rc[k] + g[k] * zr[k] + o[k - n] * zc[k - n]) * inv[k];
                    }
                    continue;
                }
                final boolean up = i > 0;
                final double zRow = rowWired ? 0.0 : zr[i];
                for (int j = j0; j < j1; j++) {
                    int k = base + j;
                    xc[k] += a * pc[k];
                    double r = rc[k] - a * qc[k];
                    rc[k] = r;
                    acc[j] += r * r;
                    double rhs = r + g[k] * (rowWired ? zr[k] : zRow);
                    if (up) {
                        rhs += o[k - n] * zc[k - n];
                    }
                    zc[k] = rhs * inv[k];
                }
            }
            final int last = (rows - 1) * n;
            for (int j = j0; j < j1; j++) {
                acc2[j] = rc[last + j] * zc[last + j];
            }
            for (int i = rows - 2; i >= 0; i--) {
                final int base = i * n;
                for (int j = j0; j < j1; j++) {
                    int k = base + j;
                    double z = zc[k] + back[k] * zc[k + n];
                    zc[k] = z;
                    acc2[j] += rc[k] * z;
                }
            }
        }
    }

    /** A chunk of lines: its index and its range. */
    @FunctionalInterface
    private interface IntConsumer2 {
        void accept(int chunk, int from, int to);
    }

    private static double sumOf(double[] values) {
        double total = 0;
        for (double v : values) {
            total += v;
        }
        return total;
    }

    /**
     * Dot product over [from, to) with four interleaved partial sums: one running sum would wait
     * on its own addition every element. The order is fixed, so the result is too.
     */
    private static double dotRange(double[] a, double[] b, int from, int to) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = from;
        for (; k + 3 < to; k += 4) {
            s0 += a[k] * b[k];
            s1 += a[k + 1] * b[k + 1];
            s2 += a[k + 2] * b[k + 2];
            s3 += a[k + 3] * b[k + 3];
        }
        for (; k < to; k++) {
            s0 += a[k] * b[k];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
