package org.xbar.solve.sparse;

/** Residual norms for solver statistics. */
public final class Residuals {
    private Residuals() {
    }

    /**
     * @param a   matrix
     * @param x   candidate solution
     * @param rhs right-hand side
     * @return {@code ||rhs - a x|| / ||rhs||} (Euclidean), or {@code ||a x||} when rhs is zero
     */
    public static double relative(SparseMatrix a, double[] x, double[] rhs) {
        int n = a.order();
        double[] ax = new double[n];
        a.multiply(x, ax);
        double r2 = 0;
        double b2 = 0;
        for (int k = 0; k < n; k++) {
            double d = rhs[k] - ax[k];
            r2 += d * d;
            b2 += rhs[k] * rhs[k];
        }
        return b2 == 0 ? Math.sqrt(r2) : Math.sqrt(r2 / b2);
    }
}
