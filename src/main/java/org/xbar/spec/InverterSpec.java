package org.xbar.spec;

import java.util.Objects;
import org.xbar.error.InvalidParameterException;

/**
 * The inverter neuron of PHAX (seed 001, DESIGN section 4): two CMOS inverters in cascade on split
 * rails {@code +-supplyVolts/2}, the first giving the inverted output, the second the non-inverted
 * one. Its input, the gate of the first inverter, draws no DC current, so the column it senses
 * floats.
 *
 * <p>{@link Kind#BEHAVIORAL}: ideal voltage sources following the curves the PHAX authors fitted,
 * {@code Vout = c1 + c2 tanh(c4 (Vnet - c3))}, the first stage's coefficients for the inverted
 * output and the cascade's for the non-inverted one, both as functions of the column's net voltage
 * (the cascade's coefficients have the positive slope of a non-inverting pair and about six times
 * the first stage's gain, around the same switching point). Ideal sources: the next crossbar cannot
 * load them.
 *
 * <p>{@link Kind#MOSFET}: each inverter is a level-1 NMOS/PMOS pair (bulk tied to its source
 * rail) with ngspice's equations; the second inverter's gate is the first's output. The defaults
 * were fitted to the PHAX first-stage curve at the 90 nm geometry of the original (L = 100 nm,
 * Wn = 0.6 um, Wp = 1.0 um), as {@code xbar fit-inverter} reproduces and prints them to two
 * significant digits (Levenberg-Marquardt over 51 inputs, the NMOS KP and LAMBDA fixed): VTO = 0.13 V and -0.19 V, KP = 300 and 230 uA/V^2, LAMBDA = 10 /V
 * (level 1 needs a large LAMBDA for the original's gain of about 8 at a 0.5 V supply). Over inputs
 * from -0.25 to 0.25 V the fitted first stage is within 3.7 mV RMS of the curve and switches at
 * -25 mV (the curve at -23.5 mV); the cascade is within 7.4 mV RMS of the second curve.
 *
 * @param kind        behavioral or transistor-level
 * @param supplyVolts rail-to-rail supply, volt (the rails are +-supplyVolts/2)
 * @param firstStage  c1..c4 of the inverted output's curve
 * @param secondStage c1..c4 of the non-inverted output's curve
 * @param nmosVto     NMOS threshold, volt
 * @param nmosKp      NMOS transconductance parameter, A/V^2
 * @param pmosVto     PMOS threshold, volt (negative)
 * @param pmosKp      PMOS transconductance parameter, A/V^2
 * @param lambda      channel-length modulation of both, 1/volt
 * @param nmosWidth   NMOS width, metre
 * @param pmosWidth   PMOS width, metre
 * @param length      channel length of both, metre
 */
public record InverterSpec(Kind kind, double supplyVolts, double[] firstStage, double[] secondStage, double nmosVto,
        double nmosKp, double pmosVto, double pmosKp, double lambda, double nmosWidth, double pmosWidth, double length) {

    /** Behavioral or transistor-level inverters. */
    public enum Kind {
        /** Ideal voltage sources following the PHAX tanh curves. */
        BEHAVIORAL,
        /** Level-1 MOSFET pairs. */
        MOSFET
    }

    /** PHAX's first-stage coefficients c1..c4. */
    public static final double[] PHAX_FIRST = {-0.00124, -0.24833, -0.02346, 31.758};
    /** PHAX's cascaded-stage coefficients c1..c4. */
    public static final double[] PHAX_SECOND = {-0.00107, 0.24896, -0.02030, 193.06};

    /** Validates the parameters and copies the coefficient arrays. */
    public InverterSpec {
        Objects.requireNonNull(kind, "kind");
        Checks.positive("supplyVolts", supplyVolts, "V");
        firstStage = coefficients("firstStage", firstStage);
        secondStage = coefficients("secondStage", secondStage);
        Checks.finite("nmosVto", nmosVto, "V");
        Checks.positive("nmosKp", nmosKp, "A/V^2");
        Checks.finite("pmosVto", pmosVto, "V");
        Checks.positive("pmosKp", pmosKp, "A/V^2");
        Checks.nonNegative("lambda", lambda, "1/V");
        Checks.positive("nmosWidth", nmosWidth, "m");
        Checks.positive("pmosWidth", pmosWidth, "m");
        Checks.positive("length", length, "m");
    }

    private static double[] coefficients(String name, double[] c) {
        if (c == null || c.length != 4) {
            throw new InvalidParameterException(name, c == null ? "null" : c.length + " values", "needs the four coefficients c1..c4");
        }
        for (int k = 0; k < 4; k++) {
            Checks.finite(name + "[" + k + "]", c[k], "");
        }
        return c.clone();
    }

    /**
     * @param kind behavioral or transistor-level
     * @return PHAX's inverter: 0.5 V supply, the fitted curves and the fitted level-1 pair
     */
    public static InverterSpec phax(Kind kind) {
        return new InverterSpec(kind, 0.5, PHAX_FIRST, PHAX_SECOND, 0.13, 300e-6, -0.19, 230e-6, 10, 0.6e-6, 1.0e-6,
                0.1e-6);
    }

    /** @return the positive rail, volt */
    public double highRail() {
        return supplyVolts / 2;
    }

    /** @return the negative rail, volt */
    public double lowRail() {
        return -supplyVolts / 2;
    }

    @Override
    public double[] firstStage() {
        return firstStage.clone();
    }

    @Override
    public double[] secondStage() {
        return secondStage.clone();
    }

    /**
     * @param c   four coefficients
     * @param vin input voltage, volt
     * @return {@code c1 + c2 tanh(c4 (vin - c3))}
     */
    public static double curve(double[] c, double vin) {
        return c[0] + c[1] * Math.tanh(c[3] * (vin - c[2]));
    }

    /**
     * @param c   four coefficients
     * @param vin input voltage, volt
     * @return the curve's slope {@code d/dvin [c1 + c2 tanh(c4 (vin - c3))] = c2 c4 sech^2(c4 (vin - c3))}, volt per volt
     */
    public static double slope(double[] c, double vin) {
        double t = Math.tanh(c[3] * (vin - c[2]));
        return c[1] * c[3] * (1 - t * t);
    }

    /**
     * @param newKind behavioral or transistor-level
     * @return these neurons with the other kind: the same curves, supply and transistors
     */
    public InverterSpec withKind(Kind newKind) {
        return new InverterSpec(newKind, supplyVolts, firstStage, secondStage, nmosVto, nmosKp, pmosVto, pmosKp, lambda,
                nmosWidth, pmosWidth, length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InverterSpec s && kind == s.kind && supplyVolts == s.supplyVolts
                && java.util.Arrays.equals(firstStage, s.firstStage) && java.util.Arrays.equals(secondStage, s.secondStage)
                && nmosVto == s.nmosVto && nmosKp == s.nmosKp && pmosVto == s.pmosVto && pmosKp == s.pmosKp
                && lambda == s.lambda && nmosWidth == s.nmosWidth && pmosWidth == s.pmosWidth && length == s.length;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, supplyVolts, java.util.Arrays.hashCode(firstStage), java.util.Arrays.hashCode(secondStage),
                nmosVto, nmosKp, pmosVto, pmosKp, lambda);
    }
}
