package org.xbar.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.xbar.TestCrossbars;
import org.xbar.error.InputFormatException;
import org.xbar.error.InvalidParameterException;

/**
 * The devices' I-V laws: sinh and its linear limit, and the tabulated curve's monotone cubic
 * Hermite interpolation (through its points, monotone, continuous in value and slope at every
 * point, straight beyond the ends) and its refusals, which name the file and line.
 */
class DeviceIvTest {

    @Test
    void sinhHasItsLowVoltageConductanceAndTendsToTheLinearDevice() {
        DeviceIv law = DeviceIv.sinh(5);
        assertEquals(2e-4 * Math.sinh(5 * 0.3) / 5, law.current(2e-4, 0.3), 1e-20);
        assertEquals(2e-4 * Math.cosh(5 * 0.3), law.slope(2e-4, 0.3), 1e-18);
        assertEquals(2e-4, law.slope(2e-4, 0), 0, "G is the conductance at 0 V");
        assertSame(DeviceIv.LINEAR, DeviceIv.sinh(0));
        DeviceIv tiny = DeviceIv.sinh(1e-6);
        for (double v : new double[] {-1, -0.2, 0.4, 1}) {
            TestCrossbars.assertClose("K -> 0 at " + v, tiny.current(1e-4, v), 1e-4 * v, 1e-12, 0);
        }
        assertEquals("nonlinearity", assertThrows(InvalidParameterException.class, () -> DeviceIv.sinh(-1)).parameter());
        assertThrows(InvalidParameterException.class, () -> DeviceIv.sinh(Double.POSITIVE_INFINITY));
        assertTrue(law.toSpice(2e-4, "v(a,b)").contains("sinh(5.0*v(a,b))"));
    }

    private static DeviceIv.Table table(double[] v, double[] i) {
        int[] lines = new int[v.length];
        for (int k = 0; k < lines.length; k++) {
            lines[k] = k + 3;
        }
        return DeviceIv.Table.of("iv.csv", v, i, lines);
    }

    @Test
    void tableInterpolatesMonotonicallyWithAContinuousSlope() {
        // a strongly curved, uneven curve: sharp knee at 0.5 V
        double[] v = {-1, -0.5, -0.1, 0, 0.2, 0.5, 0.55, 1};
        double[] i = {-3e-4, -1e-4, -1.5e-5, 0, 2e-5, 5e-5, 2e-4, 6e-4};
        DeviceIv.Table t = table(v, i);
        for (int k = 0; k < v.length; k++) {
            assertEquals(i[k], t.curve(v[k]), 1e-20, "through point " + k);
            // on both sides the curve leaves the point along one tangent: value and slope are continuous
            double h = 1e-8;
            double slope = t.curveSlope(v[k]);
            TestCrossbars.assertClose("value left of " + v[k], t.curve(v[k] - h), i[k] - slope * h, 0, 1e-15);
            TestCrossbars.assertClose("value right of " + v[k], t.curve(v[k] + h), i[k] + slope * h, 0, 1e-15);
            TestCrossbars.assertClose("slope continuous at " + v[k], t.curveSlope(v[k] - 1e-12), t.curveSlope(v[k] + 1e-12),
                    1e-6, 1e-12);
        }
        double previous = Double.NEGATIVE_INFINITY;
        for (double x = -1.5; x <= 1.5; x += 1e-3) {
            double y = t.curve(x);
            assertTrue(y >= previous, "monotone at " + x);
            assertTrue(t.curveSlope(x) >= 0, "slope >= 0 at " + x);
            double numeric = (t.curve(x + 1e-7) - t.curve(x - 1e-7)) / 2e-7;
            // (a difference across a point, where the second derivative jumps, is off by about 1e-7 times the jump)
            TestCrossbars.assertClose("slope is the derivative at " + x, t.curveSlope(x), numeric, 1e-5, 5e-8);
            previous = y;
        }
        // beyond the ends: straight lines with the end slopes
        assertEquals(t.curveSlope(1), (t.curve(3) - t.curve(2)), 1e-15);
        assertEquals(t.curveSlope(-1), (t.curve(-2) - t.curve(-3)), 1e-15);
        // scaled per device to its conductance at 0 V
        assertEquals(3e-5, t.slope(3e-5, 0), 1e-18);
        assertEquals(3e-5 / t.slopeAtZero() * t.curve(0.3), t.current(3e-5, 0.3), 1e-20);
    }

    @Test
    void aFinelySampledSinhTableIsTheSinhDevice() {
        int n = 201;
        double[] v = new double[n];
        double[] i = new double[n];
        for (int k = 0; k < n; k++) {
            v[k] = -1 + 2.0 * k / (n - 1);
            i[k] = Math.sinh(3 * v[k]) / 3;
        }
        v[(n - 1) / 2] = 0;
        i[(n - 1) / 2] = 0;
        DeviceIv.Table t = table(v, i);
        DeviceIv sinh = DeviceIv.sinh(3);
        // The tangents are estimated from the points (the mean of the neighbouring secants), so the
        // curve's slope at 0 - the scale of every device - is off by (K h)^2 / 6 = 1.5e-4 at 10 mV steps.
        for (double x = -0.95; x < 0.95; x += 0.0173) {
            TestCrossbars.assertClose("current at " + x, t.current(1e-4, x), sinh.current(1e-4, x), 3e-4, 1e-12);
            TestCrossbars.assertClose("slope at " + x, t.slope(1e-4, x), sinh.slope(1e-4, x), 1e-3, 0);
        }
    }

    @Test
    void badTablesAreRefusedNamingTheFileAndLine() {
        InputFormatException e = assertThrows(InputFormatException.class,
                () -> table(new double[] {-1, 0, 0.5, 0.4}, new double[] {-1e-4, 0, 1e-4, 2e-4}));
        assertEquals("iv.csv", e.file());
        assertEquals(6, e.line(), e.getMessage());
        assertEquals(1, e.column());
        e = assertThrows(InputFormatException.class,
                () -> table(new double[] {-1, 0, 0.5, 1}, new double[] {-1e-4, 0, 1e-4, 1e-4}));
        assertEquals(6, e.line(), "a flat segment is not strictly monotone: " + e.getMessage());
        assertEquals(2, e.column());
        e = assertThrows(InputFormatException.class, () -> table(new double[] {0.1, 0.5}, new double[] {1e-5, 1e-4}));
        assertEquals(0, e.line(), "no point at 0 V: the whole file");
        e = assertThrows(InputFormatException.class, () -> table(new double[] {-1, 0, 1}, new double[] {-1e-4, 1e-6, 1e-4}));
        assertEquals(4, e.line(), "current at 0 V must be 0: " + e.getMessage());
        assertThrows(InputFormatException.class, () -> table(new double[] {0}, new double[] {0}));
    }

    @Test
    void theSpecCarriesTheLawAndComparesByIt() {
        ConductanceMatrix g = ConductanceMatrix.of("g", new double[][] {{1e-4, 2e-5}, {5e-5, 1e-5}});
        CrossbarSpec linear = CrossbarSpec.single(g).sourceOhms(100).neuronOhms(50).build();
        CrossbarSpec sinh = linear.withDevice(DeviceIv.sinh(2));
        assertTrue(sinh.isNonlinear());
        assertTrue(!linear.isNonlinear());
        assertTrue(!sinh.equals(linear));
        assertEquals(sinh, linear.withDevice(DeviceIv.sinh(2)));
        assertEquals(DeviceIv.sinh(2), sinh.withWires(1, 1).withTerminations(10, 10).withDrive(Drive.BOTH_ENDS).device(),
                "every copy keeps the law");
        assertEquals("device", assertThrows(InvalidParameterException.class, () -> sinh.requireLinear("x")).parameter());
        linear.requireLinear("x");
    }

    /**
     * The 1D1R cell: the diode's voltage makes the diode and the device carry the same current to
     * rounding, in forward, reverse and breakdown; the cell's slope is the derivative of its current
     * and the series conductance of the two; a device of 0 S carries nothing.
     */
    @Test
    void aDiodeSelectorCellCarriesOneCurrentThroughBoth() {
        DeviceIv.DiodeSelector plain = new DeviceIv.DiodeSelector(1e-14, 1, Double.NaN);
        DeviceIv.DiodeSelector zener = new DeviceIv.DiodeSelector(1e-12, 1.5, 2.0);
        for (DeviceIv.DiodeSelector d : new DeviceIv.DiodeSelector[] {plain, zener}) {
            for (double g : new double[] {1e-6, 1.25e-5, 1e-3}) {
                for (double v = -4; v <= 4; v += 0.0625) {
                    double vd = d.diodeVolts(g, v);
                    double device = g * (v - vd);
                    double diode = d.diodeCurrent(vd);
                    // g (v - vd) loses digits where the diode takes nearly all of v; the two agree to that
                    assertEquals(device, diode, 1e-12 * Math.abs(diode) + 4 * Math.ulp(v) * g + 1e-24,
                            d.describe() + " g " + g + " v " + v);
                    assertEquals(Math.abs(vd) > Math.abs(v - vd) ? diode : device, d.current(g, v), 0.0);
                    double h = 1e-7;
                    double numeric = (d.current(g, v + h) - d.current(g, v - h)) / (2 * h);
                    // ngspice's reverse and breakdown branches meet with a kink at -BV: no derivative there
                    boolean kink = !Double.isNaN(d.breakdown()) && Math.abs(vd + d.breakdown()) < 1e-3;
                    if (!kink) {
                        assertEquals(numeric, d.slope(g, v), 1e-5 * Math.abs(numeric) + 1e-14, "slope at " + v);
                    }
                    assertTrue(d.slope(g, v) <= g, "a series conductance never exceeds the device's");
                }
            }
            assertEquals(0.0, d.current(0, 1.0));
            assertEquals(0.0, d.slope(0, 1.0));
        }
        // forward the diode drops about 0.6 V at microamperes; reverse it blocks; past BV it conducts again
        assertTrue(plain.current(1e-3, 1.0) > 1e-4, "forward");
        assertTrue(Math.abs(plain.current(1e-3, -1.0)) < 1e-11, "reverse");
        assertTrue(zener.current(1e-3, -4.0) < -1e-3, "breakdown");
        assertThrows(InvalidParameterException.class, () -> new DeviceIv.DiodeSelector(-1, 1, Double.NaN));
        assertThrows(InvalidParameterException.class, () -> new DeviceIv.DiodeSelector(1e-14, 0, Double.NaN));
        assertThrows(InvalidParameterException.class, () -> new DeviceIv.DiodeSelector(1e-14, 1, -2));
    }
}
