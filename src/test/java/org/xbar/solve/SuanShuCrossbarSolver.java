package org.xbar.solve;

import com.numericalmethod.suanshu.algorithm.iterative.tolerance.AbsoluteTolerance;
import com.numericalmethod.suanshu.matrix.doubles.linearsystem.LSProblem;
import com.numericalmethod.suanshu.matrix.doubles.matrixtype.sparse.LILSparseMatrix;
import com.numericalmethod.suanshu.matrix.doubles.matrixtype.sparse.solver.iterative.ConvergenceFailure;
import com.numericalmethod.suanshu.matrix.doubles.matrixtype.sparse.solver.iterative.nonstationary.ConjugateGradientSolver;
import com.numericalmethod.suanshu.matrix.doubles.matrixtype.sparse.solver.iterative.preconditioner.JacobiPreconditioner;
import com.numericalmethod.suanshu.vector.doubles.Vector;
import com.numericalmethod.suanshu.vector.doubles.dense.DenseVector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbar.circuit.CrossbarCircuit;
import org.xbar.error.NoConvergenceException;
import org.xbar.error.NonFiniteResultException;
import org.xbar.error.SingularCircuitException;
import org.xbar.results.CrossbarSolution;
import org.xbar.results.SolverStatistics;

/**
 * A third, independent crossbar solver for the tests: the nodal system written straight from the
 * {@link CrossbarCircuit}'s elements into SuanShu's sparse matrix ({@link LILSparseMatrix}, whose
 * product reads its rows in place where SuanShu's CSR type copies every row on every product) and
 * solved with SuanShu's Jacobi-preconditioned conjugate gradients ({@link ConjugateGradientSolver},
 * Saad, <i>Iterative Methods for Sparse Linear Systems</i>, 2nd ed., section 6.7): other people's
 * code beside our line relaxation ({@link LineRelaxationSolver}) and CSparseJ's Cholesky on our
 * assembly ({@link DirectCrossbarSolver}). Test scope only: DESIGN section 7 measured SuanShu's CG
 * at 10-30x slower than ours, which small and medium crossbars can afford.
 *
 * <p><b>What is independent.</b> The assembly: nothing of {@code Circuit},
 * {@code CrossbarCircuit.toCircuit}, {@code NodeGroups} or {@code NodalSystem} is used. Each
 * physical cell (i, j) has a row node {@code r<i>_<j>} and a column node {@code c<i>_<j>}. 0-ohm
 * wire segments merge nodes into one unknown (union-find); a driver with {@code R_S = 0} fixes its
 * row's end node (both ends for a two-ended drive) at the driver's voltage, and with current
 * sensing {@code R_N = 0} fixes the column's last node at the sense's virtual ground. Every other
 * element is a conductance {@code g} stamped between two nodes (row and column wire segments,
 * devices) or between a node and a fixed voltage: a driver {@code V} behind {@code R_S} is its
 * Norton equivalent, {@code 1/R_S} on the diagonal and {@code V/R_S} on the right-hand side, and
 * {@code R_N} goes to ground. Groups of nodes with no conductive path to a fixed voltage (a
 * voltage-sensed column without devices) are refused by name with
 * {@link SingularCircuitException} before any arithmetic. The solve is SuanShu's; the outer
 * iterative refinement around it, the true residual and the output currents (the sum of each
 * column's device currents) are computed here in plain loops.
 *
 * <p><b>What is shared.</b> The lowering of the spec to its physical array ({@link CrossbarCircuit}:
 * the physical conductances of a row or column pair, each physical row's driver voltage
 * ({@link CrossbarCircuit#driveVolts}), and how physical columns combine into outputs
 * ({@link CrossbarCircuit#combineOutputs})), the result types, and {@link TransferMatrix} for large
 * batches. A drive or sensing this assembly does not know is refused, not guessed: the switches on
 * {@code Drive} and {@code Sensing} name every kind and stop compiling when a new one appears.
 *
 * <p><b>Stopping.</b> SuanShu's CG caps itself at {@code n} iterations and stops on its running
 * (recursively updated) residual. Around it, iterative refinement: the true residual
 * {@code r = b - A x} is recomputed here and CG solves {@code A d = r} from zero ({@code x += d}),
 * asked for a {@value #RUN_REDUCTION} reduction, until the normwise backward error
 * {@code ||r|| / (||A|| ||x|| + ||b||)} (infinity norms; Rigal and Gaches) reaches
 * {@value #REFINEMENT_TARGET}, one unit of rounding, or a run no longer halves the residual (the
 * better of the last two iterates is kept). The answer must then meet the tolerance
 * ({@value #DEFAULT_TOLERANCE} by default), or the solve ends in {@link NoConvergenceException}.
 * Measured on the contract's crossbars (454 solves, most done after two runs): a median of 5e-17,
 * at worst 6.3e-16.
 */
final class SuanShuCrossbarSolver implements CrossbarSolver {
    /** Default normwise backward error an answer must meet: {@value}. */
    static final double DEFAULT_TOLERANCE = 1e-14;
    /** Refinement goes on, while it gains, to this normwise backward error, one unit of rounding: {@value}. */
    private static final double REFINEMENT_TARGET = 0x1p-52;
    /** Default cap on CG runs (each at most {@code n} iterations, SuanShu's own cap): {@value}. */
    static final int DEFAULT_MAX_RUNS = 40;
    /** Each CG run asks for this reduction of the residual it starts from: {@value}. */
    private static final double RUN_REDUCTION = 1e-10;
    private static final int GROUND = -1;
    private static final int FREE = -2;

    private final double tolerance;
    private final int maxRuns;

    /** With {@link #DEFAULT_TOLERANCE} and {@link #DEFAULT_MAX_RUNS}. */
    SuanShuCrossbarSolver() {
        this(DEFAULT_TOLERANCE, DEFAULT_MAX_RUNS);
    }

    /**
     * @param tolerance normwise backward error an answer must meet
     * @param maxRuns   most CG runs (refinement steps) per solve
     */
    SuanShuCrossbarSolver(double tolerance, int maxRuns) {
        this.tolerance = tolerance;
        this.maxRuns = maxRuns;
    }

    @Override
    public String name() {
        return "suanshu-cg";
    }

    @Override
    public Prepared prepare(CrossbarCircuit crossbar) {
        long start = System.nanoTime();
        Assembly assembly = new Assembly(crossbar);
        return new PreparedSuanShu(crossbar, assembly, System.nanoTime() - start);
    }

    /**
     * The nodal system of one crossbar: unknowns (groups of nodes joined by ideal wires, not fixed
     * by an ideal driver or sense), the conductance matrix over them, and the right-hand side as
     * Norton currents from the drivers.
     */
    private static final class Assembly {
        final int rows;
        final int cols;
        /** Representative (union-find root) of each physical node: row nodes, then column nodes. */
        final int[] groupOf;
        /** Unknown of each representative, -1 for a fixed group. */
        final int[] unknownOf;
        /** Physical row whose driver fixes each representative, {@link #GROUND}, or {@link #FREE}. */
        final int[] fixedBy;
        final int unknowns;
        /** Triplets of the matrix, 0-based, one per (row, column) after summing. */
        final int[] entryRow;
        final int[] entryColumn;
        final double[] entryValue;
        /** Right-hand-side terms: {@code b[rhsUnknown] += rhsSiemens * drive[rhsRow]}. */
        final int[] rhsUnknown;
        final int[] rhsRow;
        final double[] rhsSiemens;
        final LILSparseMatrix matrix;
        /** {@code ||A||}, infinity norm (largest absolute row sum), siemens. */
        final double matrixNorm;

        Assembly(CrossbarCircuit crossbar) {
            rows = crossbar.physicalRows();
            cols = crossbar.physicalColumns();
            boolean bothEnds = switch (crossbar.spec().drive()) {
                case ONE_END -> false;
                case BOTH_ENDS -> true;
            };
            boolean voltageSensing = switch (crossbar.spec().sensing()) {
                case CURRENT -> false;
                case VOLTAGE -> true;
            };
            int cells = rows * cols;
            int nodes = 2 * cells;
            double rowWire = crossbar.rowWireOhms();
            double columnWire = crossbar.columnWireOhms();

            // Ideal wires merge nodes.
            int[] parent = new int[nodes];
            for (int k = 0; k < nodes; k++) {
                parent[k] = k;
            }
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    if (j + 1 < cols && rowWire == 0) {
                        union(parent, rowNode(i, j), rowNode(i, j + 1));
                    }
                    if (i + 1 < rows && columnWire == 0) {
                        union(parent, columnNode(i, j), columnNode(i + 1, j));
                    }
                }
            }
            groupOf = new int[nodes];
            for (int k = 0; k < nodes; k++) {
                groupOf[k] = find(parent, k);
            }

            // Ideal drivers and senses fix nodes.
            fixedBy = new int[nodes];
            Arrays.fill(fixedBy, FREE);
            for (int p = 0; p < rows; p++) {
                if (crossbar.sourceOhms(p) == 0) {
                    fix(rowNode(p, 0), p);
                    if (bothEnds) {
                        fix(rowNode(p, cols - 1), p);
                    }
                }
            }
            for (int q = 0; q < cols && !voltageSensing; q++) {
                if (crossbar.neuronOhms(q) == 0) {
                    fix(columnNode(rows - 1, q), GROUND);
                }
            }
            unknownOf = new int[nodes];
            Arrays.fill(unknownOf, -1);
            int n = 0;
            for (int k = 0; k < nodes; k++) {
                if (groupOf[k] == k && fixedBy[k] == FREE) {
                    unknownOf[k] = n++;
                }
            }
            unknowns = n;

            // Stamp every element with a resistance.
            Stamps stamps = new Stamps(n);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    if (j + 1 < cols && rowWire > 0) {
                        stamps.conductance(rowNode(i, j), rowNode(i, j + 1), 1.0 / rowWire);
                    }
                    if (i + 1 < rows && columnWire > 0) {
                        stamps.conductance(columnNode(i, j), columnNode(i + 1, j), 1.0 / columnWire);
                    }
                    double g = crossbar.conductance(i, j);
                    if (g > 0) {
                        stamps.conductance(rowNode(i, j), columnNode(i, j), g);
                    }
                }
            }
            for (int p = 0; p < rows; p++) {
                double ohms = crossbar.sourceOhms(p);
                if (ohms > 0) {
                    stamps.norton(rowNode(p, 0), p, 1.0 / ohms);
                    if (bothEnds) {
                        stamps.norton(rowNode(p, cols - 1), p, 1.0 / ohms);
                    }
                }
            }
            for (int q = 0; q < cols && !voltageSensing; q++) {
                double ohms = crossbar.neuronOhms(q);
                if (ohms > 0) {
                    stamps.norton(columnNode(rows - 1, q), GROUND, 1.0 / ohms);
                }
            }
            stamps.refuseFloatingGroups();

            int entries = stamps.offDiagonal.size() + n;
            entryRow = new int[entries];
            entryColumn = new int[entries];
            entryValue = new double[entries];
            int e = 0;
            for (int u = 0; u < n; u++) {
                entryRow[e] = u;
                entryColumn[e] = u;
                entryValue[e++] = stamps.diagonal[u];
            }
            for (Map.Entry<Long, Double> entry : stamps.offDiagonal.entrySet()) {
                entryRow[e] = (int) (entry.getKey() / n);
                entryColumn[e] = (int) (entry.getKey() % n);
                entryValue[e++] = entry.getValue();
            }
            rhsUnknown = stamps.rhsUnknown.stream().mapToInt(Integer::intValue).toArray();
            rhsRow = stamps.rhsRow.stream().mapToInt(Integer::intValue).toArray();
            rhsSiemens = stamps.rhsSiemens.stream().mapToDouble(Double::doubleValue).toArray();
            double[] rowSum = new double[n];
            for (int k = 0; k < entries; k++) {
                rowSum[entryRow[k]] += Math.abs(entryValue[k]);
            }
            matrixNorm = Arrays.stream(rowSum).max().orElse(0);
            matrix = n == 0 ? null : new LILSparseMatrix(n, n, plusOne(entryRow), plusOne(entryColumn), entryValue);
        }

        private void fix(int node, int source) {
            int g = groupOf[node];
            if (fixedBy[g] != FREE && fixedBy[g] != source) {
                throw new SingularCircuitException(List.of(nodeName(node)), "two ideal sources fix this node");
            }
            fixedBy[g] = source;
        }

        int rowNode(int i, int j) {
            return i * cols + j;
        }

        int columnNode(int i, int j) {
            return rows * cols + i * cols + j;
        }

        String nodeName(int node) {
            int cell = node % (rows * cols);
            return node < rows * cols ? CrossbarCircuit.rowNode(cell / cols, cell % cols)
                    : CrossbarCircuit.columnNode(cell / cols, cell % cols);
        }

        /** The matrix and right-hand side under construction. */
        private final class Stamps {
            final double[] diagonal;
            /** Off-diagonal entries by {@code row * n + column}, in insertion order. */
            final Map<Long, Double> offDiagonal = new LinkedHashMap<>();
            final List<Integer> rhsUnknown = new ArrayList<>();
            final List<Integer> rhsRow = new ArrayList<>();
            final List<Double> rhsSiemens = new ArrayList<>();
            /** Union-find over the unknowns, joined by conductances between them. */
            final int[] component;
            /** True for an unknown with a conductance to a fixed voltage. */
            final boolean[] anchored;
            final int n;

            Stamps(int n) {
                this.n = n;
                diagonal = new double[n];
                component = new int[n];
                for (int u = 0; u < n; u++) {
                    component[u] = u;
                }
                anchored = new boolean[n];
            }

            /** A conductance {@code g} between two physical nodes. */
            void conductance(int nodeA, int nodeB, double g) {
                int a = groupOf[nodeA];
                int b = groupOf[nodeB];
                if (a == b) {
                    return;
                }
                int ua = unknownOf[a];
                int ub = unknownOf[b];
                if (ua >= 0 && ub >= 0) {
                    diagonal[ua] += g;
                    diagonal[ub] += g;
                    offDiagonal.merge((long) ua * n + ub, -g, Double::sum);
                    offDiagonal.merge((long) ub * n + ua, -g, Double::sum);
                    union(component, ua, ub);
                } else if (ua >= 0) {
                    norton(nodeA, fixedBy[b], g);
                } else if (ub >= 0) {
                    norton(nodeB, fixedBy[a], g);
                }
                // between two fixed nodes: no unknown sees it
            }

            /** A conductance {@code g} from a physical node to a fixed voltage (a driver's row, or ground). */
            void norton(int node, int source, double g) {
                int u = unknownOf[groupOf[node]];
                if (u < 0) {
                    return;
                }
                diagonal[u] += g;
                anchored[u] = true;
                if (source != GROUND) {
                    rhsUnknown.add(u);
                    rhsRow.add(source);
                    rhsSiemens.add(g);
                }
            }

            /** Refuses, by name, any set of unknowns with no conductive path to a fixed voltage. */
            void refuseFloatingGroups() {
                boolean[] componentAnchored = new boolean[n];
                for (int u = 0; u < n; u++) {
                    if (anchored[u]) {
                        componentAnchored[find(component, u)] = true;
                    }
                }
                List<String> floating = new ArrayList<>();
                for (int k = 0; k < groupOf.length; k++) {
                    int u = unknownOf[groupOf[k]];
                    if (u >= 0 && !componentAnchored[find(component, u)]) {
                        floating.add(nodeName(k));
                    }
                }
                if (!floating.isEmpty()) {
                    throw new SingularCircuitException(floating, "no conductive path to a driver or to ground"
                            + " (a floating column without devices?)");
                }
            }
        }
    }

    private static int[] plusOne(int[] indices) {
        int[] shifted = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            shifted[k] = indices[k] + 1;
        }
        return shifted;
    }

    private static int find(int[] parent, int k) {
        while (parent[k] != k) {
            parent[k] = parent[parent[k]];
            k = parent[k];
        }
        return k;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }

    private final class PreparedSuanShu implements Prepared {
        private final CrossbarCircuit crossbar;
        private final Assembly system;
        private final long setupNanos;

        PreparedSuanShu(CrossbarCircuit crossbar, Assembly system, long setupNanos) {
            this.crossbar = crossbar;
            this.system = system;
            this.setupNanos = setupNanos;
        }

        @Override
        public CrossbarCircuit circuit() {
            return crossbar;
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
            crossbar.driveVolts(inputVolts, drive);
            int n = system.unknowns;
            double[] b = new double[n];
            for (int t = 0; t < system.rhsUnknown.length; t++) {
                b[system.rhsUnknown[t]] += system.rhsSiemens[t] * drive[system.rhsRow[t]];
            }
            double[] x = new double[n];
            int iterations = solveNodes(b, x);
            NonFiniteResultException.requireFinite(name(), "node voltages", x);

            int cells = rows * cols;
            double[] rowVolts = new double[cells];
            double[] colVolts = new double[cells];
            for (int k = 0; k < cells; k++) {
                rowVolts[k] = volts(k, x, drive);
                colVolts[k] = volts(cells + k, x, drive);
            }
            double[] columnAmps = new double[cols];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    columnAmps[j] += crossbar.conductance(i, j) * (rowVolts[i * cols + j] - colVolts[i * cols + j]);
                }
            }
            double[] outputs = new double[crossbar.outputs()];
            crossbar.combineOutputs(crossbar.voltageSensing()
                    ? Arrays.copyOfRange(colVolts, (rows - 1) * cols, cells) : columnAmps, outputs);
            SolverStatistics stats = new SolverStatistics(name(), iterations, relativeResidual(x, b),
                    System.nanoTime() - start, SolverStatistics.Path.ITERATIVE);
            return new CrossbarSolution(rows, cols, rowVolts, colVolts, columnAmps, outputs, stats);
        }

        private double volts(int node, double[] x, double[] drive) {
            int g = system.groupOf[node];
            int u = system.unknownOf[g];
            if (u >= 0) {
                return x[u];
            }
            int source = system.fixedBy[g];
            return source == GROUND ? 0.0 : drive[source];
        }

        /**
         * SuanShu's CG with refinement around it (see the class comment).
         *
         * @param b the right-hand side, ampere
         * @param x receives the unknowns' voltages, volt
         * @throws NoConvergenceException when the answer misses the tolerance
         * @return CG iterations, all runs together
         */
        private int solveNodes(double[] b, double[] x) {
            int n = b.length;
            if (n == 0 || Arrays.stream(b).allMatch(v -> v == 0)) {
                return 0;
            }
            int iterations = 0;
            double[] r = new double[n];
            double previous = Double.POSITIVE_INFINITY;
            double[] before = new double[n];
            for (int run = 0; ; run++) {
                double residualNorm = residual(x, b, r);
                boolean stalled = !(residualNorm <= 0.5 * previous);
                if (stalled && residualNorm > previous) {
                    // the last run made it worse: keep the iterate it started from
                    System.arraycopy(before, 0, x, 0, n);
                    residualNorm = residual(x, b, r);
                }
                double backward = backwardError(x, b, r);
                if (backward <= REFINEMENT_TARGET || stalled || run == maxRuns) {
                    if (backward > tolerance) {
                        throw new NoConvergenceException(name(), iterations, relativeResidual(x, b), tolerance,
                                "normwise backward error " + backward + " after " + run + " CG runs");
                    }
                    return iterations;
                }
                previous = residualNorm;
                System.arraycopy(x, 0, before, 0, n);
                // CG replaces its iterate every step (x = x + alpha p): the monitor keeps the latest
                Vector[] last = {null};
                int[] steps = {-1};
                ConjugateGradientSolver solver = new ConjugateGradientSolver(JacobiPreconditioner::new,
                        ConjugateGradientSolver.DEFAULT_RESIDUAL_REFRESH_RATE, Integer.MAX_VALUE,
                        new AbsoluteTolerance(RUN_REDUCTION * residualNorm));
                try {
                    last[0] = solver.solve(new LSProblem(system.matrix, new DenseVector(r)), iterate -> {
                        steps[0]++;
                        last[0] = iterate;
                    }).search(new DenseVector(n));
                } catch (ConvergenceFailure stopped) {
                    // SuanShu stops at n iterations or on a breakdown: refine from its last iterate
                }
                iterations += Math.max(steps[0], 0);
                double[] d = last[0].toArray();
                for (int u = 0; u < n; u++) {
                    x[u] += d[u];
                }
            }
        }

        /** {@code r = b - A x} from the assembled entries; returns its Euclidean norm. */
        private double residual(double[] x, double[] b, double[] r) {
            System.arraycopy(b, 0, r, 0, b.length);
            for (int e = 0; e < system.entryValue.length; e++) {
                r[system.entryRow[e]] -= system.entryValue[e] * x[system.entryColumn[e]];
            }
            double sum = 0;
            for (double v : r) {
                sum += v * v;
            }
            return Math.sqrt(sum);
        }

        /** {@code ||r|| / (||A|| ||x|| + ||b||)}, infinity norms. */
        private double backwardError(double[] x, double[] b, double[] r) {
            double rMax = 0;
            double xMax = 0;
            double bMax = 0;
            for (int u = 0; u < b.length; u++) {
                rMax = Math.max(rMax, Math.abs(r[u]));
                xMax = Math.max(xMax, Math.abs(x[u]));
                bMax = Math.max(bMax, Math.abs(b[u]));
            }
            return rMax / (system.matrixNorm * xMax + bMax);
        }

        /** {@code ||b - A x|| / ||b||}, Euclidean, as {@link SolverStatistics} reports it. */
        private double relativeResidual(double[] x, double[] b) {
            if (b.length == 0) {
                return 0;
            }
            double r = residual(x, b, new double[b.length]);
            double norm = 0;
            for (double v : b) {
                norm += v * v;
            }
            return norm == 0 ? r : r / Math.sqrt(norm);
        }
    }
}
