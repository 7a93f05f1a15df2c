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
 *
 * <p><b>The transfer matrix from the adjoint system.</b> The outputs are linear in the driver
 * voltages, {@code y = T v}. Written with the nodal system {@code A x = B d} of the unknown
 * node voltages {@code x} (drivers {@code d}: Norton currents {@code d/R_S} at driven row ends, or
 * rows held at {@code d} when {@code R_S = 0}) and an output {@code y = c' x + D d} (current sensing:
 * {@code c = e/R_N} at the column's last node; voltage sensing: {@code c = e} there; {@code R_N = 0}:
 * the sense node is held at 0 V and {@code c} holds its couplings to the nodes around it, {@code D}
 * the devices that join it directly to a held row), {@code T = c' A^-1 B + D}. The nodal matrix is
 * symmetric, so a row of {@code T} is {@code w' B + D} with {@code A w = c}: one solve per output
 * ({@link #transferRow}) instead of one per input. By reciprocity {@code w' B + D} is a current in
 * the adjoint circuit, where every driver sits at 0 V and the output's sense is excited instead:
 * {@code T[o][p]} is the current that flows into driver {@code p}'s source when a current
 * {@code 1/R_N} (current sensing), {@code 1 A} (voltage sensing) is injected at output {@code o}'s
 * sense node, or when that node is held at 1 V ({@code R_N = 0}). That current is {@code v/R_S}
 * at each driven end ({@code R_S > 0}), or, for a row held by an ideal driver, the sum of the
 * currents its held nodes (at 0 V) receive from their neighbours, the held sense node at 1 V
 * included (which is the term {@code D}). A column pair injects with opposite signs into its two
 * columns and a row pair reads its two rows with opposite signs, so one solve still gives one
 * output's row. Every configuration the crossbar supports takes this path; {@link #transferMatrix}
 * takes it whenever there are fewer outputs than inputs.
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

    /**
     * @return how many independent solves this prepared solver can run at once through
     *         {@link #worker()}: 1 (the default) when it cannot
     */
    int workers() {
        return 1;
    }

    /**
     * @return a new prepared solver of the same crossbar that solves on the calling thread alone and
     *         gives bit for bit this one's answers, for solves run concurrently; this one by default
     */
    PreparedCrossbar worker() {
        return this;
    }

    /** @return the name the statistics give this solver */
    final String solverName() {
        return solverName;
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

    /**
     * Solves for the node voltages of the crossbar with every driver at 0 V (its source resistance
     * to ground, or its node held at 0 V when {@code R_S = 0}) and every current sense at 0 V, and
     * with the given currents injected into row and column nodes. An injection into a node held by
     * an ideal source flows into the source and changes no voltage; a line without wire
     * resistance is one node, which receives the sum of its cells' injections.
     *
     * @param rowAmps  current injected into the row node of each cell, ampere, row-major
     * @param colAmps  current injected into the column node of each cell, ampere, row-major
     * @param rowVolts receives the row node voltages, row-major, one per cell
     * @param colVolts receives the column node voltages, row-major, one per cell
     * @return iterations, residual and path
     */
    abstract Convergence solveInjected(double[] rowAmps, double[] colAmps, double[] rowVolts, double[] colVolts);

    /**
     * The transfer matrix from one solve per output where the crossbar has fewer outputs than
     * inputs ({@link TransferMatrix#perOutput}), from one solve per input otherwise.
     */
    @Override
    public TransferMatrix transferMatrix() {
        return circuit.outputs() < circuit.inputs() ? TransferMatrix.perOutput(this) : TransferMatrix.perInput(this);
    }

    @Override
    public TransferMatrix transferMatrix(TransferMatrix.Construction construction) {
        return construction == TransferMatrix.Construction.PER_OUTPUT ? TransferMatrix.perOutput(this)
                : TransferMatrix.perInput(this);
    }

    @Override
    public int transferSolves() {
        return Math.min(circuit.inputs(), circuit.outputs());
    }

    /**
     * One row of the transfer matrix, from one solve of the adjoint system (see the class
     * documentation): the output's sense is excited with every driver at 0 V, and the current
     * that then flows into each driver's source is the output's sensitivity to that driver.
     *
     * @param output   the output
     * @param rowAmps  scratch, one per cell
     * @param colAmps  scratch, one per cell
     * @param rowVolts scratch, one per cell
     * @param colVolts scratch, one per cell
     * @param row      receives {@code T[output][input]} for every input, siemens (volt per volt
     *                 with voltage sensing)
     * @return how the adjoint solve went
     */
    final Convergence transferRow(int output, double[] rowAmps, double[] colAmps, double[] rowVolts, double[] colVolts,
            double[] row) {
        int rows = circuit.physicalRows();
        int cols = circuit.physicalColumns();
        boolean rowWired = circuit.rowWireOhms() > 0;
        boolean colWired = circuit.columnWireOhms() > 0;
        double[] g = circuit.sharedConductances();
        int last = (rows - 1) * cols;
        java.util.Arrays.fill(rowAmps, 0.0);
        java.util.Arrays.fill(colAmps, 0.0);
        for (int q = 0; q < cols; q++) {
            if (circuit.outputOfColumn(q) != output) {
                continue;
            }
            double sign = circuit.signOfColumn(q);
            if (circuit.voltageSensing()) {
                colAmps[last + q] += sign;
            } else if (circuit.neuronOhms(q) > 0) {
                colAmps[last + q] += sign / circuit.neuronOhms(q);
            } else if (colWired) {
                // the sense node held at `sign` volts drives its neighbours through the last column
                // wire segment and the last device
                if (rows > 1) {
                    colAmps[last - cols + q] += sign / circuit.columnWireOhms();
                }
                rowAmps[last + q] += sign * g[last + q];
            } else {
                // the whole column is the held node: it drives every row through its device
                for (int i = 0; i < rows; i++) {
                    rowAmps[i * cols + q] += sign * g[i * cols + q];
                }
            }
        }
        Convergence convergence = solveInjected(rowAmps, colAmps, rowVolts, colVolts);
        for (int q = 0; q < cols && !circuit.voltageSensing(); q++) {
            if (circuit.outputOfColumn(q) != output || circuit.neuronOhms(q) > 0) {
                continue;
            }
            // the held sense node's own voltage, for the devices that join it to a held row
            double sign = circuit.signOfColumn(q);
            for (int i = colWired ? rows - 1 : 0; i < rows; i++) {
                colVolts[i * cols + q] = sign;
            }
        }
        java.util.Arrays.fill(row, 0.0);
        double rowWireSiemens = rowWired ? 1.0 / circuit.rowWireOhms() : 0.0;
        for (int p = 0; p < rows; p++) {
            int base = p * cols;
            double amps;
            double rs = circuit.sourceOhms(p);
            if (rs > 0) {
                amps = rowVolts[base] / rs;
                if (circuit.bothEnds()) {
                    amps += rowVolts[base + cols - 1] / rs;
                }
            } else if (!rowWired) {
                // the whole row is held at 0 V: it receives every device's current
                amps = 0;
                for (int j = 0; j < cols; j++) {
                    amps += g[base + j] * colVolts[base + j];
                }
            } else {
                amps = heldEndAmps(g, rowVolts, colVolts, base, 0, cols, rowWireSiemens);
                if (circuit.bothEnds() && cols > 1) {
                    amps += heldEndAmps(g, rowVolts, colVolts, base, cols - 1, cols, rowWireSiemens);
                }
            }
            row[circuit.inputOfRow(p)] += circuit.signOfRow(p) * amps;
        }
        return convergence;
    }

    /**
     * The current a row node held at 0 V receives from its device and its wire neighbours (a held
     * neighbour is at 0 V too and adds nothing).
     */
    private static double heldEndAmps(double[] g, double[] rowVolts, double[] colVolts, int base, int j, int cols,
            double rowWireSiemens) {
        double amps = g[base + j] * colVolts[base + j];
        if (j > 0) {
            amps += rowWireSiemens * rowVolts[base + j - 1];
        }
        if (j + 1 < cols) {
            amps += rowWireSiemens * rowVolts[base + j + 1];
        }
        return amps;
    }

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
