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
