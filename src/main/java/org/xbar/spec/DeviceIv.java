package org.xbar.spec;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.xbar.error.InputFormatException;
import org.xbar.error.InvalidParameterException;

/**
 * The current-voltage law shared by every device of a crossbar (DESIGN section 10): the current
 * {@code I(g, V)} through a device of programmed (low-voltage) conductance {@code g} at device
 * voltage {@code V} (row node minus column node), and its derivative {@code dI/dV}, which a Newton
 * iteration stamps as the device's companion conductance.
 *
 * <ul>
 *   <li>{@link Linear}: {@code I = g V}, the resistor every solver and model handles.</li>
 *   <li>{@link Sinh}: {@code I = g sinh(K V) / K} with {@code K > 0} in 1/V; its slope
 *       {@code g cosh(K V)} is {@code g} at 0 V, and {@code K -> 0} is the linear device. PHAX's
 *       memristor read model {@code I = a1 x sinh(b V)} is this family with {@code g = a1 x b},
 *       {@code K = b}. ngspice form: {@code I=G/K*sinh(K*v(a,b))}.</li>
 *   <li>{@link Table}: a measured monotone curve {@code T(V)} through the origin, interpolated by a
 *       monotone cubic Hermite spline (Fritsch and Carlson, "Monotone piecewise cubic
 *       interpolation", SIAM J. Numer. Anal. 17(2), 1980), so that the current and its derivative
 *       are continuous; beyond the table it continues as a straight line with the end slope (still
 *       continuous in value and slope). Each device scales the curve to its own conductance:
 *       {@code I = g T(V) / T'(0)}, so that {@code g} stays the low-voltage conductance.</li>
 * </ul>
 *
 * <p>The exact solvers solve a nonlinear law by Newton's method: the line-relaxation solver with
 * one linear crossbar solve per step, the direct solver on the whole circuit as ngspice does. The
 * analytical models and the transfer matrix are linear and refuse a crossbar whose law is not
 * {@link Linear}.
 */
public sealed interface DeviceIv {
    /** The linear device. */
    DeviceIv LINEAR = new Linear();

    /**
     * @param g     programmed (low-voltage) conductance, siemens
     * @param volts device voltage (row node minus column node), volt
     * @return the current from the row node through the device into the column node, ampere
     */
    double current(double g, double volts);

    /**
     * @param g     programmed conductance, siemens
     * @param volts device voltage, volt
     * @return {@code dI/dV}, siemens
     */
    double slope(double g, double volts);

    /**
     * @param g     programmed conductance, siemens
     * @param volts the device voltage as ngspice text, such as {@code v(r0_0,c0_0)}
     * @return the current as an ngspice B-source expression
     */
    String toSpice(double g, String volts);

    /** @return true for {@link Linear} */
    default boolean isLinear() {
        return this instanceof Linear;
    }

    /** @return a short description for reports and messages */
    String describe();

    /**
     * @param perVolt K in 1/V, finite and {@code >= 0}
     * @return {@link #LINEAR} for 0, otherwise a {@link Sinh} law
     * @throws InvalidParameterException with parameter {@code nonlinearity} for a negative or
     *         non-finite K
     */
    static DeviceIv sinh(double perVolt) {
        if (!(perVolt >= 0) || Double.isInfinite(perVolt)) {
            throw new InvalidParameterException("nonlinearity", perVolt, "must be finite and >= 0 1/V (0 = linear)");
        }
        return perVolt == 0 ? LINEAR : new Sinh(perVolt);
    }

    /**
     * A diode selector in series with every device: the one-diode-one-resistor (1D1R) cell, the
     * diode's anode on the row, its cathode on the device, the device (of conductance {@code g}) on
     * the column. The diode is SPICE's level-1 junction at DC ({@code IS (exp(V_d / (N Vt)) - 1)}
     * forward, {@code -IS (1 + (3 N Vt / (e V_d))^3)} in reverse, {@code -IS exp(-(BV + V_d) /
     * (N Vt))} past a breakdown voltage BV, and {@code GMIN V_d} in parallel, ngspice's), at 27 C.
     * The cell's current at a voltage {@code V} is the one that makes the diode and the device carry
     * the same current, {@code I_d(V_d) = g (V - V_d)}, solved to the last digit by a safeguarded
     * Newton iteration on {@code V_d} (the residual is increasing, the root between 0 and V);
     * its slope is the series conductance {@code g g_d / (g + g_d)}. A cell of {@code g = 0}
     * carries nothing.
     *
     * @param saturation IS, ampere, {@code > 0}
     * @param emission   N, {@code > 0}
     * @param breakdown  BV, volt, {@code > 0}, or NaN for none (its IBV fit is not applied: BV is
     *                   the voltage where the breakdown branch starts, as ngspice uses it when
     *                   IBV is below {@code IS BV / Vt})
     */
    record DiodeSelector(double saturation, double emission, double breakdown) implements DeviceIv {
        /** ngspice's GMIN across every junction, siemens. */
        public static final double GMIN = 1e-12;
        /** The thermal voltage at 27 C, volt: k T / q with ngspice's constants. */
        public static final double THERMAL_VOLTS = 1.38064852e-23 * 300.15 / 1.6021766208e-19;

        /** Checks the parameters. */
        public DiodeSelector {
            if (!(saturation > 0) || Double.isInfinite(saturation)) {
                throw new InvalidParameterException("selector IS", saturation, "must be finite and > 0 A");
            }
            if (!(emission > 0) || Double.isInfinite(emission)) {
                throw new InvalidParameterException("selector N", emission, "must be finite and > 0");
            }
            if (!Double.isNaN(breakdown) && (!(breakdown > 0) || Double.isInfinite(breakdown))) {
                throw new InvalidParameterException("selector BV", breakdown, "must be finite and > 0 V");
            }
        }

        /** @return the diode's current at its own voltage, ampere, GMIN included */
        public double diodeCurrent(double vd) {
            double vte = emission * THERMAL_VOLTS;
            if (vd >= -3 * vte) {
                return saturation * (Math.exp(vd / vte) - 1) + GMIN * vd;
            }
            if (Double.isNaN(breakdown) || vd >= -breakdown) {
                double arg = 3 * vte / (vd * Math.E);
                return -saturation * (1 + arg * arg * arg) + GMIN * vd;
            }
            return -saturation * Math.exp(-(breakdown + vd) / vte) + GMIN * vd;
        }

        /** @return the diode's small-signal conductance at its own voltage, siemens */
        public double diodeSlope(double vd) {
            double vte = emission * THERMAL_VOLTS;
            if (vd >= -3 * vte) {
                return saturation * Math.exp(vd / vte) / vte + GMIN;
            }
            if (Double.isNaN(breakdown) || vd >= -breakdown) {
                double arg = 3 * vte / (vd * Math.E);
                return saturation * 3 * arg * arg * arg / vd + GMIN;
            }
            return saturation * Math.exp(-(breakdown + vd) / vte) / vte + GMIN;
        }

        /**
         * @param g the device's conductance, siemens
         * @param v the cell's voltage, row minus column, volt
         * @return the diode's voltage at which it and the device carry the same current, volt
         */
        public double diodeVolts(double g, double v) {
            if (g == 0 || v == 0) {
                return v == 0 ? 0 : v;
            }
            double lo = Math.min(0, v);
            double hi = Math.max(0, v);
            double x = v >= 0 ? Math.min(v, emission * THERMAL_VOLTS * 25) : 0.5 * v;
            for (int iteration = 0; iteration < 200; iteration++) {
                double f = diodeCurrent(x) - g * (v - x);
                if (f > 0) {
                    hi = x;
                } else if (f < 0) {
                    lo = x;
                } else {
                    return x;
                }
                double next = x - f / (diodeSlope(x) + g);
                if (!(next > lo && next < hi)) {
                    next = 0.5 * (lo + hi);
                }
                if (next == x || hi - lo <= 4 * Math.ulp(Math.max(Math.abs(lo), Math.abs(hi)))) {
                    return next;
                }
                x = next;
            }
            return x;
        }

        @Override
        public double current(double g, double volts) {
            if (g == 0) {
                return 0;
            }
            // the same current through both; take it from the element that drops the smaller share
            // of the voltage, whose own voltage is not a difference of two nearly equal numbers
            double vd = diodeVolts(g, volts);
            return Math.abs(vd) > Math.abs(volts - vd) ? diodeCurrent(vd) : g * (volts - vd);
        }

        @Override
        public double slope(double g, double volts) {
            if (g == 0) {
                return 0;
            }
            double gd = diodeSlope(diodeVolts(g, volts));
            return g * gd / (g + gd);
        }

        /** Not an expression: the export writes a diode and a resistor per cell instead. */
        @Override
        public String toSpice(double g, String volts) {
            throw new UnsupportedOperationException("a 1D1R cell is written as a diode and a resistor, not a B source");
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "1D1R, diode selector IS = %s A, N = %s%s", saturation, emission,
                    Double.isNaN(breakdown) ? "" : ", BV = " + breakdown + " V");
        }
    }

    /** The linear device, {@code I = g V}. */
    record Linear() implements DeviceIv {
        @Override
        public double current(double g, double volts) {
            return g * volts;
        }

        @Override
        public double slope(double g, double volts) {
            return g;
        }

        @Override
        public String toSpice(double g, String volts) {
            return number(g) + "*" + volts;
        }

        @Override
        public String describe() {
            return "linear";
        }
    }

    /**
     * The sinh device, {@code I = g sinh(K V) / K}.
     *
     * @param perVolt K, 1/V, finite and {@code > 0} (use {@link DeviceIv#sinh(double)}, which
     *                gives {@link #LINEAR} for 0)
     */
    record Sinh(double perVolt) implements DeviceIv {
        /** Checks K. */
        public Sinh {
            if (!(perVolt > 0) || Double.isInfinite(perVolt)) {
                throw new InvalidParameterException("nonlinearity", perVolt, "must be finite and > 0 1/V");
            }
        }

        @Override
        public double current(double g, double volts) {
            return g * Math.sinh(perVolt * volts) / perVolt;
        }

        @Override
        public double slope(double g, double volts) {
            return g * Math.cosh(perVolt * volts);
        }

        @Override
        public String toSpice(double g, String volts) {
            return number(g) + "/" + number(perVolt) + "*sinh(" + number(perVolt) + "*" + volts + ")";
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "sinh, K = %s 1/V", perVolt);
        }
    }

    /**
     * A tabulated monotone curve {@code T(V)}, scaled per device: {@code I = g T(V) / T'(0)}.
     * Between points it is the monotone cubic Hermite interpolant of Fritsch and Carlson; beyond
     * the first and last point, a straight line with the end slope.
     */
    final class Table implements DeviceIv {
        private final String source;
        private final double[] volts;
        private final double[] amps;
        /** Tangent at each point, after the Fritsch-Carlson limiter, A/V. */
        private final double[] tangent;
        /** Per interval k: the quadratic and cubic coefficients in {@code s = V - volts[k]}. */
        private final double[] quadratic;
        private final double[] cubic;
        private final double slopeAtZero;

        private Table(String source, double[] volts, double[] amps, int zero) {
            this.source = source;
            this.volts = volts;
            this.amps = amps;
            int n = volts.length;
            double[] secant = new double[n - 1];
            for (int k = 0; k < n - 1; k++) {
                secant[k] = (amps[k + 1] - amps[k]) / (volts[k + 1] - volts[k]);
            }
            tangent = new double[n];
            tangent[0] = secant[0];
            tangent[n - 1] = secant[n - 2];
            for (int k = 1; k < n - 1; k++) {
                tangent[k] = (secant[k - 1] + secant[k]) / 2;
            }
            // Fritsch-Carlson: keep (alpha, beta) inside the circle of radius 3, which makes the
            // cubic on each interval monotone (every secant is positive: the table is strictly increasing).
            for (int k = 0; k < n - 1; k++) {
                double alpha = tangent[k] / secant[k];
                double beta = tangent[k + 1] / secant[k];
                double radius = alpha * alpha + beta * beta;
                if (radius > 9) {
                    double tau = 3 / Math.sqrt(radius);
                    tangent[k] = tau * alpha * secant[k];
                    tangent[k + 1] = tau * beta * secant[k];
                }
            }
            quadratic = new double[n - 1];
            cubic = new double[n - 1];
            for (int k = 0; k < n - 1; k++) {
                double h = volts[k + 1] - volts[k];
                quadratic[k] = (3 * secant[k] - 2 * tangent[k] - tangent[k + 1]) / h;
                cubic[k] = (tangent[k] + tangent[k + 1] - 2 * secant[k]) / (h * h);
            }
            slopeAtZero = tangent[zero];
        }

        /**
         * Validates a table and builds the law.
         *
         * @param source name of the file it came from, for messages
         * @param volts  device voltages, volt, strictly increasing, one of them 0
         * @param amps   currents, ampere, strictly increasing, 0 at 0 V
         * @param lines  the 1-based line of each point in the file, for messages
         * @return the law
         * @throws InputFormatException naming the file and line of the first point that breaks a rule
         */
        public static Table of(String source, double[] volts, double[] amps, int[] lines) {
            Objects.requireNonNull(source, "source");
            if (volts.length != amps.length || lines.length != volts.length) {
                throw new IllegalArgumentException(volts.length + " voltages, " + amps.length + " currents, "
                        + lines.length + " line numbers");
            }
            if (volts.length < 2) {
                throw new InputFormatException(source, 0, 0, "an I-V table needs at least two points (V,I), this one has "
                        + volts.length);
            }
            int zero = -1;
            for (int k = 0; k < volts.length; k++) {
                if (!Double.isFinite(volts[k]) || !Double.isFinite(amps[k])) {
                    throw new InputFormatException(source, lines[k], 0, "the point (" + volts[k] + " V, " + amps[k]
                            + " A) is not finite");
                }
                if (k > 0 && !(volts[k] > volts[k - 1])) {
                    throw new InputFormatException(source, lines[k], 1, "the voltage " + volts[k] + " V does not increase"
                            + " (the line before has " + volts[k - 1] + " V): an I-V table must be sorted by strictly"
                            + " increasing voltage");
                }
                if (k > 0 && !(amps[k] > amps[k - 1])) {
                    throw new InputFormatException(source, lines[k], 2, "the current " + amps[k] + " A does not increase"
                            + " (the line before has " + amps[k - 1] + " A at " + volts[k - 1] + " V): the I-V curve must"
                            + " be strictly monotone (a passive device with a positive differential conductance)");
                }
                if (volts[k] == 0) {
                    zero = k;
                }
            }
            if (zero < 0) {
                throw new InputFormatException(source, 0, 0, "an I-V table must hold the point 0,0 (the device's"
                        + " low-voltage conductance is the curve's slope there); its voltages run from " + volts[0] + " to "
                        + volts[volts.length - 1] + " V without 0");
            }
            if (amps[zero] != 0) {
                throw new InputFormatException(source, lines[zero], 2, "the current at 0 V is " + amps[zero]
                        + " A: a passive device carries no current without a voltage, so it must be 0");
            }
            double[] v = volts.clone();
            v[zero] = 0.0; // not -0.0
            return new Table(source, v, amps.clone(), zero);
        }

        /** @return the file the table came from */
        public String source() {
            return source;
        }

        /** @return number of points */
        public int points() {
            return volts.length;
        }

        /** @return the slope of the interpolated curve at 0 V, A/V: the conductance it is scaled by */
        public double slopeAtZero() {
            return slopeAtZero;
        }

        /** @return the interval k with {@code volts[k] <= v < volts[k+1]}; -1 below, n-1 at or above the last point */
        private int interval(double v) {
            if (v < volts[0]) {
                return -1;
            }
            int low = 0;
            int high = volts.length - 1;
            if (v >= volts[high]) {
                return high;
            }
            while (high - low > 1) {
                int mid = (low + high) >>> 1;
                if (volts[mid] <= v) {
                    low = mid;
                } else {
                    high = mid;
                }
            }
            return low;
        }

        /**
         * @param v device voltage, volt
         * @return the interpolated curve {@code T(v)}, ampere
         */
        public double curve(double v) {
            int k = interval(v);
            if (k < 0) {
                return amps[0] + tangent[0] * (v - volts[0]);
            }
            int last = volts.length - 1;
            if (k == last) {
                return amps[last] + tangent[last] * (v - volts[last]);
            }
            double s = v - volts[k];
            return amps[k] + s * (tangent[k] + s * (quadratic[k] + s * cubic[k]));
        }

        /**
         * @param v device voltage, volt
         * @return {@code T'(v)}, A/V
         */
        public double curveSlope(double v) {
            int k = interval(v);
            if (k < 0) {
                return tangent[0];
            }
            int last = volts.length - 1;
            if (k == last) {
                return tangent[last];
            }
            double s = v - volts[k];
            return tangent[k] + s * (2 * quadratic[k] + 3 * s * cubic[k]);
        }

        @Override
        public double current(double g, double v) {
            return g / slopeAtZero * curve(v);
        }

        @Override
        public double slope(double g, double v) {
            return g / slopeAtZero * curveSlope(v);
        }

        /**
         * The same piecewise polynomial as ngspice reads it: a chain of ternaries
         * {@code (V<V1 ? p0 : (V<V2 ? p1 : ...))} over the intervals, each piece
         * {@code I_k + s*(m_k + s*(c2_k + s*c3_k))} with {@code s = V - V_k}, the outer two pieces
         * straight lines, all times {@code g / T'(0)}.
         */
        @Override
        public String toSpice(double g, String v) {
            int n = volts.length;
            StringBuilder sb = new StringBuilder();
            sb.append(number(g / slopeAtZero)).append("*");
            sb.append("(").append(v).append("<").append(number(volts[0])).append(" ? ")
                    .append(line(0, v)).append(" : ");
            int open = 1;
            for (int k = 0; k < n - 1; k++) {
                sb.append("(").append(v).append("<").append(number(volts[k + 1])).append(" ? ");
                String s = "(" + v + "-" + number(volts[k]) + ")";
                sb.append("(").append(number(amps[k])).append("+").append(s).append("*(").append(number(tangent[k]))
                        .append("+").append(s).append("*(").append(number(quadratic[k])).append("+").append(s).append("*")
                        .append(number(cubic[k])).append(")))");
                sb.append(" : ");
                open++;
            }
            sb.append(line(n - 1, v));
            sb.append(")".repeat(open));
            return sb.toString();
        }

        private String line(int k, String v) {
            return "(" + number(amps[k]) + "+" + number(tangent[k]) + "*(" + v + "-" + number(volts[k]) + "))";
        }

        @Override
        public String describe() {
            return "table " + source + " (" + volts.length + " points)";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Table t && Arrays.equals(volts, t.volts) && Arrays.equals(amps, t.amps);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(volts) + Arrays.hashCode(amps);
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    /**
     * @param x a number
     * @return it as ngspice reads it back to the same double, in parentheses when negative
     */
    private static String number(double x) {
        String text = Double.toString(x);
        return x < 0 ? "(" + text + ")" : text;
    }
}
