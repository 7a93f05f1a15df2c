package org.xbar.bench;

import org.xbar.device.Quantizer;
import org.xbar.device.Technology;
import org.xbar.device.WeightMapper;
import org.xbar.spec.CrossbarSpec;
import org.xbar.spec.InputBatch;
import org.xbar.spec.WeightMapping;
import org.xbar.study.PerformanceStudy;

/**
 * The seeded crossbars and input vectors every library benchmark uses, so that their timings refer
 * to the same circuits as {@code xbar bench}: {@link PerformanceStudy#crossbar} (an n x n
 * single-array crossbar of random 4-bit TiO2 devices, seed n, R_S = 800 ohm, R_N = 200 ohm, 2.5 ohm
 * wire segments) and input vectors uniform in [0, 1) V (seed n + 1).
 */
public final class BenchmarkCrossbars {
    /** Largest input voltage, volt; inputs are uniform in [0, MAX_INPUT_VOLTS). */
    public static final double MAX_INPUT_VOLTS = 1.0;

    private BenchmarkCrossbars() {
    }

    /**
     * @param size rows and columns
     * @return the seeded size x size crossbar with wires of {@code xbar bench}
     */
    public static CrossbarSpec crossbar(int size) {
        return PerformanceStudy.crossbar(size);
    }

    /**
     * The recipe of {@link #crossbar(int)} on a rectangle: random 4-bit TiO2 devices (seed
     * {@code rows * cols}), R_S = 800 ohm, R_N = 200 ohm, 2.5 ohm wire segments.
     *
     * @param rows inputs
     * @param cols outputs
     * @return the seeded crossbar
     */
    public static CrossbarSpec crossbar(int rows, int cols) {
        return new WeightMapper(new Quantizer(Technology.TIO2, Quantizer.DEFAULT_BITS))
                .random(rows, cols, WeightMapping.SINGLE, (long) rows * cols).toSpec()
                .sourceOhms(PerformanceStudy.SOURCE_OHMS).neuronOhms(PerformanceStudy.NEURON_OHMS)
                .wireOhms(PerformanceStudy.WIRE_OHMS).build();
    }

    /**
     * @param vectors number of input vectors
     * @param size    voltages per vector (the crossbar's inputs)
     * @return input vectors uniform in [0, 1) V, seed {@code size + 1}
     */
    public static InputBatch inputs(int vectors, int size) {
        return InputBatch.random(vectors, size, MAX_INPUT_VOLTS, size + 1L);
    }
}
