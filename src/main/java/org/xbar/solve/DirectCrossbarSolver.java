package org.xbar.solve;

import java.util.List;
import org.xbar.circuit.Circuit;
import org.xbar.circuit.CrossbarCircuit;
import org.xbar.error.SingularCircuitException;
import org.xbar.results.CircuitSolution;
import org.xbar.results.OutputBatch;
import org.xbar.results.SolverStatistics;
import org.xbar.solve.newton.NewtonSolver;
import org.xbar.spec.InputBatch;
import org.xbar.solve.sparse.CholeskySolver;
import org.xbar.solve.sparse.LinearSolver;
import org.xbar.solve.sparse.NodalSystem;
import org.xbar.solve.sparse.Residuals;

/**
 * The reference crossbar solver: writes the crossbar as a generic {@link Circuit}, assembles its
 * {@link NodalSystem} (ideal wires merge each line into one node, so a crossbar without wire
 * resistance becomes the reduced {@code rows + cols} system) and factors it once with a sparse
 * direct {@link LinearSolver}; each input vector then costs one forward and one back substitution.
 * A factorization that breaks down, or a solve that is not finite, names the node
 * ({@link SingularCircuitException}). This is also the iterative solver's fallback.
 *
 * <p><b>Nonlinear devices</b> (a {@link org.xbar.spec.DeviceIv} other than linear): the crossbar
 * is still written as a generic circuit, each device a behavioral current source with its exact
 * derivative, and each input vector is solved by the {@link NewtonSolver} (ngspice's Newton
 * iteration, with its continuation methods). The outputs are then not linear in the inputs, so a
 * batch is solved vector by vector and there is no transfer matrix. This is the reference; the
 * line-relaxation solver's Newton iteration ({@link CrossbarNewton}) solves the same crossbars a
 * linear crossbar solve per step, and falls back to this one.
 */
public final class DirectCrossbarSolver implements CrossbarSolver {
    private final LinearSolver linearSolver;

    /** Uses sparse Cholesky with AMD ordering ({@link CholeskySolver}). */
    public DirectCrossbarSolver() {
        this(new CholeskySolver());
    }

    /**
     * @param linearSolver the direct solver for the nodal matrix
     */
    public DirectCrossbarSolver(LinearSolver linearSolver) {
        this.linearSolver = linearSolver;
    }

    @Override
    public String name() {
        return "direct-" + linearSolver.name();
    }

    @Override
    public Prepared prepare(CrossbarCircuit crossbar) {
        if (crossbar.spec().isNonlinear()) {
            return new PreparedNewton(crossbar);
        }
        return prepareNodes(crossbar);
    }

    /** Nonlinear devices: one Newton solve of the generic circuit per input vector. */
    private static final class PreparedNewton extends PreparedCrossbar {
        private final CrossbarCircuit crossbar;
        private final NewtonSolver newton = new NewtonSolver();
        private final int[] rowNode;
        private final int[] columnNode;

        PreparedNewton(CrossbarCircuit crossbar) {
            super(crossbar, "direct-newton", 0);
            this.crossbar = crossbar;
            Circuit circuit = crossbar.toCircuit(new double[crossbar.inputs()]);
            int[][] cells = cellNodes(crossbar, circuit);
            this.rowNode = cells[0];
            this.columnNode = cells[1];
        }

        @Override
        Convergence solveNodes(double[] drive, double[] rowVolts, double[] colVolts) {
            // Physical rows 0..inputs-1 are driven by +V_i whatever the mapping.
            double[] inputs = java.util.Arrays.copyOf(drive, crossbar.inputs());
            CircuitSolution solution = newton.solve(crossbar.toCircuit(inputs));
            for (int k = 0; k < rowVolts.length; k++) {
                rowVolts[k] = solution.voltage(rowNode[k]);
                colVolts[k] = solution.voltage(columnNode[k]);
            }
            return new Convergence(solution.statistics().iterations(), 0.0, SolverStatistics.Path.NEWTON);
        }

        @Override
        public OutputBatch solveBatch(InputBatch inputs) {
            return solveEach(inputs);
        }

        @Override
        public TransferMatrix transferMatrix() {
            crossbar.spec().requireLinear("a transfer matrix");
            throw new IllegalStateException("unreachable: the devices are nonlinear");
        }

        /** Refused: an adjoint solve is a linear system's, and these devices are nonlinear. */
        @Override
        Convergence solveInjected(double[] rowAmps, double[] colAmps, double[] rowVolts, double[] colVolts) {
            crossbar.spec().requireLinear("an adjoint solve with injected currents");
            throw new IllegalStateException("unreachable: the devices are nonlinear");
        }
    }

    /**
     * {@link #prepare}, typed for the iterative solver's fallback, which solves node voltages
     * directly.
     *
     * @param crossbar the crossbar
     * @return the prepared solver
     * @throws org.xbar.error.SingularCircuitException when the factorization breaks down, naming the node
     */
    PreparedCrossbar prepareNodes(CrossbarCircuit crossbar) {
        crossbar.spec().requireLinear("the direct solver's factored nodal system");
        long start = System.nanoTime();
        Circuit circuit = crossbar.toCircuit(new double[crossbar.inputs()]);
        NodalSystem system = NodalSystem.of(circuit);
        LinearSolver.Factorization factorization = system.unknowns() > 0
                ? linearSolver.factor(system.matrix(), system::unknownName) : null;
        return new PreparedDirect(crossbar, circuit, system, factorization, System.nanoTime() - start);
    }

    private final class PreparedDirect extends PreparedCrossbar {
        private final NodalSystem system;
        private final LinearSolver.Factorization factorization;
        private final int[] rowNode;
        private final int[] columnNode;
        /** Physical row each voltage source drives, -1 for the sense sources. */
        private final int[] sourceRow;

        PreparedDirect(CrossbarCircuit crossbar, Circuit circuit, NodalSystem system,
                LinearSolver.Factorization factorization, long setupNanos) {
            super(crossbar, name(), setupNanos);
            this.system = system;
            this.factorization = factorization;
            int[][] cells = cellNodes(crossbar, circuit);
            this.rowNode = cells[0];
            this.columnNode = cells[1];
            Circuit.ElementList sources = circuit.voltageSources();
            this.sourceRow = new int[sources.size()];
            for (int s = 0; s < sourceRow.length; s++) {
                sourceRow[s] = CrossbarCircuit.drivenRow(sources.name(s));
            }
        }

        @Override
        Convergence solveNodes(double[] drive, double[] rowVolts, double[] colVolts) {
            double[] sourceVolts = new double[sourceRow.length];
            for (int s = 0; s < sourceRow.length; s++) {
                sourceVolts[s] = sourceRow[s] >= 0 ? drive[sourceRow[s]] : 0.0;
            }
            int n = system.unknowns();
            double[] rhs = new double[n];
            if (n > 0) {
                system.rightHandSide(sourceVolts, new double[0], rhs);
            }
            return solveAndSpread(rhs, sourceVolts, rowVolts, colVolts);
        }

        /**
         * Every source at 0 V, so the rigid groups carry no offsets: an injection adds to its
         * node's group, and a group held by a source (the ground group) drops it.
         */
        @Override
        Convergence solveInjected(double[] rowAmps, double[] colAmps, double[] rowVolts, double[] colVolts) {
            double[] rhs = new double[system.unknowns()];
            for (int k = 0; k < rowNode.length; k++) {
                int u = system.unknownOfNode(rowNode[k]);
                if (u >= 0) {
                    rhs[u] += rowAmps[k];
                }
                u = system.unknownOfNode(columnNode[k]);
                if (u >= 0) {
                    rhs[u] += colAmps[k];
                }
            }
            return solveAndSpread(rhs, new double[sourceRow.length], rowVolts, colVolts);
        }

        /** Solves for the right-hand side and spreads the node voltages over the cells. */
        private Convergence solveAndSpread(double[] rhs, double[] sourceVolts, double[] rowVolts, double[] colVolts) {
            int n = system.unknowns();
            double[] x = new double[n];
            double residual = 0;
            if (n > 0) {
                factorization.solve(rhs, x);
                for (int u = 0; u < n; u++) {
                    if (!Double.isFinite(x[u])) {
                        throw new SingularCircuitException(List.of(system.unknownName(u)), "the direct solve gave this"
                                + " node the voltage " + x[u] + ": the nodal matrix is numerically singular");
                    }
                }
                residual = Residuals.relative(system.matrix(), x, rhs);
            }
            double[] volts = system.nodeVoltages(x, sourceVolts);
            for (int k = 0; k < rowVolts.length; k++) {
                rowVolts[k] = volts[rowNode[k]];
                colVolts[k] = volts[columnNode[k]];
            }
            return new Convergence(0, residual, SolverStatistics.Path.DIRECT);
        }
    }

    /**
     * @param crossbar the crossbar
     * @param circuit  its generic circuit
     * @return the circuit's node of every cell's row and of its column, row-major: {rowNode, columnNode}
     */
    private static int[][] cellNodes(CrossbarCircuit crossbar, Circuit circuit) {
        int rows = crossbar.physicalRows();
        int cols = crossbar.physicalColumns();
        int[] rowNode = new int[rows * cols];
        int[] columnNode = new int[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                rowNode[i * cols + j] = circuit.nodeIndex(CrossbarCircuit.rowNode(i, j));
                columnNode[i * cols + j] = circuit.nodeIndex(CrossbarCircuit.columnNode(i, j));
            }
        }
        return new int[][] {rowNode, columnNode};
    }
}
