package org.xbar.report;

/** Power laws {@code y = c x^a} fitted by least squares on log-log axes, for scaling plots and reports. */
public final class PowerLawFit {
    private PowerLawFit() {
    }

    /**
     * @param x abscissae; points where x or y is not positive are left out
     * @param y ordinates, as many
     * @return the fitted exponent {@code a}, NaN with fewer than two distinct points
     */
    public static double exponent(double[] x, double[] y) {
        int count = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int k = 0; k < x.length; k++) {
            if (!(x[k] > 0 && y[k] > 0)) {
                continue;
            }
            double lx = Math.log(x[k]);
            double ly = Math.log(y[k]);
            count++;
            sx += lx;
            sy += ly;
            sxx += lx * lx;
            sxy += lx * ly;
        }
        double denominator = count * sxx - sx * sx;
        if (count < 2 || denominator <= 1e-12) {
            return Double.NaN;
        }
        return (count * sxy - sx * sy) / denominator;
    }
}
