package org.xbar.solve;

import org.xbar.circuit.CrossbarCircuit;
import org.xbar.error.NonFiniteResultException;
import org.xbar.results.CrossbarSolution;
import org.xbar.results.SolverStatistics;

/**
 * What every prepared crossbar solver does around its own node solve: turn the input vector into
 * driver voltages, and turn node voltages into column currents and outputs (currents, or the
 * columns' last voltages for voltage sensing) with statistics.
 *
 * <p>The current a physical column delivers to its sense is the sum of its device currents
 * {@code sum_i g_ij (v_r(i,j) - v_c(i,j))} (for nonlinear devices, {@code sum_i I(g_ij, v_r - v_c)}
 * by the crossbar's I-V law): by Kirchhoff's current law on the whole column line it
 * equals the current through the neuron resistance, and unlike {@code v/R_N} it stays accurate
 * when {@code R_N = 0} or when the column's voltages are tiny.
 *
 * <p>A final guard: a solution with a number that is not finite is never returned. Every node
 * voltage enters a column current (a device of 0 S included, since {@code 0 * NaN} and
 * {@code 0 * infinity} are NaN), so checking the column currents and the outputs checks them all.
 */
abstract class PreparedCrossbar implements CrossbarSolver.Prepared {
    private final CrossbarCircuit circuit;
    private final String solverName;
    private final long setupNanos;

    /**
     * How a node solve went.
     *
     * @param iterations       iterations of an iterative solver, 0 for a direct one
     * @param relativeResidual the true relative residual of the answer
     * @param path             which path produced the answer
     */
    record Convergence(int iterations, double relativeResidual, SolverStatistics.Path path) {
    }

    /**
     * @param circuit    the crossbar
     * @param solverName name for the statistics
     * @param setupNanos time spent preparing
     */
    PreparedCrossbar(CrossbarCircuit circuit, String solverName, long setupNanos) {
        this.circuit = circuit;
        this.solverName = solverName;
        this.setupNanos = setupNanos;
    }

    @Override
    public final CrossbarCircuit circuit() {
        return circuit;
    }

    @Override
    public final long setupNanos() {
        return setupNanos;
    }

    /**
     * Solves for the node voltages of one set of driver voltages.
     *
     * @param drive    voltage of each physical row's driver, volt
     * @param rowVolts receives the row node voltages, row-major, one per cell
     * @param colVolts receives the column node voltages, row-major, one per cell
     * @return iterations, residual and path
     */
    abstract Convergence solveNodes(double[] drive, double[] rowVolts, double[] colVolts);

    @Override
    public final CrossbarSolution solve(double[] inputVolts) {
        long start = System.nanoTime();
        int rows = circuit.physicalRows();
        int cols = circuit.physicalColumns();
        double[] drive = new double[rows];
        circuit.driveVolts(inputVolts, drive);
        double[] rowVolts = new double[rows * cols];
        double[] colVolts = new double[rows * cols];
        Convergence convergence = solveNodes(drive, rowVolts, colVolts);
        double[] g = circuit.sharedConductances();
        double[] columnAmps = new double[cols];
        org.xbar.spec.DeviceIv law = circuit.device();
        boolean linear = law.isLinear();
        for (int i = 0; i < rows; i++) {
            int base = i * cols;
            for (int j = 0; j < cols; j++) {
                double v = rowVolts[base + j] - colVolts[base + j];
                columnAmps[j] += linear ? g[base + j] * v : law.current(g[base + j], v);
            }
        }
        NonFiniteResultException.requireFinite(solverName, "column currents", columnAmps);
        double[] outputs = new double[circuit.outputs()];
        if (circuit.voltageSensing()) {
            circuit.combineOutputs(java.util.Arrays.copyOfRange(colVolts, (rows - 1) * cols, rows * cols), outputs);
        } else {
            circuit.combineOutputs(columnAmps, outputs);
        }
        NonFiniteResultException.requireFinite(solverName, "outputs", outputs);
        SolverStatistics stats = new SolverStatistics(solverName, convergence.iterations(),
                convergence.relativeResidual(), System.nanoTime() - start, convergence.path());
        return new CrossbarSolution(rows, cols, rowVolts, colVolts, columnAmps, outputs, stats);
    }
}
