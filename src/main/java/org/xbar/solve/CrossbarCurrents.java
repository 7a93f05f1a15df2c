package org.xbar.solve;

/**
 * Output currents from node voltages. The current a physical column delivers to its sense is the
 * sum of its device currents {@code sum_i g_ij (v_r(i,j) - v_c(i,j))}: by Kirchhoff's current law
 * on the whole column line it equals the current through the neuron resistance, and unlike
 * {@code v/R_N} it stays accurate when {@code R_N = 0} or when the column's voltages are tiny.
 */
final class CrossbarCurrents {
    private CrossbarCurrents() {
    }

    /**
     * @param rows        physical rows
     * @param cols        physical columns
     * @param conductance device conductances, row-major, siemens
     * @param rowVolts    row node voltages, row-major, volt
     * @param colVolts    column node voltages, row-major, volt
     * @return current into the sense of each physical column, ampere
     */
    static double[] columnCurrents(int rows, int cols, double[] conductance, double[] rowVolts, double[] colVolts) {
        double[] amps = new double[cols];
        for (int i = 0; i < rows; i++) {
            int base = i * cols;
            for (int j = 0; j < cols; j++) {
                amps[j] += conductance[base + j] * (rowVolts[base + j] - colVolts[base + j]);
            }
        }
        return amps;
    }
}
