package org.xbar.solve.sparse;

import java.util.Arrays;

/**
 * The first phase of two-phase stamping (DESIGN section 6): every element reserves the matrix
 * positions it will write, once; {@link #compile()} turns the reservations into a compressed
 * sparse column structure and tells each reservation where its value lives. The second phase
 * ({@link Compiled#add(int, double)}) only adds numbers into those places, so repeated stamping
 * (every Newton iteration) never rebuilds the pattern nor looks anything up.
 */
public final class SparsePattern {
    private final int n;
    private long[] keys = new long[64];
    private int count;

    /**
     * @param n order of the matrix
     */
    public SparsePattern(int n) {
        this.n = n;
    }

    /**
     * @param row row index
     * @param col column index
     * @return a handle for {@link Compiled#add(int, double)}; handles count up from 0
     */
    public int reserve(int row, int col) {
        if (row < 0 || row >= n || col < 0 || col >= n) {
            throw new IndexOutOfBoundsException("(" + row + ", " + col + ") outside order " + n);
        }
        if (count == keys.length) {
            keys = Arrays.copyOf(keys, keys.length * 2);
        }
        keys[count] = ((long) col << 32) | row;
        return count++;
    }

    /**
     * Reserves the four positions a conductance between two unknowns writes.
     *
     * @param a one unknown
     * @param b the other unknown
     * @return the handle of (a, a); (b, b), (a, b) and (b, a) follow it
     */
    public int reserveConductance(int a, int b) {
        int first = reserve(a, a);
        reserve(b, b);
        reserve(a, b);
        reserve(b, a);
        return first;
    }

    /** @return the compiled pattern with zero values */
    public Compiled compile() {
        long[] sorted = Arrays.copyOf(keys, count);
        Arrays.sort(sorted);
        int unique = 0;
        for (int k = 0; k < sorted.length; k++) {
            if (k == 0 || sorted[k] != sorted[k - 1]) {
                sorted[unique++] = sorted[k];
            }
        }
        int[] columnStart = new int[n + 1];
        int[] rowIndex = new int[unique];
        for (int k = 0; k < unique; k++) {
            columnStart[(int) (sorted[k] >>> 32) + 1]++;
            rowIndex[k] = (int) sorted[k];
        }
        for (int j = 0; j < n; j++) {
            columnStart[j + 1] += columnStart[j];
        }
        int[] position = new int[count];
        for (int h = 0; h < count; h++) {
            position[h] = Arrays.binarySearch(sorted, 0, unique, keys[h]);
        }
        keys = null;
        return new Compiled(new SparseMatrix(n, columnStart, rowIndex, new double[unique]), position);
    }

    /** A compiled pattern: the matrix and where each reservation's value lives. */
    public static final class Compiled {
        private final SparseMatrix matrix;
        private final int[] position;

        private Compiled(SparseMatrix matrix, int[] position) {
            this.matrix = matrix;
            this.position = position;
        }

        /** @return the matrix whose values the stamps write */
        public SparseMatrix matrix() {
            return matrix;
        }

        /** Sets every value to zero before a new round of stamps. */
        public void clear() {
            Arrays.fill(matrix.values(), 0.0);
        }

        /**
         * @param handle a handle from {@link SparsePattern#reserve(int, int)}
         * @param value  number to add at that position
         */
        public void add(int handle, double value) {
            matrix.values()[position[handle]] += value;
        }

        /**
         * Stamps a conductance reserved by {@link SparsePattern#reserveConductance(int, int)}.
         *
         * @param handle  the handle it returned
         * @param siemens the conductance
         */
        public void addConductance(int handle, double siemens) {
            double[] v = matrix.values();
            v[position[handle]] += siemens;
            v[position[handle + 1]] += siemens;
            v[position[handle + 2]] -= siemens;
            v[position[handle + 3]] -= siemens;
        }
    }
}
