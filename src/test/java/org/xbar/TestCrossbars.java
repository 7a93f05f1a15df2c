package org.xbar;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import org.xbar.device.Quantizer;
import org.xbar.device.Technology;
import org.xbar.device.WeightMapper;
import org.xbar.spec.CrossbarSpec;
import org.xbar.spec.Drive;
import org.xbar.spec.WeightMapping;

/** Seeded random crossbars and tolerance checks shared by the tests. */
public final class TestCrossbars {
    private TestCrossbars() {
    }

    /**
     * A random 4-bit TiO2 crossbar with random per-row source and per-column neuron resistances
     * around seed 004's worst corner.
     *
     * @param rows    input rows
     * @param cols    outputs
     * @param mapping weight mapping
     * @param wire    wire segment resistance, ohm (rows and columns)
     * @param drive   drive
     * @param seed    seed
     * @return the spec
     */
    public static CrossbarSpec random(int rows, int cols, WeightMapping mapping, double wire, Drive drive, long seed) {
        SplittableRandom random = new SplittableRandom(seed * 7919 + 17);
        double[] rs = new double[rows];
        double[] rn = new double[cols];
        for (int i = 0; i < rows; i++) {
            rs[i] = 200 + 600 * random.nextDouble();
        }
        for (int j = 0; j < cols; j++) {
            rn[j] = 200 * random.nextDouble();
        }
        return new WeightMapper(new Quantizer(Technology.TIO2, 4)).random(rows, cols, mapping, seed).toSpec()
                .sourceOhms(rs).neuronOhms(rn).wireOhms(wire, wire * 1.3).drive(drive).build();
    }

    /**
     * Fails unless {@code |actual - expected| <= rel * max(|actual|, |expected|) + abs}.
     *
     * @param what     what is compared, for the message
     * @param actual   the value obtained
     * @param expected the reference
     * @param rel      relative tolerance
     * @param abs      absolute tolerance
     */
    public static void assertClose(String what, double actual, double expected, double rel, double abs) {
        if (!(Math.abs(actual - expected) <= rel * Math.max(Math.abs(actual), Math.abs(expected)) + abs)) {
            fail(what + ": expected " + expected + " but got " + actual + " (difference "
                    + (actual - expected) + ", rel " + rel + ", abs " + abs + ")");
        }
    }

    /**
     * Element-wise {@link #assertClose(String, double, double, double, double)}.
     *
     * @param what     what is compared
     * @param actual   values obtained
     * @param expected references
     * @param rel      relative tolerance
     * @param abs      absolute tolerance
     */
    public static void assertAllClose(String what, double[] actual, double[] expected, double rel, double abs) {
        if (actual.length != expected.length) {
            fail(what + ": " + actual.length + " values, expected " + expected.length);
        }
        for (int k = 0; k < actual.length; k++) {
            assertClose(what + "[" + k + "]", actual[k], expected[k], rel, abs);
        }
    }

    /**
     * @param k K, 1/V
     * @return sinh(K V)/K sampled every 10 mV on [-2, 2] V, as a table device
     */
    public static org.xbar.spec.DeviceIv.Table sampledSinh(double k) {
        int n = 401;
        double[] v = new double[n];
        double[] i = new double[n];
        int[] lines = new int[n];
        for (int p = 0; p < n; p++) {
            v[p] = (p - 200) * 0.01;
            i[p] = Math.sinh(k * v[p]) / k;
            lines[p] = p + 1;
        }
        return org.xbar.spec.DeviceIv.Table.of("sampled sinh", v, i, lines);
    }

    /**
     * Writes input vectors as the CLI reads them: one vector per line.
     *
     * @param file   the CSV file
     * @param inputs the vectors
     */
    public static void writeVectors(java.nio.file.Path file, org.xbar.spec.InputBatch inputs) {
        double[][] vectors = new double[inputs.size()][];
        for (int k = 0; k < vectors.length; k++) {
            vectors[k] = inputs.vector(k);
        }
        org.xbar.io.CsvMatrix.write(file, vectors);
    }
}
