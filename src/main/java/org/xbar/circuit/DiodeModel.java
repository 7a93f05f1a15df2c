package org.xbar.circuit;

import org.xbar.error.InvalidParameterException;

/**
 * A SPICE junction diode model ({@code .model NAME D(...)}), the parameters that shape its DC
 * current as ngspice's level-1 diode computes it: {@code I = IS (exp(V / (N Vt)) - 1)} forward,
 * {@code -IS (1 + (3 N Vt / (e V))^3)} in reverse, {@code -IS exp(-(BV' + V) / (NBV Vt))} past the
 * breakdown voltage, where {@code BV'} is BV adjusted so that the current there is IBV.
 *
 * @param name      the model's name
 * @param saturation IS, ampere, {@code > 0}
 * @param emission  N, {@code > 0}
 * @param seriesOhms RS, ohm, {@code >= 0}
 * @param breakdown BV, volt, {@code > 0}; NaN without breakdown
 * @param breakdownAmps IBV, ampere, {@code > 0}
 * @param breakdownEmission NBV, {@code > 0}
 */
public record DiodeModel(String name, double saturation, double emission, double seriesOhms, double breakdown,
        double breakdownAmps, double breakdownEmission) {
    /** ngspice's defaults: IS 1e-14 A, N 1, RS 0, no breakdown, IBV 1e-3 A, NBV = N. */
    public static final double DEFAULT_SATURATION = 1e-14;

    /** Checks the parameters. */
    public DiodeModel {
        positive(name, "IS", saturation);
        positive(name, "N", emission);
        if (!(seriesOhms >= 0) || Double.isInfinite(seriesOhms)) {
            throw new InvalidParameterException(name + " RS", seriesOhms, "must be finite and >= 0 ohm");
        }
        if (!Double.isNaN(breakdown)) {
            positive(name, "BV", breakdown);
        }
        positive(name, "IBV", breakdownAmps);
        positive(name, "NBV", breakdownEmission);
    }

    private static void positive(String model, String parameter, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new InvalidParameterException(model + " " + parameter, value, "must be finite and > 0");
        }
    }

    /** @return whether BV was given */
    public boolean hasBreakdown() {
        return !Double.isNaN(breakdown);
    }
}
