package org.xbar.spec;

import java.util.Arrays;
import org.xbar.error.InvalidParameterException;

/**
 * An immutable matrix of device conductances in siemens: one row per crossbar input line, one
 * column per output line. Zero means no device at that cross point (an open circuit). Every entry
 * is checked to be finite and {@code >= 0} when the matrix is made.
 */
public final class ConductanceMatrix {
    /** The name of a matrix made without one, in error messages. */
    static final String DEFAULT_NAME = "conductance";

    private final int rows;
    private final int cols;
    private final double[] siemens;
    private final String name;
    /** Row-major index of the largest conductance, and of the smallest non-zero one (-1: no device). */
    private final int largest;
    private final int smallest;
    /** Devices (non-zero conductances) and the sum of their binary exponents, for the typical value. */
    private final int devices;
    private final long exponentSum;

    private ConductanceMatrix(int rows, int cols, double[] siemens, String name) {
        Checks.inRange(name + ".rows", rows, 1, Integer.MAX_VALUE);
        Checks.inRange(name + ".cols", cols, 1, Integer.MAX_VALUE);
        if ((long) rows * cols > Integer.MAX_VALUE - 16) {
            throw new InvalidParameterException(name + ".size", rows + "x" + cols, "rows*cols must be below 2^31");
        }
        int large = 0;
        int small = -1;
        int count = 0;
        long exponents = 0;
        for (int k = 0; k < siemens.length; k++) {
            double g = siemens[k];
            if (!(g >= 0) || Double.isInfinite(g)) {
                throw new InvalidParameterException(
                        name + "[" + (k / cols) + "][" + (k % cols) + "]", g, "must be finite and >= 0 S");
            }
            if (g > 0) {
                count++;
                exponents += Math.getExponent(g);
                if (g > siemens[large]) {
                    large = k;
                }
                if (small < 0 || g < siemens[small]) {
                    small = k;
                }
            }
        }
        this.rows = rows;
        this.cols = cols;
        this.siemens = siemens;
        this.name = name;
        this.largest = large;
        this.smallest = small;
        this.devices = count;
        this.exponentSum = exponents;
    }

    /**
     * @param siemens conductances, {@code siemens[row][col]}; all rows the same length; copied
     * @return the matrix
     */
    public static ConductanceMatrix of(double[][] siemens) {
        return of(DEFAULT_NAME, siemens);
    }

    /**
     * @param name    name to use in error messages
     * @param siemens conductances, {@code siemens[row][col]}; all rows the same length; copied
     * @return the matrix
     */
    public static ConductanceMatrix of(String name, double[][] siemens) {
        if (siemens.length == 0 || siemens[0].length == 0) {
            throw new InvalidParameterException(name, "empty", "needs at least one row and one column");
        }
        int cols = siemens[0].length;
        double[] flat = new double[Math.multiplyExact(siemens.length, cols)];
        for (int i = 0; i < siemens.length; i++) {
            if (siemens[i].length != cols) {
                throw InvalidParameterException.inconsistent(name,
                        name + " row " + i + " has " + siemens[i].length + " columns, row 0 has " + cols);
            }
            System.arraycopy(siemens[i], 0, flat, i * cols, cols);
        }
        return new ConductanceMatrix(siemens.length, cols, flat, name);
    }

    /**
     * @param rows    number of rows
     * @param cols    number of columns
     * @param siemens row-major values, {@code rows*cols} long; copied
     * @return the matrix
     */
    public static ConductanceMatrix ofRowMajor(int rows, int cols, double[] siemens) {
        if (siemens.length != (long) rows * cols) {
            throw InvalidParameterException.inconsistent("conductance",
                    "conductance has " + siemens.length + " values, " + rows + "x" + cols + " needs " + (long) rows * cols);
        }
        return new ConductanceMatrix(rows, cols, siemens.clone(), DEFAULT_NAME);
    }

    /** @return number of rows (input lines) */
    public int rows() {
        return rows;
    }

    /** @return number of columns (output lines) */
    public int cols() {
        return cols;
    }

    /**
     * @param row row index
     * @param col column index
     * @return conductance in siemens
     */
    public double get(int row, int col) {
        return siemens[row * cols + col];
    }

    /**
     * @param row0 first row, inclusive
     * @param row1 last row, exclusive
     * @param col0 first column, inclusive
     * @param col1 last column, exclusive
     * @return the sub-matrix {@code [row0, row1) x [col0, col1)} (a tile of a larger crossbar)
     */
    public ConductanceMatrix block(int row0, int row1, int col0, int col1) {
        if (row0 < 0 || row1 > rows || row0 >= row1 || col0 < 0 || col1 > cols || col0 >= col1) {
            throw new InvalidParameterException("block", "[" + row0 + "," + row1 + ")x[" + col0 + "," + col1 + ")",
                    "must be a non-empty range inside " + rows + "x" + cols);
        }
        int height = row1 - row0;
        int width = col1 - col0;
        double[] out = new double[height * width];
        for (int i = 0; i < height; i++) {
            System.arraycopy(siemens, (row0 + i) * cols + col0, out, i * width, width);
        }
        return new ConductanceMatrix(height, width, out, DEFAULT_NAME);
    }

    /** @return a row-major copy of the values */
    public double[] toRowMajor() {
        return siemens.clone();
    }

    /** @return a copy as {@code [row][col]} */
    public double[][] toArray() {
        double[][] out = new double[rows][];
        for (int i = 0; i < rows; i++) {
            out[i] = Arrays.copyOfRange(siemens, i * cols, (i + 1) * cols);
        }
        return out;
    }

    /** @return the largest conductance in siemens */
    public double max() {
        return siemens[largest];
    }

    /** @return the smallest non-zero conductance in siemens, 0 when the matrix holds no device */
    public double minNonZero() {
        return smallest < 0 ? 0.0 : siemens[smallest];
    }

    /**
     * @param index row-major index
     * @return the conductance there, siemens
     */
    double at(int index) {
        return siemens[index];
    }

    /** @return the name the matrix was made with, for error messages ("conductance" by default) */
    String name() {
        return name;
    }

    /** @return row-major index of the largest conductance */
    int largestIndex() {
        return largest;
    }

    /** @return row-major index of the smallest non-zero conductance, -1 when there is no device */
    int smallestIndex() {
        return smallest;
    }

    /** @return the number of devices (non-zero conductances) */
    int devices() {
        return devices;
    }

    /** @return the sum of the devices' binary exponents ({@link Math#getExponent(double)}) */
    long exponentSum() {
        return exponentSum;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConductanceMatrix m && m.rows == rows && m.cols == cols && Arrays.equals(m.siemens, siemens);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(siemens);
    }

    @Override
    public String toString() {
        return "ConductanceMatrix[" + rows + "x" + cols + "]";
    }
}
