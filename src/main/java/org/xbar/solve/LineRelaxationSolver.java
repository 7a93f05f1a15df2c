package org.xbar.solve;

import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.xbar.circuit.CrossbarCircuit;
import org.xbar.error.InvalidParameterException;
import org.xbar.error.NoConvergenceException;
import org.xbar.error.XbarException;
import org.xbar.results.SolverStatistics;
import org.xbar.solve.parallel.Team;
import org.xbar.solve.newton.NewtonOptions;
import org.xbar.solve.sparse.MemoryBudget;

/**
 * The fast crossbar solver: conjugate gradients on the column nodes' Schur complement,
 * preconditioned by the column lines, with the row lines solved exactly inside every product.
 *
 * <p>The nodal matrix of a crossbar splits into row lines and column lines
 * (see {@link GridSystem}): {@code A = [A_r, -B; -B', A_c]}, where every row line (a row wire with
 * its driver) is one tridiagonal block of {@code A_r}, every column line one tridiagonal block of
 * {@code A_c}, and {@code B} holds the device conductances. Row lines do not touch each other, so
 * {@code A_r^-1} costs one Thomas solve per line, and the row nodes can be eliminated exactly:
 * <pre>
 *   S x_c = b_c + B' A_r^-1 b_r,     S = A_c - B' A_r^-1 B,
 *   x_r = A_r^-1 (b_r + B x_c).
 * </pre>
 * {@code S} is the Schur complement of a symmetric positive definite matrix, so it is one too, and
 * conjugate gradients apply to it without ever forming it: a product {@code S p} is a pass over the
 * row lines (scale by the devices, one Thomas solve per row, scale again) fused with the column
 * lines' own product. The preconditioner is {@code A_c}, solved exactly line by line (Saad,
 * <i>Iterative Methods for Sparse Linear Systems</i>, 2nd ed., sections 9.2 and 14.2, reduced
 * systems). It takes as many iterations as the symmetric block Gauss-Seidel preconditioner on the
 * whole system (measured: 5 at 64x64 to 18 at 1024x1024 with 2.5 ohm wires) at a third of the
 * memory traffic per iteration, because only the column unknowns are iterated and the row unknowns
 * never leave a row's buffer.
 *
 * <p><b>Two levels.</b> The column lines leave slow the errors that vary little along a row, and
 * more of them the longer the lines: alone they take 8 iterations at 256x256 and 50 at 4096x4096
 * with 2.5 ohm wires. From {@link #TWO_LEVEL_CELLS} cells (2048x2048; the adjoint solves of a
 * transfer matrix, held to a tighter tolerance, from {@link #ADJOINT_TWO_LEVEL_CELLS}), on crossbars
 * with wired rows and columns and no fixed line end, a coarse level over row segments
 * ({@link RowSegments}: eight per row) is
 * added as the deflation preconditioner A-DEF2 (Tang, Nabben, Vuik and Erlangga, <i>J. Sci.
 * Comput.</i> 39, 2009): {@code z = y + Z E^-1 Z' (r - S y)} with {@code y = A_c^-1 r}, from the
 * deflated start {@code x += Z E^-1 Z' r}. It costs one more product with {@code S} per iteration
 * and a block-tridiagonal coarse solve, and takes 9 iterations at 2048x2048 and 14 at 4096x4096
 * (4 at 256x256 and 6 at 1024x1024 where it is asked for). Every answer is checked exactly as before, so the coarse level can change how fast
 * a solve converges but never what it accepts.
 *
 * <p>One iteration is two passes over memory: (A) over row lines, the new search direction
 * {@code p = z + beta p} and {@code q = S p} with {@code p . q}; (B) over column lines,
 * {@code x += alpha p}, {@code r -= alpha q}, {@code |r|^2} and the preconditioner's forward and
 * backward sweep with {@code r . z}, over blocks of columns walked row by row. Each pass's lines
 * are independent and run on all threads. Every dot product is summed per line first and then over
 * the lines in order, so results do not depend on the thread count.
 *
 * <p>The same iteration solves the adjoint systems that build the transfer matrix one output at a
 * time ({@link PreparedCrossbar}): their right-hand side is a current injected at a sense node
 * (or the couplings of a sense node held at 1 V) instead of the drivers' Norton currents
 * ({@link GridSystem#injectedRightHandSide}); the matrix, and so everything prepared, is the same,
 * and the answer is checked, restarted or handed to the direct solver in the same way.
 *
 * <p>Nothing but the device conductances is stored per cell by the system; the solver adds the
 * two lines' pivots, six vectors over the column nodes and the right-hand side (10 doubles per cell).
 *
 * <p><b>The answer is checked before it is returned.</b> Conjugate gradients stop when their
 * running estimate of the reduced residual {@code ||r||} falls to {@code tolerance} times the scale
 * of the column equations, {@code || |b_c| + B' |A_r^-1 b_r| ||} (the currents that meet at the
 * column nodes; unlike {@code ||b||}, it does not let huge drive currents {@code V/R_S} or
 * opposite drives that cancel dilute the test). In floating point that estimate is updated
 * recursively and drifts from the true residual: it keeps falling after the true residual has
 * stalled at rounding level (Greenbaum, <i>Iterative Methods for Solving Linear Systems</i>, SIAM
 * 1997, section 7.3), and after a breakdown it is NaN. So the true residual {@code b - A x} is then
 * recomputed from the matrix entries, row equations and column equations apart ({@link Check}):
 * each block must be within {@code tolerance} times its scale ({@code ||b_r||} for the rows), or
 * within its rounding floor {@link #ROUNDING_FLOOR_FACTOR}{@code  2^-53 || |b| + |A| |x| ||}, the
 * residual that evaluating {@code b - A x} leaves even for the exact solution rounded to doubles.
 * (Over 180 accepted crossbars, 8x8 to 128x128, every mapping and sensing, wires from 0 ohm to the
 * range limit, one device or the source resistance at the limit, converged answers sat at 0.4 to
 * 2 units of {@code 2^-53 || |b| + |A| |x| ||} and the direct solver's at up to 4: the factor 16
 * leaves a margin of 4.) When the check fails with a finite
 * iterate, conjugate gradients restart from it with the true residual, up to {@link #MAX_RESTARTS}
 * times; when the iterate is not finite, the iteration cap is reached or the restarts are spent,
 * the direct solver ({@link DirectCrossbarSolver}) answers and is checked the same way, and if it
 * fails too a {@link NoConvergenceException} gives the iterations, the residual reached, the
 * tolerance and the node whose equation is furthest from holding. The statistics report the
 * checked residual (the larger of the two blocks' relative residuals) and which path answered
 * ({@link SolverStatistics.Path}). The true residual was computed for the statistics before; checking
 * it adds one magnitude per term to that pass, and nothing else when it passes.
 *
 * <p><b>The default tolerance</b>, {@value #DEFAULT_TOLERANCE}, is what the true residual reaches on
 * the benchmark crossbars (random 4-bit TiO2, R_S 800 ohm, R_N 200 ohm, 2.5 ohm wires) up to about
 * 256x256, and on every crossbar without wires. Above, the rounding floor decides: measured 1.5e-12
 * at 64x64, 1e-11 at 256x256, 5e-11 at 1000x1000, 1.3e-10 at 2048x2048 and 1.8e-10 at 4096x4096,
 * higher with lower wire resistance (1.4e-10 at 256x256 with 0.1 ohm); the answer is then accepted
 * at the floor and the reported residual shows it. The former default, 1e-13 of {@code ||b||}, was
 * met by the running estimate only: the 1000x1000 crossbar's true residual stayed at 2e-12 of
 * {@code ||b||} whatever the tolerance, from 1e-9 down to 1e-16, and was reported but never checked.
 * A looser default, 1e-10 (reached up to 1024x1024), would save one or two iterations but cost
 * accuracy that the tests hold the solver to: a floating column's device currents then sum to
 * 3e-15 A instead of 1e-20 A, and the transfer matrix drifts 3e-10 from single solves.
 */
public final class LineRelaxationSolver implements CrossbarSolver {
    /** Default relative residual tolerance (see the class Javadoc for why this value). */
    public static final double DEFAULT_TOLERANCE = 1e-11;
    /** Default iteration cap. */
    public static final int DEFAULT_MAX_ITERATIONS = 2000;
    /**
     * The adjoint solves' tolerance, relative to the solver's. An adjoint right-hand side is a
     * current injected at a sense node, and its answer is read at the drivers: what reaches them is
     * a small part of the injection (most of it returns through the sense's own neuron resistance),
     * so the residual, judged against the injection, must fall further than a forward solve's for the
     * transfer matrix to be as accurate. Measured on 160x100 crossbars with 2.5 ohm wires, every
     * mapping: at the solver's tolerance the adjoint matrix was 5e-11 to 1.6e-10 of its largest entry
     * off the direct solver's, the per-input one 3e-12 to 9e-12; at a hundredth of it both were within
     * 1.3e-11, for one or two more iterations (11 to 13 at 784x500).
     */
    static final double ADJOINT_TOLERANCE_FACTOR = 1e-2;
    /** Restarts from the solver's own iterate before it falls back to the direct solver. */
    public static final int MAX_RESTARTS = 3;
    /**
     * The rounding floor, in units of {@code 2^-53 || |b| + |A| |x| ||} per block: a residual
     * below it is what evaluating {@code b - A x} in double precision leaves even for the exact
     * solution rounded to doubles, so no iteration can lower it.
     */
    static final double ROUNDING_FLOOR_FACTOR = 16;
    /** Cells below which a solve stays on one thread: scheduling would cost more than it saves. */
    static final int PARALLEL_THRESHOLD = 1 << 15;
    private static final double UNIT_ROUNDOFF = 0x1p-53;

    /**
     * What conjugate gradients take as their running residual norm: the recursively updated
     * {@code ||r||}, as the algorithm has it. Tests replace it to make the estimate lie.
     */
    @FunctionalInterface
    interface RunningEstimate {
        /**
         * @param iteration iterations done so far in this solve
         * @param norm      the recursively updated residual norm of the reduced system
         * @return the norm the stopping test compares with the tolerance
         */
        double of(int iteration, double norm);
    }

    private final double tolerance;
    private final int maxIterations;
    private final int threads;
    private final MemoryBudget budget;
    private final RunningEstimate estimate;
    private final Function<CrossbarCircuit, PreparedCrossbar> fallback;
    private int twoLevelCells = TWO_LEVEL_CELLS;

    /** @return the cells from which adjoint solves take the coarse level: never when forward solves never do */
    private long adjointTwoLevelCells() {
        return twoLevelCells == Integer.MAX_VALUE ? Long.MAX_VALUE : Math.min(twoLevelCells, ADJOINT_TWO_LEVEL_CELLS);
    }

    /** Default tolerance and iteration cap, all available processors. */
    public LineRelaxationSolver() {
        this(DEFAULT_TOLERANCE, DEFAULT_MAX_ITERATIONS, Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param tolerance     relative residual at which to stop, in (0, 1): the true residual of each
     *                      block of equations is checked against it, or against its rounding floor
     *                      when that is higher; the adjoint solves of a transfer matrix go to
     *                      {@value #ADJOINT_TOLERANCE_FACTOR} of it
     * @param maxIterations iteration cap, at least 1; reaching it hands the solve to the direct solver
     * @param threads       threads for the line sweeps, at least 1
     */
    public LineRelaxationSolver(double tolerance, int maxIterations, int threads) {
        this(tolerance, maxIterations, threads, MemoryBudget.HEAP);
    }

    /**
     * @param tolerance     relative residual at which to stop, in (0, 1)
     * @param maxIterations iteration cap, at least 1
     * @param threads       threads for the line sweeps, at least 1
     * @param budget        the memory every {@link #prepare} checks its estimate against first
     */
    public LineRelaxationSolver(double tolerance, int maxIterations, int threads, MemoryBudget budget) {
        this(tolerance, maxIterations, threads, budget, (iteration, norm) -> norm, new DirectCrossbarSolver()::prepareNodes);
    }

    /**
     * @param tolerance     relative residual at which to stop, in (0, 1)
     * @param maxIterations iteration cap, at least 1
     * @param threads       threads for the line sweeps, at least 1
     * @param budget        the memory every {@link #prepare} checks its estimate against first
     * @param estimate      the running residual norm the stopping test sees (tests make it lie)
     * @param fallback      prepares the solver that answers when conjugate gradients fail
     */
    LineRelaxationSolver(double tolerance, int maxIterations, int threads, MemoryBudget budget, RunningEstimate estimate,
            Function<CrossbarCircuit, PreparedCrossbar> fallback) {
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
        this.budget = budget;
        this.estimate = estimate;
        this.fallback = fallback;
    }

    @Override
    public String name() {
        return "line-relaxation-pcg";
    }

    /**
     * @param cells the crossbar size, in cells, from which the two-level preconditioner is used
     *              (by adjoint solves from the smaller of this and {@link #ADJOINT_TWO_LEVEL_CELLS});
     *              {@link Integer#MAX_VALUE} for the column lines alone, 0 for every crossbar that
     *              can take it (tests and benchmarks compare the two)
     * @return a solver like this one with that threshold
     */
    public LineRelaxationSolver withTwoLevelFrom(int cells) {
        if (cells < 0) {
            throw new InvalidParameterException("cells", cells, "must be >= 0");
        }
        LineRelaxationSolver copy = new LineRelaxationSolver(tolerance, maxIterations, threads, budget, estimate, fallback);
        copy.twoLevelCells = cells;
        return copy;
    }

    /**
     * @param rows physical rows
     * @param cols physical columns
     * @return bytes the iterative solver allocates at most for such a crossbar (with wires and a
     *         fixed node: the worst case), its solution included
     */
    public static long worstCaseBytes(int rows, int cols) {
        return bytesPerCell() * rows * cols;
    }

    /**
     * @param rows physical rows
     * @param cols physical columns
     * @return bytes of a whole iterative job: the spec's conductances, the circuit's and the solver's
     */
    public static long jobBytes(int rows, int cols) {
        return worstCaseBytes(rows, cols) + 2L * Double.BYTES * rows * cols;
    }

    /**
     * The most bytes per cell this solver allocates, for an estimate before the crossbar exists:
     * a crossbar with wires and a fixed node has row and column pivots, x, r, z, q, two search
     * directions, the right-hand side's two parts, the solution's two voltage arrays and a coupling
     * copy. {@link #estimateBytes} is the estimate for a given crossbar.
     *
     * @return bytes per cell
     */
    public static long bytesPerCell() {
        return 8L * 13;
    }

    /**
     * What {@link #prepare} and one solve allocate for this crossbar, bytes: the per-cell arrays
     * its wiring needs (a line without wire resistance is one node) and the per-line ones.
     *
     * @param circuit the crossbar
     * @return the estimate {@link #prepare} checks before it allocates
     */
    public long estimateBytes(CrossbarCircuit circuit) {
        long rows = circuit.physicalRows();
        long cols = circuit.physicalColumns();
        long cells = rows * cols;
        boolean rowWired = circuit.rowWireOhms() > 0;
        boolean colWired = circuit.columnWireOhms() > 0;
        long rowNodes = rowWired ? cells : rows;
        long colNodes = colWired ? cells : cols;
        long rowSolved = colWired ? (rowWired ? 0 : rows) : (rowWired ? cells : rows);
        boolean fixed = false;
        for (int p = 0; p < rows && !fixed; p++) {
            fixed = circuit.sourceOhms(p) == 0;
        }
        for (int q = 0; q < cols && !fixed && !circuit.voltageSensing(); q++) {
            fixed = circuit.neuronOhms(q) == 0;
        }
        long doubles = 2 * cells // the solution's row and column voltages
                + 2 * rowNodes // row pivots, row right-hand side
                + 8 * colNodes // column pivots, x, r, z, q, two directions, column right-hand side
                + rowSolved + (fixed ? cells : 0)
                + 8 * (rows + cols) // per-line values and sums
                + 4 * cols * Math.min(rows, 4L * threads) // the row groups' buffers
                + (cells >= adjointTwoLevelCells() && rowWired && colWired && !fixed && rows > 1 && cols > 2
                        ? coarseDoubles(rows, cols, RowSegments.segmentsFor((int) cols), threads) : 0)
                + 2048; // objects and array headers, 16 KB
        return 8 * doubles;
    }

    /**
     * The coarse level's blocks, couplings and two vectors, and the scratch its build takes in every
     * row chunk (four per thread): doubles.
     */
    private static long coarseDoubles(long rows, long cols, long segments, int threads) {
        return rows * (segments * segments + 3 * segments) + 4L * threads * (cols * segments + segments + segments * segments);
    }

    @Override
    public Prepared prepare(CrossbarCircuit circuit) {
        long start = System.nanoTime();
        boolean nonlinear = circuit.spec().isNonlinear();
        budget.require(MemoryBudget.crossbar(circuit.physicalRows(), circuit.physicalColumns()) + " on the iterative solver"
                + (nonlinear ? " with Newton's method" : ""),
                estimateBytes(circuit) + (nonlinear ? NEWTON_DOUBLES_PER_CELL * 8L * circuit.physicalRows()
                        * circuit.physicalColumns() : 0));
        int cells = circuit.physicalRows() * circuit.physicalColumns();
        Team team = Team.of(threads);
        boolean alone = cells < PARALLEL_THRESHOLD || threads == 1;
        if (nonlinear) {
            CrossbarNewton newton = new CrossbarNewton(circuit, NewtonOptions.DEFAULT);
            Reduced reduced = new Reduced(new GridSystem(circuit, newton.jacobian()), team, alone);
            return new PreparedNewtonGrid(circuit, newton, reduced, System.nanoTime() - start);
        }
        Reduced reduced = new Reduced(new GridSystem(circuit), team, alone);
        return new PreparedGrid(circuit, reduced, System.nanoTime() - start);
    }

    /** Doubles per cell that Newton's method keeps beside the linear solve's ({@link CrossbarNewton}). */
    static final int NEWTON_DOUBLES_PER_CELL = 5;

    /**
     * Cells from which a crossbar with wired rows and columns takes the two-level preconditioner
     * ({@link RowSegments}). Measured on the bench's crossbars, 2 cores, medians, one level against
     * two: 128x128 1.7 against 2.8 ms (6 and 4 iterations), 256x256 7.6 against 6.2 ms (8 and 4),
     * 512x512 49 against 33 ms (11 and 5), 2048x2048 0.86 against 0.46 s (28 and 9), 4096x4096
     * 10.1 against 3.2 s (50 and 14); below 256x256 a coarse solve costs more than the iterations it saves.
     * From 256x256 to 1024x1024 the gain is within this shared machine's noise (two runs of xbar bench
     * gave 1.07 to 1.29x once and 0.78x at 512 and 1024 the next time; side by side in one process,
     * 1024x1024 took 167 against 131 ms); from 2048x2048 on it is clear (1.24 to 1.9x), and the
     * transfer matrix's adjoint solves, held to a hundredth of the tolerance, gain at 784x500 already
     * (13 to 5 iterations, 29 to 21.5 s). So forward solves take the coarse level from 2048x2048
     * ({@value}), the adjoint solves from {@link #ADJOINT_TWO_LEVEL_CELLS}.
     */
    public static final int TWO_LEVEL_CELLS = 1 << 22;

    /**
     * Cells from which the adjoint solves of a transfer matrix take the two-level preconditioner:
     * held to {@link #ADJOINT_TOLERANCE_FACTOR} of the tolerance, they need more iterations than a
     * forward solve, which the coarse level saves from 256x256 on (measured at 784x500: 13 to 5
     * iterations per adjoint solve, the matrix 29.3 against 20.7 to 21.5 s in three runs).
     */
    public static final int ADJOINT_TWO_LEVEL_CELLS = 1 << 16;

    /**
     * Nonlinear devices: Newton's method with this solver inside ({@link CrossbarNewton}); each
     * step refactors the line pivots for the companion conductances and starts conjugate gradients
     * from the previous step. When Newton does not converge, or a step's solve fails, the generic
     * Newton solver answers on the whole circuit, with its gmin and source stepping
     * ({@link DirectCrossbarSolver}'s nonlinear path). There is no transfer matrix: the outputs are
     * not linear in the inputs.
     */
    private final class PreparedNewtonGrid extends PreparedCrossbar {
        private final CrossbarNewton newton;
        private final Reduced reduced;
        private PreparedCrossbar generic;

        PreparedNewtonGrid(CrossbarCircuit circuit, CrossbarNewton newton, Reduced reduced, long setupNanos) {
            super(circuit, name() + "-newton", setupNanos);
            this.newton = newton;
            this.reduced = reduced;
        }

        @Override
        Convergence solveNodes(double[] drive, double[] rowVolts, double[] colVolts) {
            synchronized (reduced) {
                try {
                    CrossbarNewton.Outcome outcome = newton.solve(drive, rowVolts, colVolts, false, this::step);
                    return new Convergence(outcome.steps(), outcome.residual(), SolverStatistics.Path.STRUCTURED_NEWTON);
                } catch (NoConvergenceException e) {
                    if (generic == null) {
                        generic = (PreparedCrossbar) new DirectCrossbarSolver().prepare(circuit());
                    }
                    return generic.solveNodes(drive, rowVolts, colVolts);
                }
            }
        }

        private Convergence step(double[] drive, double[] sources, double[] rowVolts, double[] colVolts) {
            reduced.refactor();
            reduced.s.rightHandSide(drive, reduced.br, reduced.bc);
            reduced.s.addDeviceSources(sources, reduced.br, reduced.bc);
            return reduced.solve(rowVolts, colVolts, tolerance, true, null);
        }

        @Override
        public org.xbar.results.OutputBatch solveBatch(org.xbar.spec.InputBatch inputs) {
            return solveEach(inputs);
        }

        @Override
        public TransferMatrix transferMatrix() {
            circuit().spec().requireLinear("a transfer matrix");
            throw new IllegalStateException("unreachable: the devices are nonlinear");
        }

        /** Refused: an adjoint solve is a linear system's, and these devices are nonlinear. */
        @Override
        Convergence solveInjected(double[] rowAmps, double[] colAmps, double[] rowVolts, double[] colVolts) {
            circuit().spec().requireLinear("an adjoint solve with injected currents");
            throw new IllegalStateException("unreachable: the devices are nonlinear");
        }
    }

    private final class PreparedGrid extends PreparedCrossbar {
        private final Reduced reduced;

        PreparedGrid(CrossbarCircuit circuit, Reduced reduced, long setupNanos) {
            super(circuit, name(), setupNanos);
            this.reduced = reduced;
        }

        /** As many as the solver's threads: independent single-threaded solves scale better than one shared solve. */
        @Override
        int workers() {
            return threads;
        }

        /** A single-threaded solver of the same crossbar: the answers do not depend on the thread count. */
        @Override
        PreparedCrossbar worker() {
            return (PreparedCrossbar) new LineRelaxationSolver(tolerance, maxIterations, 1, budget, estimate, fallback)
                    .withTwoLevelFrom(twoLevelCells).prepare(circuit());
        }

        @Override
        Convergence solveNodes(double[] drive, double[] rowVolts, double[] colVolts) {
            synchronized (reduced) {
                reduced.s.rightHandSide(drive, reduced.br, reduced.bc);
                return reduced.solve(rowVolts, colVolts, tolerance, direct -> direct.solveNodes(drive, rowVolts, colVolts));
            }
        }

        @Override
        Convergence solveInjected(double[] rowAmps, double[] colAmps, double[] rowVolts, double[] colVolts) {
            synchronized (reduced) {
                reduced.s.injectedRightHandSide(rowAmps, colAmps, reduced.br, reduced.bc);
                return reduced.solveAdjoint(rowVolts, colVolts, ADJOINT_TOLERANCE_FACTOR * tolerance,
                        direct -> direct.solveInjected(rowAmps, colAmps, rowVolts, colVolts));
            }
        }
    }

    /** The same solve on the direct solver, for the fallback: it fills the node voltages. */
    @FunctionalInterface
    private interface DirectSolve {
        void on(PreparedCrossbar direct);
    }

    /**
     * The reduced system on the column nodes: line pivots, work vectors and the two fused passes.
     * Row passes run over chunks of whole row lines; column passes over blocks of whole column
     * lines, each walked row by row along contiguous memory.
     */
    private final class Reduced {
        /**
         * Narrowest and widest chunk of a column pass, columns. A column pass walks down its chunk
         * row by row, so a chunk's row segments must be long enough for the hardware prefetcher and
         * the vectorized loops: measured with 2 threads, 16 columns took 1.4x (1024x1024) to 1.2x
         * (256x256) the time of one chunk per thread; past a page (512 doubles) nothing more is won.
         */
        private static final int MIN_COLUMN_CHUNK = 64;
        private static final int MAX_COLUMN_CHUNK = 512;
        /** Rows interleaved in the row Thomas solves: independent recurrences overlap. */
        private static final int ROW_GROUP = 4;

        private final GridSystem s;
        private final Team team;
        private final boolean alone;
        private final int rows;
        private final int cols;
        private final boolean rowWired;
        private final boolean colWired;
        private final int[] rowBounds;
        private final int[] colBounds;
        private final double gr;
        private final double gc;
        /** Row line pivots: per cell when rows are wired, per row otherwise. */
        private final double[] rowInv;
        /** Per row: coupling of its first and last wire segment (0 next to a fixed end). */
        private final double[] rowFirst;
        private final double[] rowLast;
        /** Column line pivots: per cell when columns are wired, per column otherwise. */
        private final double[] colInv;
        /** Per column: coupling of its last wire segment (0 above a fixed end). */
        private final double[] colLast;
        /** Per column: diagonal of its first and last node. */
        private final double[] colTopDiag;
        private final double[] colBottomDiag;
        private final boolean standardRows;
        private final double[] x;
        private final double[] r;
        private final double[] z;
        private final double[] q;
        private double[] p;
        private double[] pOld;
        /** Row-solved values per cell (unwired columns) or per row (unwired rows). */
        private final double[] t;
        private final double[] rowDots;
        private final double[] rowDots2;
        private final double[] colDots;
        private final double[] colDots2;
        /** One value per row line, for unwired rows (the row voltages live in the solution otherwise). */
        private final double[] rowLine;
        /** Iterations of the last run of conjugate gradients (since the last start or restart). */
        private int lastRun;
        /** The fallback, prepared at its first use. */
        private PreparedCrossbar direct;
        private final double[][] buffers;
        /** Per column chunk: one row of z carried down and up the chunk's sweeps. */
        private final double[][] carries;
        /** The right-hand side's row and column parts, rebuilt for every solve. */
        private final double[] br;
        private final double[] bc;
        /** Whether this system's structure can take the two-level preconditioner. */
        private final boolean eligible;
        /** The coarse level, built at its first use (and again after a refactor); null until then. */
        private RowSegments built;
        /** The coarse level the current solve uses; null for the column lines alone. */
        private RowSegments coarse;
        /** Per row segment: the sum of r, and the coarse right-hand side (then its solution). */
        private double[] coarseR;
        private double[] coarseRhs;
        /** The coarse part of the last {@code r . z}. */
        private double rzCoarse;
        private double alpha;
        private double beta;
        /** The relative residual the current solve must reach. */
        private double goal;

        Reduced(GridSystem s, Team team, boolean alone) {
            this.s = s;
            this.team = team;
            this.alone = alone;
            rows = s.rows;
            cols = s.cols;
            rowWired = s.rowWired;
            colWired = s.colWired;
            gr = s.rowWireSiemens;
            gc = s.colWireSiemens;
            int threadCount = alone ? 1 : team.threads();
            rowBounds = Team.split(rows, 4 * threadCount);
            int width = Math.min(MAX_COLUMN_CHUNK, Math.max(MIN_COLUMN_CHUNK, (cols + threadCount - 1) / threadCount));
            colBounds = Team.split(cols, (cols + width - 1) / width);
            rowFirst = new double[rows];
            rowLast = new double[rows];
            boolean standard = true;
            for (int i = 0; i < rows; i++) {
                if (rowWired && cols > 1) {
                    rowFirst[i] = s.rowOff(i, 0);
                    rowLast[i] = s.rowOff(i, cols - 2);
                }
                standard &= !s.rowEndFixed[i];
            }
            standardRows = standard;
            colLast = new double[cols];
            colTopDiag = new double[cols];
            colBottomDiag = new double[cols];
            for (int j = 0; j < cols && colWired; j++) {
                colLast[j] = rows > 1 ? s.colOff(rows - 2, j) : 0.0;
            }
            rowInv = new double[s.rowNodes];
            colInv = new double[s.colNodes];
            factor();
            int n = s.colNodes;
            x = new double[n];
            r = new double[n];
            z = new double[n];
            q = new double[n];
            p = new double[n];
            pOld = new double[n];
            t = new double[colWired ? (rowWired ? 0 : rows) : (rowWired ? rows * cols : rows)];
            rowDots = new double[rows];
            rowDots2 = new double[rows];
            colDots = new double[cols];
            colDots2 = new double[cols];
            rowLine = new double[rowWired ? 0 : rows];
            buffers = new double[rowBounds.length - 1][ROW_GROUP * cols];
            int widest = 0;
            for (int c = 0; c + 1 < colBounds.length; c++) {
                widest = Math.max(widest, colBounds[c + 1] - colBounds[c]);
            }
            carries = new double[colBounds.length - 1][widest];
            br = new double[s.rowNodes];
            bc = new double[s.colNodes];
            eligible = rowWired && colWired && standardRows && rows > 1 && cols > 2 && noFixedColumnEnd();
            coarseR = new double[0];
            coarseRhs = new double[0];
        }

        /**
         * @param adjoint whether the solve is an adjoint one (held to a tighter tolerance)
         * @return the coarse level a solve of this size takes, built at its first use; null for none
         */
        private RowSegments coarseFor(boolean adjoint) {
            long cells = (long) rows * cols;
            if (!eligible || cells < (adjoint ? adjointTwoLevelCells() : twoLevelCells)) {
                return null;
            }
            if (built == null) {
                built = buildCoarse();
                int length = built == null ? 0 : rows * built.segments;
                coarseR = new double[length];
                coarseRhs = new double[length];
            }
            return built;
        }

        private boolean noFixedColumnEnd() {
            for (boolean fixed : s.colEndFixed) {
                if (fixed) {
                    return false;
                }
            }
            return true;
        }

        /**
         * The coarse matrix {@code E = Z' S Z} over the row segments, factored: the column lines'
         * part summed segment by segment, the row lines' part {@code -G' T_i^-1 G} from one Thomas
         * solve of each row per segment. Null when it is not positive definite in floating point.
         */
        private RowSegments buildCoarse() {
            RowSegments e = new RowSegments(rows, cols);
            final int segs = e.segments;
            final int[] starts = e.starts;
            final double[] g = s.coupling;
            final double[] conductance = s.conductance;
            for (int i = 0; i < rows; i++) {
                for (int a = 0; a < segs; a++) {
                    double d = 0;
                    double off = 0;
                    for (int j = starts[a]; j < starts[a + 1]; j++) {
                        int k = i * cols + j;
                        d += i == 0 ? colTopDiag[j] : i == rows - 1 ? colBottomDiag[j] : conductance[k] + 2 * gc;
                        off += i == rows - 2 ? colLast[j] : gc;
                    }
                    e.addBlock(i, a, a, d);
                    if (i + 1 < rows) {
                        e.addCoupling(i, a, -off);
                    }
                }
            }
            // per row, T_i^-1 G for all segments at once: their recurrences run side by side (one
            // forward and one backward sweep over the row, each step a short loop over the segments),
            // and the backward sweep sums each column's term into its segment's row of the block
            rows((chunk, i0, i1) -> {
                double[] forward = new double[cols * segs];
                double[] carry = new double[segs];
                double[] block = new double[segs * segs];
                for (int i = i0; i < i1; i++) {
                    int base = i * cols;
                    Arrays.fill(carry, 0.0);
                    int seg = 0;
                    for (int j = 0; j < cols; j++) {
                        while (j >= starts[seg + 1]) {
                            seg++;
                        }
                        double o = j == 0 ? 0 : j == 1 ? rowFirst[i] : j == cols - 1 ? rowLast[i] : gr;
                        double inv = rowInv[base + j];
                        double m = o * inv;
                        for (int c = 0; c < segs; c++) {
                            carry[c] *= m;
                        }
                        carry[seg] += g[base + j] * inv;
                        System.arraycopy(carry, 0, forward, j * segs, segs);
                    }
                    Arrays.fill(block, 0.0);
                    for (int j = cols - 1; j >= 0; j--) {
                        while (j < starts[seg]) {
                            seg--;
                        }
                        int at = j * segs;
                        if (j < cols - 1) {
                            double o = j == 0 ? rowFirst[i] : j == cols - 2 ? rowLast[i] : gr;
                            double m = o * rowInv[base + j];
                            for (int c = 0; c < segs; c++) {
                                carry[c] = forward[at + c] + m * carry[c];
                            }
                        }
                        double gj = g[base + j];
                        int row = seg * segs;
                        for (int c = 0; c < segs; c++) {
                            block[row + c] += gj * carry[c];
                        }
                    }
                    for (int r = 0; r < segs; r++) {
                        for (int c = 0; c <= r; c++) {
                            // symmetric in exact arithmetic: its two roundings averaged
                            double v = -0.5 * (block[r * segs + c] + block[c * segs + r]);
                            e.addBlock(i, r, c, v);
                            if (r != c) {
                                e.addBlock(i, c, r, v);
                            }
                        }
                    }
                }
            });
            return e.factor() ? e : null;
        }

        /**
         * {@code out = S v} over rows i0..i1-1 (wired rows and columns, standard rows), with
         * {@code coarseR} and {@code coarseRhs} receiving each segment's sums of {@code r} and of
         * {@code r - S v} when {@code sums} is set.
         */
        private void applyReduced(double[] v, double[] out, boolean sums, int chunk, int i0, int i1) {
            final double[] buffer = buffers[chunk];
            final double[] g = s.coupling;
            final double[] conductance = s.conductance;
            final int n = cols;
            final int segs = coarse.segments;
            final int[] starts = coarse.starts;
            for (int g0 = i0; g0 < i1; g0 += ROW_GROUP) {
                final int g1 = Math.min(i1, g0 + ROW_GROUP);
                for (int i = g0; i < g1; i++) {
                    final int base = i * n;
                    final int at = (i - g0) * n;
                    for (int j = 0; j < n; j++) {
                        buffer[at + j] = g[base + j] * v[base + j];
                    }
                }
                if (g1 - g0 == ROW_GROUP) {
                    thomasFour(buffer, 0, g0);
                } else {
                    for (int i = g0; i < g1; i++) {
                        thomasRow(buffer, (i - g0) * n, i);
                    }
                }
                for (int i = g0; i < g1; i++) {
                    final int base = i * n;
                    final int at = (i - g0) * n;
                    if (i > 0 && i + 2 < rows) {
                        // interior row: a loop the JIT vectorizes
                        final double twice = 2 * gc;
                        for (int j = 0; j < n; j++) {
                            int k = base + j;
                            out[k] = (conductance[k] + twice) * v[k] - gc * (v[k - n] + v[k + n]) - g[k] * buffer[at + j];
                        }
                    } else {
                        for (int j = 0; j < n; j++) {
                            int k = base + j;
                            double d = i == 0 ? colTopDiag[j] : i == rows - 1 ? colBottomDiag[j] : conductance[k] + 2 * gc;
                            double w = d * v[k] - g[k] * buffer[at + j];
                            if (i > 0) {
                                w -= (i - 1 == rows - 2 ? colLast[j] : gc) * v[k - n];
                            }
                            if (i + 1 < rows) {
                                w -= (i == rows - 2 ? colLast[j] : gc) * v[k + n];
                            }
                            out[k] = w;
                        }
                    }
                    if (!sums) {
                        continue;
                    }
                    for (int a = 0; a < segs; a++) {
                        double sumR = sumRange(r, base + starts[a], base + starts[a + 1]);
                        double sumOut = sumRange(out, base + starts[a], base + starts[a + 1]);
                        coarseR[i * segs + a] = sumR;
                        coarseRhs[i * segs + a] = sumR - sumOut;
                    }
                }
            }
        }

        /** v = Z y: every cell takes its segment's coarse value. */
        private void prolong(double[] y, double[] v, boolean add) {
            final int segs = coarse.segments;
            final int[] starts = coarse.starts;
            rows((chunk, i0, i1) -> {
                for (int i = i0; i < i1; i++) {
                    for (int a = 0; a < segs; a++) {
                        double value = y[i * segs + a];
                        int from = i * cols + starts[a];
                        int to = i * cols + starts[a + 1];
                        if (add) {
                            for (int k = from; k < to; k++) {
                                v[k] += value;
                            }
                        } else {
                            Arrays.fill(v, from, to, value);
                        }
                    }
                }
            });
        }

        /**
         * The two-level preconditioner's coarse part (A-DEF2, Tang, Nabben, Vuik and Erlangga, J.
         * Sci. Comput. 39, 2009): with {@code y = A_c^-1 r} in {@code z}, {@code z = y + Z E^-1 Z'
         * (r - S y)}; {@code q} is scratch. Returns {@code r . Z E^-1 Z' (r - S y)}, the coarse
         * part of {@code r . z}.
         */
        private double coarseCorrection() {
            rows((chunk, i0, i1) -> applyReduced(z, q, true, chunk, i0, i1));
            coarse.solve(coarseRhs);
            prolong(coarseRhs, z, true);
            double extra = 0;
            for (int t = 0; t < coarseRhs.length; t++) {
                extra += coarseR[t] * coarseRhs[t];
            }
            return extra;
        }

        /**
         * Moves the iterate onto the deflated start: {@code x += Z E^-1 Z' r}, {@code r -= S Z E^-1 Z' r};
         * {@code z} and {@code q} are scratch.
         */
        private void deflateStart() {
            final int segs = coarse.segments;
            final int[] starts = coarse.starts;
            rows((chunk, i0, i1) -> {
                for (int i = i0; i < i1; i++) {
                    for (int a = 0; a < segs; a++) {
                        double sum = 0;
                        for (int k = i * cols + starts[a]; k < i * cols + starts[a + 1]; k++) {
                            sum += r[k];
                        }
                        coarseRhs[i * segs + a] = sum;
                    }
                }
            });
            coarse.solve(coarseRhs);
            prolong(coarseRhs, z, false);
            rows((chunk, i0, i1) -> applyReduced(z, q, false, chunk, i0, i1));
            for (int k = 0; k < x.length; k++) {
                x[k] += z[k];
                r[k] -= q[k];
            }
        }

        /** The line pivots and end diagonals: everything prepared that depends on the device conductances. */
        private void factor() {
            for (int j = 0; j < cols; j++) {
                if (colWired) {
                    colTopDiag[j] = s.colDiag(0, j);
                    colBottomDiag[j] = s.colDiag(rows - 1, j);
                } else {
                    colTopDiag[j] = s.colLineDiag(j);
                }
            }
            team.run(rowBounds.length - 1, c -> factorRows(rowBounds[c], rowBounds[c + 1]), alone);
            team.run(colBounds.length - 1, c -> factorColumns(colBounds[c], colBounds[c + 1]), alone);
        }

        /**
         * Prepares again after the system's device conductances were rewritten in place (a Newton
         * step's companion conductances): the couplings, the end diagonals and the line pivots.
         */
        void refactor() {
            s.refreshCoupling();
            factor();
            // the coarse matrix depends on the conductances too: built again at its next use
            built = null;
        }

        private void factorRows(int i0, int i1) {
            int i = i0;
            if (rowWired && standardRows && cols > 2) {
                // each pivot waits for a division on the one before: four rows at a time overlap them
                for (; i + ROW_GROUP <= i1; i += ROW_GROUP) {
                    factorFourRows(i);
                }
            }
            for (; i < i1; i++) {
                if (!rowWired) {
                    rowInv[i] = 1.0 / s.rowLineDiag(i);
                    continue;
                }
                int base = i * cols;
                double pivot = s.rowDiag(i, 0);
                rowInv[base] = 1.0 / pivot;
                for (int j = 1; j < cols; j++) {
                    double o = j == 1 ? rowFirst[i] : j == cols - 1 ? rowLast[i] : gr;
                    pivot = s.rowDiag(i, j) - o * o * rowInv[base + j - 1];
                    rowInv[base + j] = 1.0 / pivot;
                }
            }
        }

        /**
         * The pivots of four standard rows i..i+3 (no fixed end, at least three cells): diagonals
         * from the device and wire conductances summed in the order of {@link GridSystem#rowDiag},
         * so that the pivots do not depend on how rows are grouped (nor results on the thread count).
         */
        private void factorFourRows(int i) {
            final double[] g = s.conductance;
            final double[] inv = rowInv;
            final int n = cols;
            final double square = gr * gr;
            final int b0 = i * n;
            final int b1 = b0 + n;
            final int b2 = b1 + n;
            final int b3 = b2 + n;
            final double[] source = s.sourceSiemens;
            double q0 = 1.0 / (g[b0] + gr + source[i]);
            double q1 = 1.0 / (g[b1] + gr + source[i + 1]);
            double q2 = 1.0 / (g[b2] + gr + source[i + 2]);
            double q3 = 1.0 / (g[b3] + gr + source[i + 3]);
            inv[b0] = q0;
            inv[b1] = q1;
            inv[b2] = q2;
            inv[b3] = q3;
            for (int j = 1; j < n - 1; j++) {
                q0 = 1.0 / (g[b0 + j] + gr + gr - square * q0);
                q1 = 1.0 / (g[b1 + j] + gr + gr - square * q1);
                q2 = 1.0 / (g[b2 + j] + gr + gr - square * q2);
                q3 = 1.0 / (g[b3 + j] + gr + gr - square * q3);
                inv[b0 + j] = q0;
                inv[b1 + j] = q1;
                inv[b2 + j] = q2;
                inv[b3 + j] = q3;
            }
            final int last = n - 1;
            final boolean both = s.bothEnds;
            inv[b0 + last] = 1.0 / (g[b0 + last] + gr + (both ? source[i] : 0) - square * q0);
            inv[b1 + last] = 1.0 / (g[b1 + last] + gr + (both ? source[i + 1] : 0) - square * q1);
            inv[b2 + last] = 1.0 / (g[b2 + last] + gr + (both ? source[i + 2] : 0) - square * q2);
            inv[b3 + last] = 1.0 / (g[b3 + last] + gr + (both ? source[i + 3] : 0) - square * q3);
        }

        private void factorColumns(int j0, int j1) {
            if (!colWired) {
                for (int j = j0; j < j1; j++) {
                    colInv[j] = 1.0 / colTopDiag[j];
                }
                return;
            }
            for (int j = j0; j < j1; j++) {
                colInv[j] = 1.0 / s.colDiag(0, j);
            }
            // interior nodes are never fixed: devices and two wire segments
            final double[] g = s.conductance;
            final double square = gc * gc;
            for (int i = 1; i < rows - 1; i++) {
                int base = i * cols;
                for (int j = j0; j < j1; j++) {
                    colInv[base + j] = 1.0 / (g[base + j] + gc + gc - square * colInv[base - cols + j]);
                }
            }
            if (rows > 1) {
                int i = rows - 1;
                int base = i * cols;
                for (int j = j0; j < j1; j++) {
                    double o = colLast[j];
                    colInv[base + j] = 1.0 / (s.colDiag(i, j) - o * o * colInv[base - cols + j]);
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
         * Solves for the right-hand side in {@link #br} and {@link #bc} (a set of driver voltages,
         * or injected currents); fills both voltage arrays (one value per cell).
         * Conjugate gradients run until their running estimate meets the tolerance; then the true
         * residual is recomputed from the matrix and checked ({@link Check}). When it fails, they
         * restart from their own iterate with the true residual, up to {@link #MAX_RESTARTS} times;
         * when the iterate is not finite, the cap is reached or the restarts are spent, the direct
         * solver answers the same problem ({@code onDirect}), and its answer is checked the same way.
         *
         * @param tolerance the relative residual to reach: the solver's, or the adjoint solves' tighter one
         */
        PreparedCrossbar.Convergence solve(double[] rowVolts, double[] colVolts, double tolerance, DirectSolve onDirect) {
            return solve(rowVolts, colVolts, tolerance, false, false, onDirect);
        }

        /** {@link #solve(double[], double[], double, DirectSolve)} for an adjoint right-hand side. */
        PreparedCrossbar.Convergence solveAdjoint(double[] rowVolts, double[] colVolts, double tolerance, DirectSolve onDirect) {
            return solve(rowVolts, colVolts, tolerance, false, true, onDirect);
        }

        /**
         * {@link #solve(double[], double[], double, DirectSolve)}, optionally started from the
         * column voltages already in {@code colVolts} (a Newton iteration's previous step): the
         * true residual of that start is computed and checked first, and conjugate gradients
         * continue from it only when it does not already pass.
         *
         * @param warm     start from {@code colVolts} instead of 0 V
         * @param onDirect the fallback's solve of the same problem; null for none (a Newton step,
         *                 whose system the direct solver does not hold): a failure then throws
         *                 {@link NoConvergenceException} at once
         */
        PreparedCrossbar.Convergence solve(double[] rowVolts, double[] colVolts, double tolerance, boolean warm,
                DirectSolve onDirect) {
            return solve(rowVolts, colVolts, tolerance, warm, false, onDirect);
        }

        /** The solve, with the coarse level that a forward or adjoint solve of this size takes. */
        private PreparedCrossbar.Convergence solve(double[] rowVolts, double[] colVolts, double tolerance, boolean warm,
                boolean adjoint, DirectSolve onDirect) {
            goal = tolerance;
            coarse = coarseFor(adjoint);
            double rowScale = Math.sqrt(dot(br, br));
            double[] xr = rowWired ? rowVolts : rowLine;
            if (rowScale == 0 && dot(bc, bc) == 0) {
                Arrays.fill(rowVolts, 0.0);
                Arrays.fill(colVolts, 0.0);
                return new PreparedCrossbar.Convergence(0, 0.0, SolverStatistics.Path.ITERATIVE);
            }
            double colScale = reducedRightHandSide(br, bc, xr);
            Check check = null;
            if (warm) {
                System.arraycopy(colVolts, 0, x, 0, x.length);
                recover(br, xr);
                check = residual(br, bc, xr, rowScale, colScale);
                if (!check.finite()) {
                    check = null;
                    colScale = reducedRightHandSide(br, bc, xr);
                }
            }
            if (check == null) {
                Arrays.fill(x, 0.0);
            }
            int iterations = 0;
            int restarts = 0;
            while (check == null || !check.accepted(goal)) {
                restart();
                iterations = iterate(iterations, colScale);
                recover(br, xr);
                check = residual(br, bc, xr, rowScale, colScale);
                if (check.accepted(goal)) {
                    break;
                }
                if (!check.finite() || iterations >= maxIterations || restarts == MAX_RESTARTS) {
                    return fallBack(onDirect, rowVolts, colVolts, xr, iterations, restarts, check, rowScale, colScale);
                }
                restarts++;
            }
            if (!rowWired) {
                for (int i = 0; i < rows; i++) {
                    Arrays.fill(rowVolts, i * cols, (i + 1) * cols, xr[i]);
                }
            }
            if (colWired) {
                System.arraycopy(x, 0, colVolts, 0, x.length);
            } else {
                for (int i = 0; i < rows; i++) {
                    System.arraycopy(x, 0, colVolts, i * cols, cols);
                }
            }
            return new PreparedCrossbar.Convergence(iterations, check.relative(),
                    restarts == 0 ? SolverStatistics.Path.ITERATIVE : SolverStatistics.Path.RESTARTED);
        }

        /**
         * Starts conjugate gradients afresh from the current {@code x}, whose residual is in
         * {@code r}: clears the directions and preconditions {@code r}.
         */
        private void restart() {
            if (coarse != null) {
                deflateStart();
            }
            Arrays.fill(p, 0.0);
            Arrays.fill(pOld, 0.0);
            Arrays.fill(q, 0.0);
            alpha = 0;
            beta = 0;
            columns(this::updateAndPrecondition);
            rzCoarse = coarse != null ? coarseCorrection() : 0;
        }

        /**
         * Preconditioned conjugate gradients from the current state until the running estimate of
         * {@code ||r||} meets {@code goal * colScale}, the estimate or {@code r . z} is not
         * finite, {@code p . S p} is not positive (a breakdown), or the iteration cap is reached.
         *
         * @param iterations iterations done so far in this solve
         * @param colScale   the scale of the column equations
         * @return iterations done so far, these included
         */
        private int iterate(int iterations, double colScale) {
            final double limit = goal * colScale;
            final int first = iterations;
            double rz = sumOf(colDots2) + rzCoarse;
            double norm = estimate.of(iterations, Math.sqrt(sumOf(colDots)));
            while (!(norm <= limit)) {
                if (iterations >= maxIterations || !Double.isFinite(norm) || !Double.isFinite(rz)) {
                    break;
                }
                iterations++;
                double[] swap = pOld;
                pOld = p;
                p = swap;
                double pq = product();
                if (!(pq > 0) || Double.isInfinite(pq)) {
                    break;
                }
                alpha = rz / pq;
                columns(this::updateAndPrecondition);
                rzCoarse = coarse != null ? coarseCorrection() : 0;
                double rzNew = sumOf(colDots2) + rzCoarse;
                beta = rzNew / rz;
                rz = rzNew;
                norm = estimate.of(iterations, Math.sqrt(sumOf(colDots)));
            }
            lastRun = iterations - first;
            return iterations;
        }

        /**
         * Conjugate gradients failed: the direct solver answers, checked against the same
         * tolerance; if it fails too, a {@link NoConvergenceException} names the worst node of the
         * conjugate gradients' iterate.
         */
        private PreparedCrossbar.Convergence fallBack(DirectSolve onDirect, double[] rowVolts, double[] colVolts, double[] xr,
                int iterations, int restarts, Check failed, double rowScale, double colScale) {
            Worst worst = worst(br, bc, xr);
            OptionalDouble change = worst.column() >= 0 && lastRun > 0 && Double.isFinite(alpha * p[worst.column()])
                    ? OptionalDouble.of(Math.abs(alpha * p[worst.column()])) : OptionalDouble.empty();
            String tried = String.format(java.util.Locale.ROOT, "%d restart%s from its own iterate", restarts,
                    restarts == 1 ? "" : "s");
            XbarException cause = null;
            String outcome;
            if (onDirect == null) {
                throw new NoConvergenceException(name(), iterations, failed.relative(), goal, worst.node(), worst.amps(),
                        change, tried + "; handed back to Newton's method, whose step this was");
            }
            try {
                if (direct == null) {
                    direct = fallback.apply(s.circuit);
                }
                onDirect.on(direct);
                load(rowVolts, colVolts, xr);
                Check check = residual(br, bc, xr, rowScale, colScale);
                if (check.accepted(goal)) {
                    return new PreparedCrossbar.Convergence(iterations, check.relative(),
                            SolverStatistics.Path.DIRECT_FALLBACK);
                }
                outcome = String.format(java.util.Locale.ROOT, "the direct solver's answer has a relative residual of %.3e",
                        check.relative());
            } catch (XbarException e) {
                cause = e;
                outcome = "the direct solver failed too: " + e.getMessage();
            }
            NoConvergenceException e = new NoConvergenceException(name(), iterations, failed.relative(), goal,
                    worst.node(), worst.amps(), change, tried + "; " + outcome
                    + "; check the crossbar for extreme conductance ratios");
            if (cause != null) {
                e.initCause(cause);
            }
            throw e;
        }

        /** Puts a solution given per cell (the fallback's) into the reduced unknowns x and xr. */
        private void load(double[] rowVolts, double[] colVolts, double[] xr) {
            if (!rowWired) {
                for (int i = 0; i < rows; i++) {
                    xr[i] = rowVolts[i * cols];
                }
            }
            System.arraycopy(colVolts, 0, x, 0, x.length);
        }

        /**
         * r = b_c + B' A_r^-1 b_r: the reduced right-hand side, into {@code r} (x = 0); {@code solved}
         * (as long as b_r) is scratch.
         *
         * @return the scale of the column equations, {@code || |b_c| + B' |A_r^-1 b_r| ||}: the
         *         currents that meet at the column nodes, free of the cancellation that opposite
         *         drives cause in {@code ||r||}
         */
        private double reducedRightHandSide(double[] br, double[] bc, double[] solved) {
            System.arraycopy(bc, 0, r, 0, bc.length);
            System.arraycopy(br, 0, solved, 0, br.length);
            rows((chunk, i0, i1) -> solveRows(solved, i0, i1));
            return addCoupled(solved, r, bc);
        }

        /**
         * into += B' v for a row-node vector v (per cell or per row), over the column nodes.
         *
         * @return {@code || |b| + B' |v| ||} over the column nodes
         */
        private double addCoupled(double[] v, double[] into, double[] b) {
            final double[] g = s.coupling;
            if (colWired) {
                rows((chunk, i0, i1) -> {
                    for (int i = i0; i < i1; i++) {
                        int base = i * cols;
                        double sum = 0;
                        for (int j = 0; j < cols; j++) {
                            double c = g[base + j] * (rowWired ? v[base + j] : v[i]);
                            into[base + j] += c;
                            double m = Math.abs(b[base + j]) + Math.abs(c);
                            sum += m * m;
                        }
                        rowDots[i] = sum;
                    }
                });
                return Math.sqrt(sumOf(rowDots));
            }
            columns((chunk, j0, j1) -> {
                for (int j = j0; j < j1; j++) {
                    colDots2[j] = Math.abs(b[j]);
                }
                for (int i = 0; i < rows; i++) {
                    int base = i * cols;
                    for (int j = j0; j < j1; j++) {
                        double c = g[base + j] * (rowWired ? v[base + j] : v[i]);
                        into[j] += c;
                        colDots2[j] += Math.abs(c);
                    }
                }
                for (int j = j0; j < j1; j++) {
                    colDots2[j] *= colDots2[j];
                }
            });
            return Math.sqrt(sumOf(colDots2));
        }

        /** Solves row lines i0..i1-1 in place on {@code v} (one row per cols), four at a time where they are standard. */
        private void solveRows(double[] v, int i0, int i1) {
            int i = i0;
            if (rowWired && standardRows && cols > 2) {
                for (; i + ROW_GROUP <= i1; i += ROW_GROUP) {
                    thomasFour(v, i * cols, i);
                }
            }
            for (; i < i1; i++) {
                solveRow(v, i);
            }
        }

        /** Solves row line i in place: on its cells of {@code v} (wired) or its entry (unwired). */
        private void solveRow(double[] v, int i) {
            if (!rowWired) {
                v[i] *= rowInv[i];
                return;
            }
            thomasRow(v, i * cols, i);
        }

        /** One row line's Thomas solve in place on {@code v[at..at+cols)}, with row i's pivots. */
        private void thomasRow(double[] v, int at, int i) {
            final double[] inv = rowInv;
            final int base = i * cols;
            final int n = cols;
            final double first = rowFirst[i];
            final double last = rowLast[i];
            double prev = v[at] * inv[base];
            v[at] = prev;
            for (int j = 1; j < n; j++) {
                double o = j == 1 ? first : j == n - 1 ? last : gr;
                prev = (v[at + j] + o * prev) * inv[base + j];
                v[at + j] = prev;
            }
            for (int j = n - 2; j >= 0; j--) {
                double o = j == 0 ? first : j == n - 2 ? last : gr;
                prev = v[at + j] + o * inv[base + j] * prev;
                v[at + j] = prev;
            }
        }

        /**
         * Thomas solves of four standard row lines i..i+3 (no fixed ends) in place on
         * {@code v[at..at+4 cols)}, side by side: four independent recurrences overlap.
         */
        private void thomasFour(double[] v, int at, int i) {
            final double[] inv = rowInv;
            final int n = cols;
            final double o = gr;
            final int b0 = i * n;
            final int b1 = b0 + n;
            final int b2 = b1 + n;
            final int b3 = b2 + n;
            final int v0 = at;
            final int v1 = at + n;
            final int v2 = at + 2 * n;
            final int v3 = at + 3 * n;
            double p0 = v[v0] * inv[b0];
            double p1 = v[v1] * inv[b1];
            double p2 = v[v2] * inv[b2];
            double p3 = v[v3] * inv[b3];
            v[v0] = p0;
            v[v1] = p1;
            v[v2] = p2;
            v[v3] = p3;
            for (int j = 1; j < n; j++) {
                p0 = (v[v0 + j] + o * p0) * inv[b0 + j];
                p1 = (v[v1 + j] + o * p1) * inv[b1 + j];
                p2 = (v[v2 + j] + o * p2) * inv[b2 + j];
                p3 = (v[v3 + j] + o * p3) * inv[b3 + j];
                v[v0 + j] = p0;
                v[v1 + j] = p1;
                v[v2 + j] = p2;
                v[v3 + j] = p3;
            }
            for (int j = n - 2; j >= 0; j--) {
                p0 = v[v0 + j] + o * inv[b0 + j] * p0;
                p1 = v[v1 + j] + o * inv[b1 + j] * p1;
                p2 = v[v2 + j] + o * inv[b2 + j] * p2;
                p3 = v[v3 + j] + o * inv[b3 + j] * p3;
                v[v0 + j] = p0;
                v[v1 + j] = p1;
                v[v2 + j] = p2;
                v[v3 + j] = p3;
            }
        }

        /**
         * Pass A: {@code p = z + beta p_old} and {@code q = S p}; returns {@code p . q}. Summed per
         * row (wired columns) or per column, then in order.
         */
        private double product() {
            if (colWired) {
                rows(this::productRows);
                return sumOf(rowDots);
            }
            final double b = beta;
            for (int j = 0; j < cols; j++) {
                p[j] = z[j] + b * pOld[j];
            }
            rows(this::rowSolvedCoupling);
            columns(this::productColumns);
            return sumOf(colDots);
        }

        /** Pass A for wired columns over rows i0..i1-1, four rows at a time. */
        private void productRows(int chunk, int i0, int i1) {
            final double[] buffer = buffers[chunk];
            final double[] g = s.coupling;
            final double b = beta;
            final int n = cols;
            for (int g0 = i0; g0 < i1; g0 += ROW_GROUP) {
                final int g1 = Math.min(i1, g0 + ROW_GROUP);
                for (int i = g0; i < g1; i++) {
                    final int base = i * n;
                    final int at = (i - g0) * n;
                    for (int k = base; k < base + n; k++) {
                        p[k] = z[k] + b * pOld[k];
                    }
                    for (int j = 0; j < n; j++) {
                        buffer[at + j] = g[base + j] * p[base + j];
                    }
                }
                if (!rowWired) {
                    for (int i = g0; i < g1; i++) {
                        final int at = (i - g0) * n;
                        double sum = 0;
                        for (int j = 0; j < n; j++) {
                            sum += buffer[at + j];
                        }
                        Arrays.fill(buffer, at, at + n, sum * rowInv[i]);
                    }
                } else if (standardRows && g1 - g0 == ROW_GROUP && n > 2) {
                    thomasFour(buffer, 0, g0);
                } else {
                    for (int i = g0; i < g1; i++) {
                        thomasRow(buffer, (i - g0) * n, i);
                    }
                }
                for (int i = g0; i < g1; i++) {
                    rowDots[i] = productRow(i, buffer, (i - g0) * n, b);
                }
            }
        }

        /**
         * {@code q = A_c p - B' t} on row i of a wired-column crossbar, with {@code t} (the row-solved
         * values) at {@code buffer[at..]}; returns the row's {@code p . q}. Neighbour rows of
         * {@code p} are formed from {@code z} and the old direction, so chunks never race.
         */
        private double productRow(int i, double[] buffer, int at, double b) {
            final double[] g = s.coupling;
            final double[] conductance = s.conductance;
            final int n = cols;
            final int base = i * n;
            final boolean up = i > 0;
            final boolean down = i + 1 < rows;
            double sum0 = 0;
            if (up && down && i + 2 < rows) {
                // interior row: diagonal = devices + two wire segments, both neighbours at gc; q first
                // (a loop the JIT vectorizes), then p . q with four partial sums
                final double twice = 2 * gc;
                final int above = base - n;
                final int below = base + n;
                for (int j = 0; j < n; j++) {
                    int k = base + j;
                    double pa = z[above + j] + b * pOld[above + j];
                    double pb = z[below + j] + b * pOld[below + j];
                    q[k] = (conductance[k] + twice) * p[k] - gc * (pa + pb) - g[k] * buffer[at + j];
                }
                return dotRange(p, q, base, n);
            }
            for (int j = 0; j < n; j++) {
                int k = base + j;
                double d;
                double v = -g[k] * buffer[at + j];
                if (i == 0) {
                    d = colTopDiag[j];
                } else if (i == rows - 1) {
                    d = colBottomDiag[j];
                } else {
                    d = conductance[k] + 2 * gc;
                }
                v += d * p[k];
                if (up) {
                    double o = i - 1 == rows - 2 ? colLast[j] : gc;
                    v -= o * (z[k - n] + b * pOld[k - n]);
                }
                if (down) {
                    double o = i == rows - 2 ? colLast[j] : gc;
                    v -= o * (z[k + n] + b * pOld[k + n]);
                }
                q[k] = v;
                sum0 += p[k] * v;
            }
            return sum0;
        }

        /** Unwired columns, pass A part 1: t = A_r^-1 B p per row (p has one value per column). */
        private void rowSolvedCoupling(int chunk, int i0, int i1) {
            final double[] g = s.coupling;
            final int n = cols;
            for (int i = i0; i < i1; i++) {
                final int base = i * n;
                if (!rowWired) {
                    double sum = 0;
                    for (int j = 0; j < n; j++) {
                        sum += g[base + j] * p[j];
                    }
                    t[i] = sum * rowInv[i];
                    continue;
                }
                for (int j = 0; j < n; j++) {
                    t[base + j] = g[base + j] * p[j];
                }
                thomasRow(t, base, i);
            }
        }

        /** Unwired columns, pass A part 2: q_j = d_j p_j - sum_i g_ij t_ij and p_j q_j per column. */
        private void productColumns(int chunk, int j0, int j1) {
            final double[] g = s.coupling;
            final int n = cols;
            for (int j = j0; j < j1; j++) {
                q[j] = colTopDiag[j] * p[j];
            }
            for (int i = 0; i < rows; i++) {
                final int base = i * n;
                for (int j = j0; j < j1; j++) {
                    q[j] -= g[base + j] * (rowWired ? t[base + j] : t[i]);
                }
            }
            for (int j = j0; j < j1; j++) {
                colDots[j] = p[j] * q[j];
            }
        }

        /**
         * Pass B over columns j0..j1-1: {@code x += alpha p}, {@code r -= alpha q}, {@code |r|^2}
         * per column into colDots, then {@code z = A_c^-1 r} (forward and backward sweep) and
         * {@code r . z} per column into colDots2.
         */
        private void updateAndPrecondition(int chunk, int j0, int j1) {
            final double a = alpha;
            final double[] inv = colInv;
            final double[] acc = colDots;
            final double[] acc2 = colDots2;
            final int n = cols;
            if (!colWired) {
                for (int j = j0; j < j1; j++) {
                    x[j] += a * p[j];
                    double v = r[j] - a * q[j];
                    r[j] = v;
                    acc[j] = v * v;
                    z[j] = v * inv[j];
                    acc2[j] = v * z[j];
                }
                return;
            }
            // the previous (forward) or next (backward) row's z of this chunk rides along in carry, so
            // that every loop reads and writes one row of each array: loops the JIT vectorizes
            final double[] carry = carries[chunk];
            final int w = j1 - j0;
            for (int c = 0; c < w; c++) {
                int k = j0 + c;
                x[k] += a * p[k];
                double v = r[k] - a * q[k];
                r[k] = v;
                acc[j0 + c] = v * v;
                double zk = v * inv[k];
                z[k] = zk;
                carry[c] = zk;
            }
            final double o = gc;
            for (int i = 1; i < rows; i++) {
                final int base = i * n + j0;
                if (i == rows - 1) {
                    for (int c = 0; c < w; c++) {
                        int k = base + c;
                        x[k] += a * p[k];
                        double v = r[k] - a * q[k];
                        r[k] = v;
                        acc[j0 + c] += v * v;
                        z[k] = (v + colLast[j0 + c] * carry[c]) * inv[k];
                    }
                    break;
                }
                for (int c = 0; c < w; c++) {
                    int k = base + c;
                    x[k] += a * p[k];
                    double v = r[k] - a * q[k];
                    r[k] = v;
                    acc[j0 + c] += v * v;
                    double zk = (v + o * carry[c]) * inv[k];
                    z[k] = zk;
                    carry[c] = zk;
                }
            }
            final int lastBase = (rows - 1) * n + j0;
            for (int c = 0; c < w; c++) {
                int k = lastBase + c;
                acc2[j0 + c] = r[k] * z[k];
                carry[c] = z[k];
            }
            for (int i = rows - 2; i >= 0; i--) {
                final int base = i * n + j0;
                if (i == rows - 2) {
                    for (int c = 0; c < w; c++) {
                        int k = base + c;
                        double v = z[k] + colLast[j0 + c] * inv[k] * carry[c];
                        z[k] = v;
                        carry[c] = v;
                        acc2[j0 + c] += r[k] * v;
                    }
                    continue;
                }
                for (int c = 0; c < w; c++) {
                    int k = base + c;
                    double v = z[k] + o * inv[k] * carry[c];
                    z[k] = v;
                    carry[c] = v;
                    acc2[j0 + c] += r[k] * v;
                }
            }
        }

        /** x_r = A_r^-1 (b_r + B x_c), into xr (one value per cell, or per row when unwired). */
        private void recover(double[] br, double[] xr) {
            final double[] g = s.coupling;
            final int n = cols;
            rows((chunk, i0, i1) -> {
                for (int i = i0; i < i1; i++) {
                    final int base = i * n;
                    if (!rowWired) {
                        double sum = br[i];
                        for (int j = 0; j < n; j++) {
                            sum += g[base + j] * (colWired ? x[base + j] : x[j]);
                        }
                        xr[i] = sum * rowInv[i];
                        continue;
                    }
                    for (int j = 0; j < n; j++) {
                        xr[base + j] = br[base + j] + g[base + j] * (colWired ? x[base + j] : x[j]);
                    }
                }
                if (rowWired) {
                    solveRows(xr, i0, i1);
                }
            });
        }

        /**
         * The true residual {@code b - A x} of the solution (xr, x), recomputed from the matrix
         * entries, block by block: its norm over the row equations and over the column equations,
         * and each block's rounding floor. The column part is left in {@code r}, which is where a
         * restart takes it from. Summed per line, then in order.
         */
        private Check residual(double[] br, double[] bc, double[] xr, double rowScale, double colScale) {
            final double[] g = s.coupling;
            final int n = cols;
            // row equations, one row line at a time: v is the residual current, m the magnitude of
            // the terms it is the sum of
            rows((chunk, i0, i1) -> {
                for (int i = i0; i < i1; i++) {
                    final int base = i * n;
                    if (!rowWired) {
                        double d = xr[i] / rowInv[i];
                        double v = br[i] - d;
                        double m = Math.abs(br[i]) + Math.abs(d);
                        for (int j = 0; j < n; j++) {
                            double c = g[base + j] * (colWired ? x[base + j] : x[j]);
                            v += c;
                            m += Math.abs(c);
                        }
                        rowDots[i] = v * v;
                        rowDots2[i] = m * m;
                        continue;
                    }
                    double sum = 0;
                    double magnitude = 0;
                    for (int j = 0; j < n; j++) {
                        int k = base + j;
                        double d = s.rowDiag(i, j) * xr[k];
                        double c = g[k] * (colWired ? x[k] : x[j]);
                        double v = br[k] - d + c;
                        double m = Math.abs(br[k]) + Math.abs(d) + Math.abs(c);
                        if (j > 0) {
                            double o = s.rowOff(i, j - 1) * xr[k - 1];
                            v += o;
                            m += Math.abs(o);
                        }
                        if (j + 1 < n) {
                            double o = s.rowOff(i, j) * xr[k + 1];
                            v += o;
                            m += Math.abs(o);
                        }
                        sum += v * v;
                        magnitude += m * m;
                    }
                    rowDots[i] = sum;
                    rowDots2[i] = magnitude;
                }
            });
            double rowResidual = Math.sqrt(sumOf(rowDots));
            double rowMagnitude = Math.sqrt(sumOf(rowDots2));
            double colResidual;
            double colMagnitude;
            if (colWired) {
                rows((chunk, i0, i1) -> {
                    for (int i = i0; i < i1; i++) {
                        final int base = i * n;
                        double sum = 0;
                        double magnitude = 0;
                        for (int j = 0; j < n; j++) {
                            int k = base + j;
                            double d = s.colDiag(i, j) * x[k];
                            double c = g[k] * (rowWired ? xr[k] : xr[i]);
                            double v = bc[k] - d + c;
                            double m = Math.abs(bc[k]) + Math.abs(d) + Math.abs(c);
                            if (i > 0) {
                                double o = s.colOff(i - 1, j) * x[k - n];
                                v += o;
                                m += Math.abs(o);
                            }
                            if (i + 1 < rows) {
                                double o = s.colOff(i, j) * x[k + n];
                                v += o;
                                m += Math.abs(o);
                            }
                            r[k] = v;
                            sum += v * v;
                            magnitude += m * m;
                        }
                        rowDots[i] = sum;
                        rowDots2[i] = magnitude;
                    }
                });
                colResidual = Math.sqrt(sumOf(rowDots));
                colMagnitude = Math.sqrt(sumOf(rowDots2));
            } else {
                columns((chunk, j0, j1) -> {
                    for (int j = j0; j < j1; j++) {
                        double d = colTopDiag[j] * x[j];
                        colDots[j] = bc[j] - d;
                        colDots2[j] = Math.abs(bc[j]) + Math.abs(d);
                    }
                    for (int i = 0; i < rows; i++) {
                        final int base = i * n;
                        for (int j = j0; j < j1; j++) {
                            double c = g[base + j] * (rowWired ? xr[base + j] : xr[i]);
                            colDots[j] += c;
                            colDots2[j] += Math.abs(c);
                        }
                    }
                    for (int j = j0; j < j1; j++) {
                        r[j] = colDots[j];
                        colDots[j] *= colDots[j];
                        colDots2[j] *= colDots2[j];
                    }
                });
                colResidual = Math.sqrt(sumOf(colDots));
                colMagnitude = Math.sqrt(sumOf(colDots2));
            }
            return new Check(rowResidual, colResidual, rowScale, colScale,
                    ROUNDING_FLOOR_FACTOR * UNIT_ROUNDOFF * rowMagnitude, ROUNDING_FLOOR_FACTOR * UNIT_ROUNDOFF * colMagnitude);
        }

        /**
         * The node whose equation is furthest from holding (sequential; for the failure message).
         * A node whose residual is not finite counts as the worst.
         */
        private Worst worst(double[] br, double[] bc, double[] xr) {
            final double[] g = s.coupling;
            final int n = cols;
            String node = CrossbarCircuit.rowNode(0, 0);
            double amps = -1;
            int column = -1;
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < (rowWired ? n : 1); j++) {
                    double v;
                    if (!rowWired) {
                        v = br[i] - xr[i] / rowInv[i];
                        for (int c = 0; c < n; c++) {
                            v += g[i * n + c] * (colWired ? x[i * n + c] : x[c]);
                        }
                    } else {
                        int k = i * n + j;
                        v = br[k] - s.rowDiag(i, j) * xr[k] + g[k] * (colWired ? x[k] : x[j])
                                + (j > 0 ? s.rowOff(i, j - 1) * xr[k - 1] : 0) + (j + 1 < n ? s.rowOff(i, j) * xr[k + 1] : 0);
                    }
                    if (!(Math.abs(v) <= amps)) {
                        amps = Math.abs(v);
                        node = CrossbarCircuit.rowNode(i, j);
                        column = -1;
                    }
                }
            }
            // the column residuals are in r, left there by the last residual()
            for (int k = 0; k < r.length; k++) {
                if (!(Math.abs(r[k]) <= amps)) {
                    amps = Math.abs(r[k]);
                    node = colWired ? CrossbarCircuit.columnNode(k / n, k % n) : CrossbarCircuit.columnNode(0, k);
                    column = k;
                }
            }
            return new Worst(node, amps, column);
        }
    }

    /**
     * The true residual of an answer, block by block, and whether it is accepted. A block passes
     * when its residual norm is at most {@code tolerance} times its scale ({@code ||b_r||} for the
     * row equations; for the column equations the norm of the currents that meet there,
     * {@code || |b_c| + B' |A_r^-1 b_r| ||}, which stays meaningful when the drive currents
     * {@code V/R_S} are huge or opposite drives cancel), or at most its rounding floor: what
     * evaluating {@code b - A x} leaves even for the exact solution rounded to doubles,
     * {@link #ROUNDING_FLOOR_FACTOR} {@code 2^-53 || |b| + |A| |x| ||}. Below the floor no
     * iteration can help: the answer is as good as double precision makes it.
     */
    private record Check(double rowResidual, double colResidual, double rowScale, double colScale, double rowFloor,
            double colFloor) {
        boolean finite() {
            return Double.isFinite(rowResidual) && Double.isFinite(colResidual);
        }

        boolean accepted(double tolerance) {
            return rowResidual <= Math.max(tolerance * rowScale, rowFloor)
                    && colResidual <= Math.max(tolerance * colScale, colFloor);
        }

        /** @return the larger of the two blocks' relative residuals (the statistics' residual) */
        double relative() {
            return Math.max(ratio(rowResidual, rowScale), ratio(colResidual, colScale));
        }

        private static double ratio(double residual, double scale) {
            return scale > 0 ? residual / scale : residual;
        }
    }

    /**
     * The node furthest from satisfying its equation.
     *
     * @param node   its name
     * @param amps   its residual current, ampere
     * @param column its index among the column unknowns, -1 for a row node
     */
    private record Worst(String node, double amps, int column) {
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

    /** {@code sum a[k] b[k]} over {@code k = from .. from+length-1}, four partial sums in a fixed order. */
    /** The sum of {@code a[from..to)}, with four partial sums (their latencies overlap). */
    private static double sumRange(double[] a, int from, int to) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = from;
        for (; k + 3 < to; k += 4) {
            s0 += a[k];
            s1 += a[k + 1];
            s2 += a[k + 2];
            s3 += a[k + 3];
        }
        for (; k < to; k++) {
            s0 += a[k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static double dotRange(double[] a, double[] b, int from, int length) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = from;
        final int end = from + length;
        for (; k + 3 < end; k += 4) {
            s0 += a[k] * b[k];
            s1 += a[k + 1] * b[k + 1];
            s2 += a[k + 2] * b[k + 2];
            s3 += a[k + 3] * b[k + 3];
        }
        for (; k < end; k++) {
            s0 += a[k] * b[k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static double dot(double[] a, double[] b) {
        double s0 = 0;
        double s1 = 0;
        int k = 0;
        for (; k + 1 < a.length; k += 2) {
            s0 += a[k] * b[k];
            s1 += a[k + 1] * b[k + 1];
        }
        for (; k < a.length; k++) {
            s0 += a[k] * b[k];
        }
        return s0 + s1;
    }
}

