package org.xbar.solve;

import org.xbar.circuit.CrossbarCircuit;

/**
 * The nodal system of a crossbar in its natural two-block form, for the structured solver:
 * <pre>
 *   [ A_r  -B  ] [x_r]   [b_r]
 *   [ -B'  A_c ] [x_c] = [b_c]
 * </pre>
 * {@code x_r} holds the row nodes and {@code x_c} the column nodes. {@code A_r} is block diagonal
 * with one tridiagonal block per row line (the row wire), {@code A_c} one tridiagonal block per
 * column line, and {@code B} holds the device conductances. A line without wire resistance is a
 * single node (a 1x1 block). Both node sets are laid out row-major, cell (i, j) at
 * {@code i*cols+j}, so that sweeps over all columns run along contiguous memory.
 *
 * <p>Nothing here is stored per cell but the device conductances: a crossbar's wire resistance is
 * the same on every segment, so the diagonals and off-diagonals are known from the conductances,
 * the wire conductances and, at the ends of each line, its source or neuron conductance. This
 * keeps a 4096x4096 crossbar's system to its conductance array (DESIGN.md section 2).
 *
 * <p>Nodes fixed by a source ({@code R_S = 0}: the row's driven end or ends; {@code R_N = 0}: the
 * column's last node) keep their place but their equation becomes {@code x = value}: their
 * couplings are removed from the matrix (kept on the diagonal of their neighbours) and moved to the
 * right-hand side, which keeps the system symmetric positive definite and the block structure
 * intact.
 */
final class GridSystem {
    final int rows;
    final int cols;
    final boolean rowWired;
    final boolean colWired;
    final int rowNodes;
    final int colNodes;
    final boolean bothEnds;
    /** Device conductances, row-major (the circuit's array, not a copy). */
    final double[] conductance;
    /** Device coupling used in the matrix: 0 where an end of the device is fixed; the same array as
     *  {@link #conductance} when no node is fixed. */
    final double[] coupling;
    /** Row wire conductance per segment, siemens; 0 without row wires. */
    final double rowWireSiemens;
    /** Column wire conductance per segment, siemens; 0 without column wires. */
    final double colWireSiemens;
    /** Source conductance per physical row; 0 when the row's end is fixed ({@code R_S = 0}). */
    final double[] sourceSiemens;
    /** Neuron conductance per physical column; 0 when fixed ({@code R_N = 0}) or voltage-sensed. */
    final double[] neuronSiemens;
    /** Per row: its driven end (both ends with two drivers) is fixed, {@code R_S = 0}. */
    final boolean[] rowEndFixed;
    /** Per column: its last node is fixed, {@code R_N = 0} with current sensing. */
    final boolean[] colEndFixed;
    final CrossbarCircuit circuit;

    GridSystem(CrossbarCircuit circuit) {
        this(circuit, circuit.sharedConductances());
    }

    /**
     * The system of the crossbar with other device conductances in the same places: a Newton
     * iteration's companion conductances {@code dI/dV}, which it rewrites in place before each
     * step and then calls {@link #refreshCoupling()}.
     *
     * @param circuit     the crossbar (wires, sources, neurons, sensing)
     * @param conductance one conductance per cell, row-major, siemens (kept, not copied)
     */
    GridSystem(CrossbarCircuit circuit, double[] conductance) {
        this.circuit = circuit;
        rows = circuit.physicalRows();
        cols = circuit.physicalColumns();
        rowWired = circuit.rowWireOhms() > 0;
        colWired = circuit.columnWireOhms() > 0;
        bothEnds = circuit.bothEnds();
        int cells = rows * cols;
        rowNodes = rowWired ? cells : rows;
        colNodes = colWired ? cells : cols;
        this.conductance = conductance;
        rowWireSiemens = rowWired ? 1.0 / circuit.rowWireOhms() : 0.0;
        colWireSiemens = colWired ? 1.0 / circuit.columnWireOhms() : 0.0;

        sourceSiemens = new double[rows];
        rowEndFixed = new boolean[rows];
        boolean anyFixed = false;
        for (int i = 0; i < rows; i++) {
            double rs = circuit.sourceOhms(i);
            if (rs > 0) {
                sourceSiemens[i] = 1.0 / rs;
            } else {
                rowEndFixed[i] = true;
                anyFixed = true;
            }
        }
        neuronSiemens = new double[cols];
        colEndFixed = new boolean[cols];
        if (circuit.voltageSensing()) {
            requireDevicesOnEveryColumn(circuit);
        } else {
            for (int j = 0; j < cols; j++) {
                double rn = circuit.neuronOhms(j);
                if (rn > 0) {
                    neuronSiemens[j] = 1.0 / rn;
                } else {
                    colEndFixed[j] = true;
                    anyFixed = true;
                }
            }
        }
        if (!anyFixed) {
            coupling = conductance;
        } else {
            coupling = conductance.clone();
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    if (rowFixed(i, j) || colFixed(i, j)) {
                        coupling[i * cols + j] = 0.0;
                    }
                }
            }
        }
    }

    /**
     * Copies the device conductances into {@link #coupling} again, zero where an end is fixed,
     * after {@link #conductance} was rewritten (nothing to do when no node is fixed: they are the
     * same array).
     */
    void refreshCoupling() {
        if (coupling == conductance) {
            return;
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                int k = i * cols + j;
                coupling[k] = rowFixed(i, j) || colFixed(i, j) ? 0.0 : conductance[k];
            }
        }
    }

    /** A floating column without a device has no DC path at all: name its nodes, as ngspice would. */
    private static void requireDevicesOnEveryColumn(CrossbarCircuit circuit) {
        int rows = circuit.physicalRows();
        for (int j = 0; j < circuit.physicalColumns(); j++) {
            boolean any = false;
            for (int i = 0; i < rows && !any; i++) {
                any = circuit.conductance(i, j) > 0;
            }
            if (!any) {
                java.util.List<String> nodes = new java.util.ArrayList<>();
                for (int i = 0; i < rows; i++) {
                    nodes.add(CrossbarCircuit.columnNode(i, j));
                }
                throw new org.xbar.error.SingularCircuitException(nodes, "voltage-sensed column " + j
                        + " has no device: it floats with no DC path to any driver");
            }
        }
    }

    /** @return whether the row node at cell (i, j) is fixed by a 0-ohm driver */
    boolean rowFixed(int i, int j) {
        if (!rowEndFixed[i]) {
            return false;
        }
        return !rowWired || j == 0 || (bothEnds && j == cols - 1);
    }

    /** @return whether the column node at cell (i, j) is fixed by a 0-ohm neuron */
    boolean colFixed(int i, int j) {
        return colEndFixed[j] && (!colWired || i == rows - 1);
    }

    /** @return the diagonal of the wired row node (i, j): devices, wires, source; 1 when fixed */
    double rowDiag(int i, int j) {
        if (rowFixed(i, j)) {
            return 1.0;
        }
        double d = conductance[i * cols + j];
        if (j > 0) {
            d += rowWireSiemens;
        }
        if (j + 1 < cols) {
            d += rowWireSiemens;
        }
        if (j == 0) {
            d += sourceSiemens[i];
        }
        if (bothEnds && j == cols - 1) {
            d += sourceSiemens[i];
        }
        return d;
    }

    /** @return the diagonal of the single node of unwired row i; 1 when fixed */
    double rowLineDiag(int i) {
        if (rowEndFixed[i]) {
            return 1.0;
        }
        double d = 0;
        for (int j = 0; j < cols; j++) {
            d += conductance[i * cols + j];
        }
        return d + sourceSiemens[i] * (bothEnds ? 2 : 1);
    }

    /** @return the coupling of wired row i's segment from cell j to j+1: 0 next to a fixed node */
    double rowOff(int i, int j) {
        return rowFixed(i, j) || rowFixed(i, j + 1) ? 0.0 : rowWireSiemens;
    }

    /** @return the diagonal of the wired column node (i, j): devices, wires, neuron; 1 when fixed */
    double colDiag(int i, int j) {
        if (colFixed(i, j)) {
            return 1.0;
        }
        double d = conductance[i * cols + j];
        if (i > 0) {
            d += colWireSiemens;
        }
        if (i + 1 < rows) {
            d += colWireSiemens;
        }
        if (i == rows - 1) {
            d += neuronSiemens[j];
        }
        return d;
    }

    /** @return the diagonal of the single node of unwired column j; 1 when fixed */
    double colLineDiag(int j) {
        if (colEndFixed[j]) {
            return 1.0;
        }
        double d = neuronSiemens[j];
        for (int i = 0; i < rows; i++) {
            d += conductance[i * cols + j];
        }
        return d;
    }

    /** @return the coupling of wired column j's segment from row i to i+1: 0 next to a fixed node */
    double colOff(int i, int j) {
        return colFixed(i, j) || colFixed(i + 1, j) ? 0.0 : colWireSiemens;
    }

    int rowNode(int i, int j) {
        return rowWired ? i * cols + j : i;
    }

    int colNode(int i, int j) {
        return colWired ? i * cols + j : j;
    }

    /**
     * Builds the right-hand side for one set of driver voltages: Norton currents at driven row
     * ends, and for fixed nodes their value plus their couplings moved to their neighbours.
     *
     * @param drive voltage of each physical row's driver, volt
     * @param br    receives the row part
     * @param bc    receives the column part
     */
    void rightHandSide(double[] drive, double[] br, double[] bc) {
        java.util.Arrays.fill(br, 0.0);
        java.util.Arrays.fill(bc, 0.0);
        for (int i = 0; i < rows; i++) {
            double v = drive[i];
            if (!rowEndFixed[i]) {
                br[rowNode(i, 0)] += sourceSiemens[i] * v;
                if (bothEnds) {
                    br[rowNode(i, cols - 1)] += sourceSiemens[i] * v;
                }
                continue;
            }
            if (!rowWired) {
                br[i] = v;
                for (int j = 0; j < cols; j++) {
                    if (!colFixed(i, j)) {
                        bc[colNode(i, j)] += conductance[i * cols + j] * v;
                    }
                }
                continue;
            }
            fixRowEnd(i, 0, v, br, bc);
            if (bothEnds && cols > 1) {
                fixRowEnd(i, cols - 1, v, br, bc);
            }
        }
    }

    /**
     * Builds the right-hand side for currents injected into the nodes with every driver at 0 V:
     * each unknown node receives its cells' injections; a fixed node keeps the value 0 (its
     * source takes the injection).
     *
     * @param rowAmps current into the row node of each cell, ampere, row-major
     * @param colAmps current into the column node of each cell, ampere, row-major
     * @param br      receives the row part
     * @param bc      receives the column part
     */
    void injectedRightHandSide(double[] rowAmps, double[] colAmps, double[] br, double[] bc) {
        java.util.Arrays.fill(br, 0.0);
        java.util.Arrays.fill(bc, 0.0);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                int k = i * cols + j;
                if (rowAmps[k] != 0 && !rowFixed(i, j)) {
                    br[rowNode(i, j)] += rowAmps[k];
                }
                if (colAmps[k] != 0 && !colFixed(i, j)) {
                    bc[colNode(i, j)] += colAmps[k];
                }
            }
        }
    }

    /**
     * Adds a current source in parallel with every device, {@code amps[k]} flowing from the row
     * node through the device's place into the column node (a Newton companion model's
     * {@code I - g V}): the row node loses it, the column node receives it, and a fixed node's
     * source takes its share.
     *
     * @param amps one current per cell, row-major, ampere
     * @param br   the row part, added to
     * @param bc   the column part, added to
     */
    void addDeviceSources(double[] amps, double[] br, double[] bc) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double a = amps[i * cols + j];
                if (!rowFixed(i, j)) {
                    br[rowNode(i, j)] -= a;
                }
                if (!colFixed(i, j)) {
                    bc[colNode(i, j)] += a;
                }
            }
        }
    }

    private void fixRowEnd(int i, int j, double v, double[] br, double[] bc) {
        int r = i * cols + j;
        br[r] = v;
        for (int n = j - 1; n <= j + 1; n += 2) {
            if (n >= 0 && n < cols && !rowFixed(i, n)) {
                br[i * cols + n] += rowWireSiemens * v;
            }
        }
        if (!colFixed(i, j)) {
            bc[colNode(i, j)] += conductance[r] * v;
        }
    }
}
