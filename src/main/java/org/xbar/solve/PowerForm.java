package org.xbar.solve;

import org.xbar.circuit.CrossbarCircuit;
import org.xbar.error.InvalidParameterException;
import org.xbar.error.NonFiniteResultException;
import org.xbar.results.CrossbarSolution;
import org.xbar.results.PowerBreakdown;

/**
 * The power a linear crossbar draws from its drivers as a quadratic form of its input vector,
 * {@code P(v) = v^T Q v}, exact for every input vector from one solve per input.
 *
 * <p>The circuit is linear with no source but its drivers, so the current each physical row's
 * driver delivers is linear in the inputs: {@code I_p(v) = sum_k v_k I_p(e_k)}, {@code I_p(e_k)}
 * from the solve with 1 V on input k and 0 V on the others ({@link PowerBreakdown#driverCurrents}).
 * The driver of physical row p sits at {@code s_p v_{in(p)}} ({@code s_p = -1} for the negative
 * array of a row pair), so the power drawn is
 *
 * <pre>
 *   P(v) = sum_p s_p v_{in(p)} I_p(v) = v^T M v,   M_ik = sum_{p : in(p) = i} s_p I_p(e_k),
 * </pre>
 *
 * and {@code Q = (M + M^T) / 2}, in siemens (watt per volt squared). By energy conservation
 * {@code P(v)} is also everything the crossbar dissipates ({@link PowerBreakdown}). A resistive
 * network is reciprocal, so {@code M} is symmetric up to the accuracy of the solves:
 * {@link #asymmetry()} reports how far it is, a check on the solves. Evaluating {@code P} costs
 * {@code inputs^2} operations, against a full solve for a breakdown by element; the form gives the
 * total only.
 */
public final class PowerForm {
    private final int inputs;
    /** {@code Q}, {@code inputs x inputs}, row-major, siemens. */
    private final double[] siemens;
    private final double asymmetry;

    private PowerForm(int inputs, double[] siemens, double asymmetry) {
        this.inputs = inputs;
        this.siemens = siemens;
        this.asymmetry = asymmetry;
    }

    /**
     * Collects the driver currents of the unit solves of one crossbar, in any order, then makes the
     * form.
     */
    static final class Builder {
        private final CrossbarCircuit circuit;
        private final PowerBreakdown.DeviceLaw law;
        private final double[] m;
        private final boolean[] seen;
        private final double[] unit;

        /**
         * @param circuit a crossbar of linear devices
         */
        Builder(CrossbarCircuit circuit) {
            this.circuit = circuit;
            this.law = PowerBreakdown.DeviceLaw.linear(circuit);
            int n = circuit.inputs();
            this.m = new double[n * n];
            this.seen = new boolean[n];
            this.unit = new double[n];
        }

        /**
         * @param input    the input that was 1 V, every other input 0 V
         * @param solution the crossbar's solution for that unit vector
         */
        void add(int input, CrossbarSolution solution) {
            int n = circuit.inputs();
            unit[input] = 1.0;
            double[] amps = PowerBreakdown.driverCurrents(circuit, unit, solution, law);
            unit[input] = 0.0;
            for (int p = 0; p < amps.length; p++) {
                m[circuit.inputOfRow(p) * n + input] += circuit.signOfRow(p) * amps[p];
            }
            seen[input] = true;
        }

        /** @return the form; every input must have been added */
        PowerForm build() {
            int n = circuit.inputs();
            for (int k = 0; k < n; k++) {
                if (!seen[k]) {
                    throw new IllegalStateException("no unit solve for input " + k);
                }
            }
            double[] q = new double[n * n];
            double largest = 0;
            double worst = 0;
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < n; k++) {
                    double a = m[i * n + k];
                    double b = m[k * n + i];
                    q[i * n + k] = 0.5 * (a + b);
                    largest = Math.max(largest, Math.abs(a));
                    worst = Math.max(worst, Math.abs(a - b));
                }
            }
            NonFiniteResultException.requireFinite("power form", "Q", q);
            return new PowerForm(n, q, largest == 0 ? 0 : worst / largest);
        }
    }

    /** @return the crossbar's inputs (the form's order) */
    public int inputs() {
        return inputs;
    }

    /** @return {@code Q}, {@code inputs x inputs}, row-major, symmetric, siemens (a copy) */
    public double[] siemens() {
        return siemens.clone();
    }

    /**
     * @return {@code max |M_ik - M_ki| / max |M_ik|}: how far the unit solves are from the
     *         reciprocity of a resistive network (0 up to their accuracy)
     */
    public double asymmetry() {
        return asymmetry;
    }

    /**
     * @param inputVolts an input vector, volt
     * @return {@code v^T Q v}: the power the drivers deliver for it, watt
     * @throws InvalidParameterException when the vector has the wrong length
     */
    public double watts(double[] inputVolts) {
        if (inputVolts.length != inputs) {
            throw InvalidParameterException.inconsistent("inputVolts", "the input vector has " + inputVolts.length
                    + " values, the crossbar has " + inputs + " inputs");
        }
        double sum = 0;
        for (int i = 0; i < inputs; i++) {
            double row = 0;
            for (int k = 0; k < inputs; k++) {
                row += siemens[i * inputs + k] * inputVolts[k];
            }
            sum += inputVolts[i] * row;
        }
        return sum;
    }
}
