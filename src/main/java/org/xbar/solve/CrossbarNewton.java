package org.xbar.solve;

import java.util.Arrays;
import org.xbar.circuit.CrossbarCircuit;
import org.xbar.error.NoConvergenceException;
import org.xbar.solve.newton.NewtonOptions;
import org.xbar.spec.DeviceIv;

/**
 * Newton's method on a crossbar of nonlinear devices with a crossbar solver inside: the Jacobian
 * of the crossbar's equations is the nodal matrix of the same crossbar with every device's
 * conductance replaced by its slope {@code dI/dV} at the present voltages, so each Newton step is
 * one linear crossbar solve ({@link Step}) - the line-relaxation solver's, with its row lines
 * eliminated exactly - and never a sparse factorization of the whole circuit.
 *
 * <p>Each device is replaced by its companion model at its present voltage {@code V0}, a
 * conductance {@code g' = I'(V0)} in parallel with a current source {@code I(V0) - g' V0} from the
 * row node to the column node (as SPICE loads a nonlinear element), and the linear crossbar with
 * those conductances and sources gives the next voltages. The iteration follows ngspice's
 * {@code NIiter}:
 * <ul>
 *   <li><b>Start:</b> 0 V everywhere, where every device's companion is its programmed conductance
 *       and no source ({@code I(0) = 0}), so the first step is the linear crossbar's solution; or a
 *       given starting point (a previous vector's answer, {@link #solve}'s {@code warm}).</li>
 *   <li><b>Convergence</b> (never before the second step): every node within
 *       {@code reltol max(|new|, |old|) + vntol} of the previous step, every device's current at the
 *       new voltages within {@code reltol max + abstol} of what its companion predicted
 *       ({@code I(V0) + g' (V - V0)}: the device test ngspice's behavioral sources define, which its
 *       {@code NIiter} in fact never applies - see {@code NewtonRun} - so this is a little
 *       stricter), and no device limited (below). Defaults are ngspice's
 *       ({@link NewtonOptions#DEFAULT}).</li>
 *   <li><b>Step limiting:</b> a {@code sinh} device's voltage is limited like a junction's by
 *       ngspice's {@code pnjlim}, with {@code 1/K} in the place of the thermal voltage (the
 *       current grows by {@code e} every {@code 1/K} volt): beyond {@code |V| = 3/K}, a step of
 *       more than {@code 2/K} away from the last linearization is shortened logarithmically.
 *       Tables continue as straight lines beyond their ends, and a 1D1R cell's current grows no faster
 *       than its device's conductance allows (the diode in series with it), so they need none.</li>
 *   <li><b>Iteration cap:</b> {@code itl1} (100) steps; then, or when a step's linear solve fails
 *       or is not finite, a {@link NoConvergenceException}, which the caller answers with the
 *       generic Newton solver's continuation methods.</li>
 * </ul>
 * The inner solves are started from the previous step's voltages, so as Newton converges they need
 * fewer and fewer iterations of conjugate gradients. Measured ({@code NonlinearCrossbars} in the
 * benchmarks): the 256x256 bench crossbar with 2.5 ohm wires in 2.1x (K = 2, 3 steps) and 3.3x
 * (K = 5, 4 steps) the time of its linear solve, and 65x faster than the generic Newton solver at
 * 64x64. Starting a vector from the previous vector's answer was measured too and does not pay:
 * random vectors took as many steps as from the linear start, since no answer is accepted before
 * the second step.
 *
 * <p>Per cell it keeps the companion conductance and current, the voltage of the last
 * linearization and the previous step's two node voltages: five doubles beside the linear
 * solver's own.
 */
final class CrossbarNewton {
    /** Beyond {@code |V| = CRITICAL / K} a sinh device's voltage steps are limited. */
    static final double CRITICAL = 3.0;

    /** One Newton step: the linear crossbar with the companion conductances and sources. */
    @FunctionalInterface
    interface Step {
        /**
         * Solves the crossbar whose device conductances are now {@link #jacobian()} with the
         * drivers at {@code drive} and the companion currents {@link #sources()} in parallel with
         * the devices, starting from the voltages in the two arrays and leaving the answer there.
         *
         * @return how the linear solve went
         * @throws NoConvergenceException when it fails
         */
        PreparedCrossbar.Convergence solve(double[] drive, double[] sources, double[] rowVolts, double[] colVolts);
    }

    /**
     * How a solve went.
     *
     * @param steps      Newton steps (linear solves)
     * @param iterations conjugate-gradient iterations over all steps
     * @param residual   the last linear solve's relative residual
     */
    record Outcome(int steps, int iterations, double residual) {
    }

    private final DeviceIv law;
    private final double[] programmed;
    private final double[] jacobian;
    private final double[] sources;
    private final double[] linearizedAt;
    private final double[] oldRow;
    private final double[] oldCol;
    private final NewtonOptions options;
    private final double perVolt;
    private final int cols;

    /**
     * @param circuit the crossbar, with a nonlinear device law
     * @param options ngspice's tolerances and iteration limit ({@code reltol}, {@code vntol},
     *                {@code abstol}, {@code itl1})
     */
    CrossbarNewton(CrossbarCircuit circuit, NewtonOptions options) {
        this.law = circuit.device();
        this.programmed = circuit.sharedConductances();
        int cells = programmed.length;
        this.jacobian = new double[cells];
        this.sources = new double[cells];
        this.linearizedAt = new double[cells];
        this.oldRow = new double[cells];
        this.oldCol = new double[cells];
        this.options = options;
        this.cols = circuit.physicalColumns();
        this.perVolt = law instanceof DeviceIv.Sinh sinh ? sinh.perVolt() : 0.0;
        linearize(new double[cells], new double[cells]);
    }

    /** @return the companion conductances, one per cell: the linear step's device conductances (kept, rewritten each step) */
    double[] jacobian() {
        return jacobian;
    }

    /** @return the companion currents, one per cell, from row node to column node */
    double[] sources() {
        return sources;
    }

    /**
     * Solves one set of driver voltages.
     *
     * @param drive    voltage of each physical row's driver, volt
     * @param rowVolts the row node voltages, one per cell: the start when {@code warm}, the answer after
     * @param colVolts the column node voltages, the same way
     * @param warm     start from the voltages given instead of 0 V
     * @param step     the linear solve of one step
     * @return steps, iterations and residual
     * @throws NoConvergenceException when the cap is reached, a step fails or a voltage is not finite
     */
    Outcome solve(double[] drive, double[] rowVolts, double[] colVolts, boolean warm, Step step) {
        if (!warm) {
            Arrays.fill(rowVolts, 0.0);
            Arrays.fill(colVolts, 0.0);
        }
        linearize(rowVolts, colVolts);
        int limit = Math.max(options.itl1(), 100);
        int steps = 0;
        int iterations = 0;
        double residual = 0;
        while (true) {
            System.arraycopy(rowVolts, 0, oldRow, 0, rowVolts.length);
            System.arraycopy(colVolts, 0, oldCol, 0, colVolts.length);
            PreparedCrossbar.Convergence c = step.solve(drive, sources, rowVolts, colVolts);
            steps++;
            iterations += c.iterations();
            residual = c.relativeResidual();
            boolean nodes = nodesConverged(rowVolts, oldRow) & nodesConverged(colVolts, oldCol);
            boolean devices = relinearize(rowVolts, colVolts);
            if (steps >= 2 && nodes && devices) {
                return new Outcome(steps, iterations, residual);
            }
            if (steps >= limit) {
                throw new NoConvergenceException("structured Newton", steps, residual, options.reltol(),
                        "the iteration cap itl1 = " + limit + " was reached; " + worstNode(rowVolts, colVolts));
            }
        }
    }

    /** Companions at the voltages given, with no check and no limiting (a start). */
    private void linearize(double[] rowVolts, double[] colVolts) {
        for (int k = 0; k < programmed.length; k++) {
            double v = rowVolts[k] - colVolts[k];
            stamp(k, v);
        }
    }

    /**
     * New companions at the step's voltages, limited; checks each device's current against its
     * old companion's prediction first.
     *
     * @return whether every device converged and none was limited
     */
    private boolean relinearize(double[] rowVolts, double[] colVolts) {
        double reltol = options.reltol();
        double abstol = options.abstol();
        boolean converged = true;
        for (int k = 0; k < programmed.length; k++) {
            double v = rowVolts[k] - colVolts[k];
            double predicted = sources[k] + jacobian[k] * v;
            double actual = current(k, v);
            if (!(Math.abs(actual - predicted) <= reltol * Math.max(Math.abs(actual), Math.abs(predicted)) + abstol)) {
                converged = false;
            }
            double limited = perVolt > 0 ? limit(v, linearizedAt[k]) : v;
            if (limited != v) {
                converged = false;
            }
            stamp(k, limited);
        }
        return converged;
    }

    private void stamp(int k, double v) {
        double g;
        double current;
        if (perVolt > 0) {
            double x = perVolt * v;
            g = programmed[k] * cosh(x);
            current = programmed[k] * sinh(x) / perVolt;
        } else {
            g = law.slope(programmed[k], v);
            current = law.current(programmed[k], v);
        }
        jacobian[k] = g;
        sources[k] = current - g * v;
        linearizedAt[k] = v;
    }

    /** A device's current by its law; sinh from one exponential ({@link #sinh}). */
    private double current(int k, double v) {
        return perVolt > 0 ? programmed[k] * sinh(perVolt * v) / perVolt : law.current(programmed[k], v);
    }

    /**
     * sinh from one {@link Math#exp} (an intrinsic, four times faster than {@link Math#sinh} and
     * {@link Math#cosh}, which a step would call three times per device): {@code (e - 1/e) / 2},
     * or below |x| = 0.5, where that difference would cancel, its Taylor series to x^19 (the next
     * term is below 1e-25 of the value). Within 1e-15 of {@link Math#sinh}.
     */
    static double sinh(double x) {
        if (Math.abs(x) < 0.5) {
            double x2 = x * x;
            return x * (1 + x2 / 6 * (1 + x2 / 20 * (1 + x2 / 42 * (1 + x2 / 72 * (1 + x2 / 110 * (1 + x2 / 156
                    * (1 + x2 / 210 * (1 + x2 / 272 * (1 + x2 / 342)))))))));
        }
        double e = Math.exp(x);
        return 0.5 * (e - 1 / e);
    }

    /** cosh the same way: {@code (e + 1/e) / 2}, which does not cancel. */
    static double cosh(double x) {
        double e = Math.exp(x);
        return 0.5 * (e + 1 / e);
    }

    /**
     * ngspice's {@code pnjlim} for a sinh device, odd in V, with {@code 1/K} as the thermal
     * voltage: a step away from the last linearization {@code old} of more than {@code 2/K} that
     * ends beyond {@code 3/K} is shortened to {@code ln(1 + K step) / K}; one that crosses back
     * from beyond stops at {@code 3/K}.
     */
    double limit(double v, double old) {
        double vt = 1.0 / perVolt;
        double a = Math.abs(v);
        if (!(a > CRITICAL * vt) || !(Math.abs(v - old) > 2 * vt)) {
            return v;
        }
        double sign = Math.signum(v);
        double o = sign * old;
        double limited;
        if (o > 0) {
            double arg = 1 + (a - o) / vt;
            limited = arg > 0 ? o + vt * Math.log(arg) : CRITICAL * vt;
        } else {
            limited = vt * Math.log(a / vt);
        }
        return sign * limited;
    }

    private boolean nodesConverged(double[] now, double[] before) {
        double reltol = options.reltol();
        double vntol = options.vntol();
        for (int k = 0; k < now.length; k++) {
            double a = now[k];
            double b = before[k];
            if (!(Math.abs(a - b) <= reltol * Math.max(Math.abs(a), Math.abs(b)) + vntol)) {
                return false;
            }
        }
        return true;
    }

    /** The node that moved most in the last step, for the message. */
    private String worstNode(double[] rowVolts, double[] colVolts) {
        double worst = -1;
        String node = "";
        for (int k = 0; k < rowVolts.length; k++) {
            double r = Math.abs(rowVolts[k] - oldRow[k]);
            double c = Math.abs(colVolts[k] - oldCol[k]);
            if (!(r <= worst)) {
                worst = r;
                node = CrossbarCircuit.rowNode(k / cols, k % cols);
            }
            if (!(c <= worst)) {
                worst = c;
                node = CrossbarCircuit.columnNode(k / cols, k % cols);
            }
        }
        return String.format(java.util.Locale.ROOT, "node %s moved most in the last step, by %.3e V", node, worst);
    }
}
