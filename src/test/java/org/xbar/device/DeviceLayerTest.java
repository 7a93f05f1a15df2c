package org.xbar.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xbar.TestCrossbars.assertClose;

import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xbar.error.InvalidParameterException;
import org.xbar.spec.ConductanceMatrix;
import org.xbar.spec.WeightMapping;

/** Quantization levels, weight mapping, and the statistics of seeded variation and stuck devices. */
class DeviceLayerTest {
    private static final Technology TIO2 = Technology.TIO2;

    @Test
    void fourBitLevelsAreMultiplesOfGmin() {
        Quantizer q = new Quantizer(TIO2, 4);
        assertEquals(16, q.levels());
        assertEquals(0.0, q.conductance(0));
        double gMin = 1 / 600e3;
        for (int level = 1; level <= 15; level++) {
            assertClose("level " + level, q.conductance(level), level * gMin, 1e-14, 0);
        }
        assertClose("G_max/G_min", q.conductance(15) / q.conductance(1), 15, 1e-14, 0);
        assertClose("top level", q.conductance(15), TIO2.maxSiemens(), 1e-14, 0);
        assertThrows(InvalidParameterException.class, () -> q.conductance(16));
    }

    @Test
    void otherBitWidthsSpanTheRange() {
        Quantizer q = new Quantizer(Technology.SPINTRONIC, 3);
        assertClose("level 1", q.conductance(1), Technology.SPINTRONIC.minSiemens(), 1e-14, 0);
        assertClose("level 7", q.conductance(7), Technology.SPINTRONIC.maxSiemens(), 1e-14, 0);
        double step = q.conductance(2) - q.conductance(1);
        for (int level = 2; level < 7; level++) {
            assertClose("even steps", q.conductance(level + 1) - q.conductance(level), step, 1e-12, 0);
        }
        assertClose("one bit", new Quantizer(TIO2, 1).conductance(1), TIO2.maxSiemens(), 0, 0);
        assertThrows(InvalidParameterException.class, () -> new Quantizer(TIO2, 0));
    }

    @Test
    void signedWeightsGoToThePositiveOrTheNegativeArray() {
        WeightMapper mapper = new WeightMapper(new Quantizer(TIO2, 4));
        DeviceArrays arrays = mapper.map(new double[][] {{1.0, -0.5}, {0.0, -1.0}}, WeightMapping.ROW_PAIR);
        double gMin = 1 / 600e3;
        assertClose("w=1", arrays.positive().get(0, 0), 15 * gMin, 1e-14, 0);
        assertEquals(0.0, arrays.negative().get(0, 0));
        assertEquals(0.0, arrays.positive().get(0, 1));
        assertClose("w=-0.5 rounds to level 8", arrays.negative().get(0, 1), 8 * gMin, 1e-14, 0);
        assertEquals(0.0, arrays.positive().get(1, 0));
        assertEquals(0.0, arrays.negative().get(1, 0));
        assertClose("w=-1", arrays.negative().get(1, 1), 15 * gMin, 1e-14, 0);
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> mapper.map(new double[][] {{1.0, -0.5}}, WeightMapping.SINGLE));
        assertEquals("weights[0][1]", e.parameter(), e.getMessage());
        assertEquals(Optional.of("-0.5"), e.value(), e.getMessage());
        assertNull(mapper.map(new double[][] {{0.3}}, WeightMapping.SINGLE).negative());
    }

    private static ConductanceMatrix uniform(int n, double g) {
        double[][] values = new double[n][n];
        for (double[] row : values) {
            java.util.Arrays.fill(row, g);
        }
        return ConductanceMatrix.of(values);
    }

    @Test
    void lognormalDeviceVariationHasTheRequestedSpread() {
        double g = 1e-5;
        ConductanceMatrix m = new Variation(0.1, Distribution.LOGNORMAL, 0, 0, 0, 0, StuckOff.GMIN, 42).apply(uniform(200, g), TIO2, 0);
        SummaryStatistics log = new SummaryStatistics();
        for (double[] row : m.toArray()) {
            for (double v : row) {
                log.addValue(Math.log(v / g));
            }
        }
        // 40000 samples: the standard error of the mean is 0.1 / 200 = 5e-4.
        assertEquals(0.0, log.getMean(), 3e-3, "median stays at g");
        assertEquals(0.1, log.getStandardDeviation(), 3e-3, "sigma of log(g'/g)");
    }

    @Test
    void normalDeviceVariationHasTheRequestedSpread() {
        double g = 1e-5;
        ConductanceMatrix m = new Variation(0.05, Distribution.NORMAL, 0, 0, 0, 0, StuckOff.GMIN, 43).apply(uniform(200, g), TIO2, 0);
        SummaryStatistics rel = new SummaryStatistics();
        for (double[] row : m.toArray()) {
            for (double v : row) {
                rel.addValue(v / g - 1);
            }
        }
        assertEquals(0.0, rel.getMean(), 2e-3);
        assertEquals(0.05, rel.getStandardDeviation(), 2e-3);
    }

    @Test
    void chipVariationScalesEveryDevice() {
        ConductanceMatrix base = new WeightMapper(new Quantizer(TIO2, 4)).random(20, 20, WeightMapping.SINGLE, 1).positive();
        ConductanceMatrix chip = new Variation(0, Distribution.LOGNORMAL, 0.05, -2, 0, 0, StuckOff.GMIN, 1).apply(base, TIO2, 0);
        for (int i = 0; i < 20; i++) {
            for (int j = 0; j < 20; j++) {
                assertClose("scaled by 1 - 2 * 0.05", chip.get(i, j), 0.9 * base.get(i, j), 1e-15, 0);
            }
        }
        assertThrows(InvalidParameterException.class, () -> new Variation(0, Distribution.LOGNORMAL, 0.5, -2, 0, 0, StuckOff.GMIN, 1));
    }

    @Test
    void stuckDevicesOccurAtTheirRates() {
        int n = 200;
        double g = 5e-6;
        ConductanceMatrix m = new Variation(0, Distribution.LOGNORMAL, 0, 0, 0.05, 0.1, StuckOff.GMIN, 9).apply(uniform(n, g), TIO2, 0);
        int on = 0;
        int off = 0;
        for (double[] row : m.toArray()) {
            for (double v : row) {
                if (v == TIO2.maxSiemens()) {
                    on++;
                } else if (v == TIO2.minSiemens()) {
                    off++;
                } else {
                    assertEquals(g, v, 0.0, "a device that is not stuck keeps its value");
                }
            }
        }
        // Binomial standard deviations: sqrt(40000 * 0.05 * 0.95) = 44, sqrt(40000 * 0.1 * 0.9) = 60.
        assertEquals(2000, on, 5 * 44);
        assertEquals(4000, off, 5 * 60);
        ConductanceMatrix open = new Variation(0, Distribution.LOGNORMAL, 0, 0, 0, 1, StuckOff.OPEN, 9).apply(uniform(3, g), TIO2, 0);
        assertEquals(0.0, open.max(), "stuck-off devices can be open");
    }

    @Test
    void absentDevicesStayAbsent() {
        ConductanceMatrix empty = ConductanceMatrix.of(new double[][] {{0, 0}, {0, 0}});
        assertEquals(0.0, new Variation(0.3, Distribution.LOGNORMAL, 0.1, 1, 0.5, 0.5, StuckOff.GMIN, 3).apply(empty, TIO2, 0).max());
    }

    @Test
    void variationIsReproducibleAndSeeded() {
        ConductanceMatrix base = uniform(30, 1e-5);
        Variation v = new Variation(0.2, Distribution.LOGNORMAL, 0.1, 1, 0.01, 0.01, StuckOff.GMIN, 77);
        assertEquals(v.apply(base, TIO2, 0), v.apply(base, TIO2, 0));
        assertNotEquals(v.apply(base, TIO2, 0), v.apply(base, TIO2, 1), "each array has its own stream");
        Variation other = new Variation(0.2, Distribution.LOGNORMAL, 0.1, 1, 0.01, 0.01, StuckOff.GMIN, 78);
        assertNotEquals(v.apply(base, TIO2, 0), other.apply(base, TIO2, 0));
        assertEquals(new WeightMapper(new Quantizer(TIO2, 4)).random(8, 8, WeightMapping.ROW_PAIR, 5),
                new WeightMapper(new Quantizer(TIO2, 4)).random(8, 8, WeightMapping.ROW_PAIR, 5));
    }

    @Test
    void technologiesByName() {
        assertEquals(Technology.AG_SI, Technology.byName("Ag/Si"));
        assertEquals(Technology.TAOX, Technology.byName("taox"));
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> Technology.byName("gold"));
        assertEquals("technology", e.parameter(), e.getMessage());
        assertEquals(Optional.of("gold"), e.value(), e.getMessage());
    }
}
