package org.xbar.spec;

import java.util.Objects;
import org.xbar.error.InvalidParameterException;

/**
 * One layer of an inverter-neuron network (PHAX): a crossbar whose rows come in pairs, a positive
 * row driven by an input's inverted signal and a negative row by its non-inverted one (the first
 * layer: {@code +x} and {@code -x}), plus a bias pair tied to the rails; its columns float and are
 * sensed by inverter pairs.
 *
 * @param positive     conductances of the positive rows, {@code inputs x outputs}, siemens
 * @param negative     conductances of the negative rows, the same shape, siemens
 * @param biasHigh     per output, the conductance from the positive rail (+VDD/2) row, siemens
 * @param biasLow      per output, the conductance from the negative rail (-VDD/2) row, siemens
 */
public record NetworkLayer(ConductanceMatrix positive, ConductanceMatrix negative, double[] biasHigh, double[] biasLow) {

    /** Validates the shapes and copies the bias arrays. */
    public NetworkLayer {
        Objects.requireNonNull(positive, "positive");
        Objects.requireNonNull(negative, "negative");
        if (negative.rows() != positive.rows() || negative.cols() != positive.cols()) {
            throw InvalidParameterException.inconsistent("negative", "negative array is " + negative.rows() + "x"
                    + negative.cols() + ", positive array is " + positive.rows() + "x" + positive.cols());
        }
        biasHigh = bias("biasHigh", biasHigh, positive.cols());
        biasLow = bias("biasLow", biasLow, positive.cols());
    }

    private static double[] bias(String name, double[] values, int outputs) {
        if (values == null || values.length != outputs) {
            throw InvalidParameterException.inconsistent(name, name + " needs one value per output (" + outputs + ")");
        }
        for (int j = 0; j < values.length; j++) {
            Checks.nonNegative(name + "[" + j + "]", values[j], "S");
        }
        return values.clone();
    }

    /**
     * The layer from its {@code (2n + 2) x m} device conductances in the order of
     * {@link org.xbar.circuit.NetworkCircuit}: {@code n} positive rows, {@code n} negative rows, the
     * row tied to the positive rail, the row tied to the negative rail.
     *
     * @param rows {@code rows[p][j]}, siemens, {@code 2n + 2} rows of {@code m} values, {@code n >= 1}
     * @return the layer
     * @throws InvalidParameterException when the shape is not {@code (2n + 2) x m} or a value is negative
     */
    public static NetworkLayer ofPhysicalRows(double[][] rows) {
        if (rows == null || rows.length < 4 || rows.length % 2 != 0) {
            throw new InvalidParameterException("rows", rows == null ? "null" : rows.length + " rows",
                    "a layer of n inputs has 2n + 2 rows, n >= 1");
        }
        int n = (rows.length - 2) / 2;
        int m = rows[0].length;
        double[][] pos = new double[n][];
        double[][] neg = new double[n][];
        for (int p = 0; p < rows.length; p++) {
            if (rows[p].length != m) {
                throw InvalidParameterException.inconsistent("rows", "row " + p + " has " + rows[p].length
                        + " values, row 0 has " + m);
            }
        }
        for (int i = 0; i < n; i++) {
            pos[i] = rows[i];
            neg[i] = rows[n + i];
        }
        return new NetworkLayer(ConductanceMatrix.of(pos), ConductanceMatrix.of(neg), rows[2 * n].clone(),
                rows[2 * n + 1].clone());
    }

    /**
     * @return the device conductances as {@code (2n + 2) x m} physical rows, siemens, in the order of
     *         {@link org.xbar.circuit.NetworkCircuit} (what {@link #ofPhysicalRows} reads)
     */
    public double[][] physicalRows() {
        int n = inputs();
        int m = outputs();
        double[][] rows = new double[2 * n + 2][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                rows[i][j] = positive.get(i, j);
                rows[n + i][j] = negative.get(i, j);
            }
        }
        rows[2 * n] = biasHigh.clone();
        rows[2 * n + 1] = biasLow.clone();
        return rows;
    }

    /** @return inputs of the layer */
    public int inputs() {
        return positive.rows();
    }

    /** @return outputs (neurons) of the layer */
    public int outputs() {
        return positive.cols();
    }

    @Override
    public double[] biasHigh() {
        return biasHigh.clone();
    }

    @Override
    public double[] biasLow() {
        return biasLow.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkLayer l && positive.equals(l.positive) && negative.equals(l.negative)
                && java.util.Arrays.equals(biasHigh, l.biasHigh) && java.util.Arrays.equals(biasLow, l.biasLow);
    }

    @Override
    public int hashCode() {
        return Objects.hash(positive, negative, java.util.Arrays.hashCode(biasHigh), java.util.Arrays.hashCode(biasLow));
    }
}
