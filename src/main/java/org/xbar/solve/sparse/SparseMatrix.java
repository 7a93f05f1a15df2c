package org.xbar.solve.sparse;

/**
 * A square sparse matrix in compressed sparse column form. Both triangles of a symmetric matrix
 * are stored. The arrays are shared with the {@link SparsePattern} that made the matrix, whose
 * stamps write the values in place.
 */
public final class SparseMatrix {
    private final int n;
    private final int[] columnStart;
    private final int[] rowIndex;
    private final double[] values;

    /**
     * @param n           order
     * @param columnStart {@code n+1} offsets into {@code rowIndex}
     * @param rowIndex    row of each stored entry, sorted within each column
     * @param values      value of each stored entry
     */
    public SparseMatrix(int n, int[] columnStart, int[] rowIndex, double[] values) {
        this.n = n;
        this.columnStart = columnStart;
        this.rowIndex = rowIndex;
        this.values = values;
    }

    /** @return the order */
    public int order() {
        return n;
    }

    /** @return stored entries */
    public int nonZeros() {
        return columnStart[n];
    }

    /** @return column offsets (shared, do not modify) */
    public int[] columnStart() {
        return columnStart;
    }

    /** @return row indices (shared, do not modify) */
    public int[] rowIndex() {
        return rowIndex;
    }

    /** @return values (shared: stamps write here) */
    public double[] values() {
        return values;
    }

    /**
     * @param x vector of length {@link #order()}
     * @param y receives {@code A x}
     */
    public void multiply(double[] x, double[] y) {
        java.util.Arrays.fill(y, 0, n, 0.0);
        for (int j = 0; j < n; j++) {
            double xj = x[j];
            if (xj == 0) {
                continue;
            }
            for (int p = columnStart[j]; p < columnStart[j + 1]; p++) {
                y[rowIndex[p]] += values[p] * xj;
            }
        }
    }

    /**
     * @param row row
     * @param col column
     * @return the stored value, or 0 where nothing is stored
     */
    public double get(int row, int col) {
        int lo = columnStart[col];
        int hi = columnStart[col + 1] - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int r = rowIndex[mid];
            if (r == row) {
                return values[mid];
            }
            if (r < row) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return 0.0;
    }

    /**
     * @return this matrix as CSparseJ's compressed-column matrix, sharing its arrays (no copy)
     */
    edu.emory.mathcs.csparsej.tdouble.Dcs_common.Dcs toCsparse() {
        edu.emory.mathcs.csparsej.tdouble.Dcs_common.Dcs m = new edu.emory.mathcs.csparsej.tdouble.Dcs_common.Dcs();
        m.m = order();
        m.n = order();
        m.p = columnStart();
        m.i = rowIndex();
        m.x = values();
        m.nzmax = nonZeros();
        m.nz = -1;
        return m;
    }
}
