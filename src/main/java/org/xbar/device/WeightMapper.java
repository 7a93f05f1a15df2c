package org.xbar.device;

import java.util.SplittableRandom;
import org.xbar.error.InvalidParameterException;
import org.xbar.spec.Checks;
import org.xbar.spec.ConductanceMatrix;
import org.xbar.spec.WeightMapping;

/**
 * Maps a weight matrix to quantized device conductances.
 *
 * <p>Weights are scaled by a full-scale value {@code w_fs} (by default the largest magnitude in
 * the matrix) and quantized to {@code q = round(|w| / w_fs * (2^n - 1))}. For the pair mappings a
 * positive weight programs the positive array and leaves the negative device at level 0, and the
 * other way round, so {@code I = sum V (g+ - g-)} carries the sign. The single mapping takes
 * non-negative weights only.
 */
public final class WeightMapper {
    private final Quantizer quantizer;

    /**
     * @param quantizer levels and device range
     */
    public WeightMapper(Quantizer quantizer) {
        this.quantizer = java.util.Objects.requireNonNull(quantizer, "quantizer");
    }

    /** @return the quantizer */
    public Quantizer quantizer() {
        return quantizer;
    }

    /**
     * @param weights  {@code weights[input][output]}, finite
     * @param mapping  how to represent the sign
     * @return the programmed arrays, full scale = the largest weight magnitude
     */
    public DeviceArrays map(double[][] weights, WeightMapping mapping) {
        double fullScale = 0;
        for (int i = 0; i < weights.length; i++) {
            for (int j = 0; j < weights[i].length; j++) {
                Checks.finite("weights[" + i + "][" + j + "]", weights[i][j], "weight units");
                fullScale = Math.max(fullScale, Math.abs(weights[i][j]));
            }
        }
        return map(weights, mapping, fullScale == 0 ? 1.0 : fullScale);
    }

    /**
     * @param weights   {@code weights[input][output]}, with {@code |w| <= fullScale}
     * @param mapping   how to represent the sign
     * @param fullScale the weight magnitude that maps to the top level
     * @return the programmed arrays
     */
    public DeviceArrays map(double[][] weights, WeightMapping mapping, double fullScale) {
        Checks.positive("fullScale", fullScale, "weight units");
        int rows = weights.length;
        if (rows == 0 || weights[0].length == 0) {
            throw new InvalidParameterException("weights", "empty", "needs at least one row and one column");
        }
        int cols = weights[0].length;
        double[][] pos = new double[rows][cols];
        double[][] neg = mapping == WeightMapping.SINGLE ? null : new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            if (weights[i].length != cols) {
                throw InvalidParameterException.inconsistent("weights",
                        "weights row " + i + " has " + weights[i].length + " values, row 0 has " + cols);
            }
            for (int j = 0; j < cols; j++) {
                double w = weights[i][j];
                String name = "weights[" + i + "][" + j + "]";
                Checks.finite(name, w, "weight units");
                if (Math.abs(w) > fullScale) {
                    throw new InvalidParameterException(name, w, "must satisfy |w| <= full scale " + fullScale);
                }
                if (mapping == WeightMapping.SINGLE && w < 0) {
                    throw new InvalidParameterException(name, w,
                            "must be >= 0 for a single array; use a row-pair or column-pair mapping for signed weights");
                }
                double g = quantizer.conductance(quantizer.level(Math.abs(w) / fullScale));
                if (w >= 0) {
                    pos[i][j] = g;
                } else {
                    neg[i][j] = g;
                }
            }
        }
        return new DeviceArrays(ConductanceMatrix.of("positive", pos),
                neg == null ? null : ConductanceMatrix.of("negative", neg), mapping);
    }

    /**
     * Maps one layer of a neural network onto an inverter-neuron crossbar (PHAX): a positive weight
     * programs the positive row's device, a negative one the negative row's; a positive bias the
     * device on the row tied to the positive rail, a negative one the row tied to the negative
     * rail. Weights and biases share one full scale, their largest magnitude.
     *
     * @param weights {@code weights[input][output]}
     * @param bias    one bias per output (all zero for none)
     * @return the layer's conductances
     */
    public org.xbar.spec.NetworkLayer layer(double[][] weights, double[] bias) {
        if (weights.length == 0 || weights[0].length == 0) {
            throw new InvalidParameterException("weights", "empty", "needs at least one row and one column");
        }
        int outputs = weights[0].length;
        if (bias.length != outputs) {
            throw InvalidParameterException.inconsistent("bias", "bias has " + bias.length + " values, the layer has "
                    + outputs + " outputs");
        }
        double fullScale = 0;
        for (int i = 0; i < weights.length; i++) {
            for (int j = 0; j < weights[i].length; j++) {
                fullScale = Math.max(fullScale, Math.abs(weights[i][j]));
            }
        }
        for (int j = 0; j < outputs; j++) {
            Checks.finite("bias[" + j + "]", bias[j], "weight units");
            fullScale = Math.max(fullScale, Math.abs(bias[j]));
        }
        double scale = fullScale == 0 ? 1.0 : fullScale;
        DeviceArrays arrays = map(weights, WeightMapping.ROW_PAIR, scale);
        double[] high = new double[outputs];
        double[] low = new double[outputs];
        for (int j = 0; j < outputs; j++) {
            double g = quantizer.conductance(quantizer.level(Math.abs(bias[j]) / scale));
            if (bias[j] >= 0) {
                high[j] = g;
            } else {
                low[j] = g;
            }
        }
        return new org.xbar.spec.NetworkLayer(arrays.positive(), arrays.negative(), high, low);
    }

    /**
     * Random signed weights uniform in [-1, 1], quantized: the seeded random crossbars of demos
     * and tests.
     *
     * @param rows    input rows
     * @param cols    outputs
     * @param mapping weight mapping
     * @param seed    random seed
     * @return the programmed arrays
     */
    public DeviceArrays random(int rows, int cols, WeightMapping mapping, long seed) {
        Checks.inRange("rows", rows, 1, 1 << 16);
        Checks.inRange("cols", cols, 1, 1 << 16);
        SplittableRandom random = new SplittableRandom(seed);
        double[][] w = new double[rows][cols];
        for (double[] row : w) {
            for (int j = 0; j < cols; j++) {
                double u = random.nextDouble();
                row[j] = mapping == WeightMapping.SINGLE ? u : 2 * u - 1;
            }
        }
        return map(w, mapping, 1.0);
    }
}
