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
