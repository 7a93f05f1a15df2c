package org.xbar.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The log-log least-squares fit behind the scaling exponents of the performance report. */
class PowerLawFitTest {
    @Test
    void fittedExponentOfAPowerLawIsItsExponent() {
        double[] x = {1e3, 1e4, 1e5, 1e6};
        double[] y = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            y[k] = 3 * Math.pow(x[k], 1.5);
        }
        assertEquals(1.5, PowerLawFit.exponent(x, y), 1e-12);
        assertTrue(Double.isNaN(PowerLawFit.exponent(new double[] {5}, new double[] {2})));
        assertTrue(Double.isNaN(PowerLawFit.exponent(new double[] {5, 5}, new double[] {2, 3})), "one distinct x fits nothing");
        // points that are not positive are left out
        assertEquals(1.5, PowerLawFit.exponent(new double[] {1e3, 1e4, 0, 1e6}, new double[] {y[0], y[1], 7, y[3]}), 1e-12);
    }

    @Test
    void noisyPointsGiveTheLeastSquaresSlope() {
        // log y = 2 log x + e with e = +d, -d, +d, -d on equally spaced log x: the slope of the line
        // through them, solved by hand, is 2 - 0.4 d / (log 10)
        double d = 0.1;
        double[] x = {10, 100, 1000, 10000};
        double[] y = new double[4];
        for (int k = 0; k < 4; k++) {
            y[k] = x[k] * x[k] * Math.exp(k % 2 == 0 ? d : -d);
        }
        assertEquals(2 - 0.4 * d / Math.log(10), PowerLawFit.exponent(x, y), 1e-12);
    }
}
