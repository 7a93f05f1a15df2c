package org.xbar.report;

import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Power laws {@code y = c x^a} fitted by least squares on log-log axes (Commons Math's
 * {@link SimpleRegression} on the logarithms), for scaling plots and reports.
 */
public final class PowerLawFit {
    private PowerLawFit() {
    }

    /**
     * @param x abscissae; points where x or y is not positive are left out
     * @param y ordinates, as many
     * @return the fitted exponent {@code a}, NaN with fewer than two distinct points
     */
    public static double exponent(double[] x, double[] y) {
        SimpleRegression fit = new SimpleRegression();
        for (int k = 0; k < x.length; k++) {
            if (x[k] > 0 && y[k] > 0) {
                fit.addData(Math.log(x[k]), Math.log(y[k]));
            }
        }
        return fit.getN() < 2 ? Double.NaN : fit.getSlope();
    }
}
