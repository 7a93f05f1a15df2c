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
 * single node (a 1x1 block). Both node sets are laid out row-major, cell (i, j) at {@code i*cols+j},
 * so that sweeps over all columns run along contiguous memory.
 *
 * <p>Nodes fixed by a source ({@code R_S = 0}: the row's driven end; {@code R_N = 0}: the column's
 * last node) keep their place in the vector but their equation becomes {@code x = value}: their
 * couplings are removed from the matrix (kept on the diagonal of their neighbours) and moved to
 * the right-hand side, which keeps the system symmetric positive definite and the block structure
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
    /** Original device conductances, row-major. */
    final double[] conductance;
    /** Device coupling used in the matrix: 0 where an end of the device is fixed. */
    final double[] coupling;
    final double[] rowDiag;
    final double[] colDiag;
    /** Row wire coupling between (i, j) and (i, j+1) at i*cols+j; 0 at j = cols-1 and at fixed ends. */
    final double[] rowOff;
    /** Column wire coupling between (i, j) and (i+1, j) at i*cols+j; 0 at i = rows-1 and at fixed ends. */
    final double[] colOff;
    final boolean[] rowFixed;
    final boolean[] colFixed;
    final double rowWireSiemens;
    /** Source conductance per physical row; 0 when the row's end is fixed ({@code R_S = 0}). */
    final double[] sourceSiemens;
    final CrossbarCircuit circuit;

    GridSystem(CrossbarCircuit circuit) {
        this.circuit = circuit;
        rows = circuit.physicalRows();
        cols = circuit.physicalColumns();
        rowWired = circuit.rowWireOhms() > 0;
        colWired = circuit.columnWireOhms() > 0;
        bothEnds = circuit.bothEnds();
        int cells = rows * cols;
        rowNodes = rowWired ? cells : rows;
        colNodes = colWired ? cells : cols;
        conductance = circuit.sharedConductances();
        rowWireSiemens = rowWired ? 1.0 / circuit.rowWireOhms() : 0.0;
        double colWireSiemens = colWired ? 1.0 / circuit.columnWireOhms() : 0.0;

        rowFixed = new boolean[rowNodes];
        colFixed = new boolean[colNodes];
        sourceSiemens = new double[rows];
        for (int i = 0; i < rows; i++) {
            double rs = circuit.sourceOhms(i);
            if (rs > 0) {
                sourceSiemens[i] = 1.0 / rs;
            } else if (rowWired) {
                rowFixed[i * cols] = true;
                if (bothEnds) {
                    rowFixed[i * cols + cols - 1] = true;
                }
            } else {
                rowFixed[i] = true;
            }
        }
        double[] neuronSiemens = new double[cols];
        for (int j = 0; j < cols && !circuit.voltageSensing(); j++) {
            double rn = circuit.neuronOhms(j);
            if (rn > 0) {
                neuronSiemens[j] = 1.0 / rn;
            } else {
                colFixed[colWired ? (rows - 1) * cols + j : j] = true;
            }
        }
        if (circuit.voltageSensing()) {
            requireDevicesOnEveryColumn(circuit);
        }

        coupling = new double[cells];
        rowDiag = new double[rowNodes];
        colDiag = new double[colNodes];
        rowOff = rowWired ? new double[cells] : null;
        colOff = colWired ? new double[cells] : null;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                int k = i * cols + j;
                int r = rowNode(i, j);
                int c = colNode(i, j);
                double g = conductance[k];
                coupling[k] = rowFixed[r] || colFixed[c] ? 0.0 : g;
                rowDiag[r] += g;
                colDiag[c] += g;
                if (rowWired && j + 1 < cols) {
                    rowDiag[r] += rowWireSiemens;
                    rowDiag[r + 1] += rowWireSiemens;
                    rowOff[k] = rowFixed[r] || rowFixed[r + 1] ? 0.0 : rowWireSiemens;
                }
                if (colWired && i + 1 < rows) {
                    colDiag[c] += colWireSiemens;
                    colDiag[c + cols] += colWireSiemens;
                    colOff[k] = colFixed[c] || colFixed[c + cols] ? 0.0 : colWireSiemens;
                }
            }
            rowDiag[rowNode(i, 0)] += sourceSiemens[i];
            if (bothEnds) {
                rowDiag[rowNode(i, cols - 1)] += sourceSiemens[i];
            }
        }
        for (int j = 0; j < cols; j++) {
            colDiag[colNode(rows - 1, j)] += neuronSiemens[j];
        }
        for (int r = 0; r < rowNodes; r++) {
            if (rowFixed[r]) {
                rowDiag[r] = 1.0;
            }
        }
        for (int c = 0; c < colNodes; c++) {
            if (colFixed[c]) {
                colDiag[c] = 1.0;
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
            if (sourceSiemens[i] > 0) {
                br[rowNode(i, 0)] += sourceSiemens[i] * v;
                if (bothEnds) {
                    br[rowNode(i, cols - 1)] += sourceSiemens[i] * v;
                }
                continue;
            }
            if (!rowWired) {
                br[i] = v;
                for (int j = 0; j < cols; j++) {
                    int c = colNode(i, j);
                    if (!colFixed[c]) {
                        bc[c] += conductance[i * cols + j] * v;
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

    private void fixRowEnd(int i, int j, double v, double[] br, double[] bc) {
        int r = i * cols + j;
        br[r] = v;
        for (int n = j - 1; n <= j + 1; n += 2) {
            if (n >= 0 && n < cols && !rowFixed[i * cols + n]) {
                br[i * cols + n] += rowWireSiemens * v;
            }
        }
        int c = colNode(i, j);
        if (!colFixed[c]) {
            bc[c] += conductance[r] * v;
        }
    }

    /**
     * Expands a solution to one voltage per cell (a wireless line repeats its node's voltage).
     *
     * @param xr  row part of the solution
     * @param xc  column part
     * @param rowVolts receives row node voltages, rows*cols
     * @param colVolts receives column node voltages, rows*cols
     */
    void expand(double[] xr, double[] xc, double[] rowVolts, double[] colVolts) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                rowVolts[i * cols + j] = xr[rowNode(i, j)];
                colVolts[i * cols + j] = xc[colNode(i, j)];
            }
        }
    }
}
