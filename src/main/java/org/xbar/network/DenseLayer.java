package org.xbar.network;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.Arrays;
import org.xbar.error.InvalidParameterException;

/**
 * One fully connected layer in weight units: {@code y = W^T x + b} with {@code W} of
 * {@code inputs x outputs}. It is held as the augmented matrix {@code [W; b]} of
 * {@code (inputs + 1) x outputs}, row-major, the bias as the last row: exactly the matrix a
 * crossbar holds, its bias row driven by an input of value 1 (DESIGN section 9).
 */
public final class DenseLayer implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int inputs;
    private final int outputs;
    private final double[] augmented;

    private DenseLayer(int inputs, int outputs, double[] augmented) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.augmented = augmented;
    }

    /**
     * @param inputs    inputs of the layer, {@code >= 1}
     * @param outputs   outputs of the layer, {@code >= 1}
     * @param augmented {@code [W; b]}, {@code (inputs + 1) x outputs}, row-major, all finite; copied
     * @return the layer
     */
    public static DenseLayer ofAugmented(int inputs, int outputs, double[] augmented) {
        if (inputs < 1 || outputs < 1) {
            throw new InvalidParameterException("layer", inputs + "x" + outputs, "needs at least one input and one output");
        }
        if (augmented.length != (long) (inputs + 1) * outputs) {
            throw InvalidParameterException.inconsistent("layer", "[W; b] has " + augmented.length + " values, a "
                    + inputs + "x" + outputs + " layer needs " + (long) (inputs + 1) * outputs);
        }
        for (int k = 0; k < augmented.length; k++) {
            if (!Double.isFinite(augmented[k])) {
                int row = k / outputs;
                String name = row < inputs ? "weights[" + row + "][" + (k % outputs) + "]" : "bias[" + (k % outputs) + "]";
                throw new InvalidParameterException(name, augmented[k], "must be a finite number");
            }
        }
        return new DenseLayer(inputs, outputs, augmented.clone());
    }

    /**
     * @param weights {@code weights[input][output]}, every row the same length, finite
     * @param bias    one value per output, finite
     * @return the layer
     */
    public static DenseLayer of(double[][] weights, double[] bias) {
        if (weights.length == 0 || weights[0].length == 0) {
            throw new InvalidParameterException("weights", "empty", "needs at least one input and one output");
        }
        int n = weights.length;
        int m = weights[0].length;
        if (bias.length != m) {
            throw InvalidParameterException.inconsistent("bias", "bias has " + bias.length + " values, the layer has "
                    + m + " outputs");
        }
        double[] a = new double[(n + 1) * m];
        for (int i = 0; i < n; i++) {
            if (weights[i].length != m) {
                throw InvalidParameterException.inconsistent("weights", "weights row " + i + " has " + weights[i].length
                        + " values, row 0 has " + m);
            }
            System.arraycopy(weights[i], 0, a, i * m, m);
        }
        System.arraycopy(bias, 0, a, n * m, m);
        return ofAugmented(n, m, a);
    }

    /** @return inputs of the layer */
    public int inputs() {
        return inputs;
    }

    /** @return outputs of the layer */
    public int outputs() {
        return outputs;
    }

    /**
     * @param input  input index, or {@link #inputs()} for the bias row
     * @param output output index
     * @return the entry of {@code [W; b]}
     */
    public double get(int input, int output) {
        return augmented[input * outputs + output];
    }

    /** @return {@code [W; b]}, row-major (a copy) */
    public double[] augmented() {
        return augmented.clone();
    }

    /** @return {@code W} as {@code [input][output]} (a copy) */
    public double[][] weights() {
        double[][] w = new double[inputs][];
        for (int i = 0; i < inputs; i++) {
            w[i] = Arrays.copyOfRange(augmented, i * outputs, (i + 1) * outputs);
        }
        return w;
    }

    /** @return {@code b} (a copy) */
    public double[] bias() {
        return Arrays.copyOfRange(augmented, inputs * outputs, (inputs + 1) * outputs);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DenseLayer l && l.inputs == inputs && l.outputs == outputs && Arrays.equals(l.augmented, augmented);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * inputs + outputs) + Arrays.hashCode(augmented);
    }

    @Override
    public String toString() {
        return "DenseLayer[" + inputs + "x" + outputs + "]";
    }

    /** Serialized as its sizes and {@code [W; b]}, checked again when read back ({@link #ofAugmented}). */
    private Object writeReplace() {
        return new Form(inputs, outputs, augmented);
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a DenseLayer is read back through its serialized form");
    }

    private record Form(int inputs, int outputs, double[] augmented) implements Serializable {
        private Object readResolve() {
            return ofAugmented(inputs, outputs, augmented);
        }
    }
}
