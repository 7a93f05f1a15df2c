package org.xbar.solve.newton;

/**
 * A linear multiport in a Newton run: the currents {@code I = Y V} that a linear network draws
 * from its ports, {@code Y} dense and symmetric (a crossbar layer reduced to the nodes that drive
 * it, {@link LayeredNetworkSolver}). Stamped like any conductance: {@code Y} into the ports' rows
 * and columns, and the held ports' offsets moved to the right-hand side. Its values never change.
 */
final class MultiportElement implements Element {
    private final int[] ports;
    private final double[] admittance;
    private final int[] handle;

    /**
     * @param ports      the port nodes
     * @param admittance {@code Y}, ports x ports, row-major, siemens: the current drawn from port i
     *                   is {@code sum_j Y[i][j] V_j}
     */
    MultiportElement(int[] ports, double[] admittance) {
        this.ports = ports.clone();
        this.admittance = admittance;
        this.handle = new int[ports.length * ports.length];
    }

    @Override
    public void reserve(Stamps stamps) {
        int n = ports.length;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                handle[i * n + j] = stamps.reserve(ports[i], ports[j]);
            }
        }
    }

    @Override
    public int load(Stamps stamps) {
        int n = ports.length;
        for (int i = 0; i < n; i++) {
            int ui = stamps.unknownOf(ports[i]);
            if (ui < 0) {
                continue;
            }
            double r = 0;
            for (int j = 0; j < n; j++) {
                double g = admittance[i * n + j];
                if (g == 0) {
                    continue;
                }
                stamps.add(handle[i * n + j], g);
                r -= g * stamps.offsets[ports[j]];
            }
            stamps.rhs[ui] += r;
        }
        return 0;
    }

    @Override
    public void addLeaving(double[] volts, double[] x, double[] leaving) {
        int n = ports.length;
        for (int i = 0; i < n; i++) {
            double amps = 0;
            for (int j = 0; j < n; j++) {
                amps += admittance[i * n + j] * volts[ports[j]];
            }
            leaving[ports[i]] += amps;
        }
    }
}
