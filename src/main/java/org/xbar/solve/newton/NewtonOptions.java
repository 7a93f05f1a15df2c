package org.xbar.solve.newton;

import org.xbar.error.InvalidParameterException;

/**
 * The Newton solver's settings ({@link NewtonSolver}), named as ngspice's {@code .options}.
 *
 * @param reltol       relative tolerance of the convergence test
 * @param vntol        absolute voltage tolerance, volt
 * @param abstol       absolute current tolerance, ampere
 * @param gmin         conductance across every junction, siemens
 * @param itl1         iteration limit of a plain solve (at least 100 is used, as ngspice does)
 * @param itl2         iteration limit of a stepping solve, which also paces the stepping
 * @param gminSteps    1: dynamic then true gmin stepping; more: SPICE3 gmin stepping; 0: none
 * @param sourceSteps  1: Gillespie source stepping; more: SPICE3 source stepping; 0: none
 * @param noOpIter     skip plain Newton and start with gmin stepping
 * @param kelvin       circuit temperature, K
 * @param nominalKelvin nominal temperature of models without their own TNOM, K
 */
public record NewtonOptions(double reltol, double vntol, double abstol, double gmin, int itl1, int itl2, int gminSteps,
        int sourceSteps, boolean noOpIter, double kelvin, double nominalKelvin) {
    /** ngspice's defaults. */
    public static final NewtonOptions DEFAULT = new NewtonOptions(1e-3, 1e-6, 1e-12, 1e-12, 100, 50, 1, 1, false,
            LevelOneMosfet.REFERENCE_KELVIN, LevelOneMosfet.REFERENCE_KELVIN);

    /** Validates the settings. */
    public NewtonOptions {
        positive("reltol", reltol);
        positive("vntol", vntol);
        positive("abstol", abstol);
        if (!(gmin >= 0)) {
            throw new InvalidParameterException("gmin", gmin, "must be >= 0 S");
        }
        if (itl1 < 1 || itl2 < 1) {
            throw new InvalidParameterException(itl1 < 1 ? "itl1" : "itl2", Math.min(itl1, itl2), "must be >= 1");
        }
        if (gminSteps < 0 || sourceSteps < 0) {
            throw new InvalidParameterException(gminSteps < 0 ? "gminsteps" : "srcsteps",
                    Math.min(gminSteps, sourceSteps), "must be >= 0");
        }
        positive("temp", kelvin);
        positive("tnom", nominalKelvin);
    }

    private static void positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new InvalidParameterException(name, value, "must be finite and > 0");
        }
    }

    /**
     * @param spice options as a netlist sets them, by lower-case ngspice name ({@code reltol},
     *              {@code vntol}, {@code abstol}, {@code gmin}, {@code itl1}, {@code itl2},
     *              {@code gminsteps}, {@code srcsteps}, {@code noopiter}, {@code temp} and
     *              {@code tnom} in Celsius); others are ignored
     * @return the defaults with those options applied
     */
    public static NewtonOptions fromSpice(java.util.Map<String, Double> spice) {
        NewtonOptions d = DEFAULT;
        java.util.function.BiFunction<String, Double, Double> get = (k, v) -> spice.getOrDefault(k, v);
        return new NewtonOptions(get.apply("reltol", d.reltol), get.apply("vntol", d.vntol), get.apply("abstol", d.abstol),
                get.apply("gmin", d.gmin), (int) Math.round(get.apply("itl1", (double) d.itl1)),
                (int) Math.round(get.apply("itl2", (double) d.itl2)),
                (int) Math.round(get.apply("gminsteps", (double) d.gminSteps)),
                (int) Math.round(get.apply("srcsteps", (double) d.sourceSteps)), get.apply("noopiter", 0.0) != 0,
                get.apply("temp", d.kelvin - 273.15) + 273.15, get.apply("tnom", d.nominalKelvin - 273.15) + 273.15);
    }

    /**
     * @param gminStepping  allow gmin stepping
     * @param sourceStepping allow source stepping
     * @return a copy with the continuation methods switched on or off
     */
    public NewtonOptions withContinuation(boolean gminStepping, boolean sourceStepping) {
        return new NewtonOptions(reltol, vntol, abstol, gmin, itl1, itl2, gminStepping ? Math.max(1, gminSteps) : 0,
                sourceStepping ? Math.max(1, sourceSteps) : 0, noOpIter, kelvin, nominalKelvin);
    }

    /**
     * @param newReltol relative tolerance
     * @param newVntol  voltage tolerance, volt
     * @param newAbstol current tolerance, ampere
     * @return a copy with other convergence tolerances
     */
    public NewtonOptions withTolerances(double newReltol, double newVntol, double newAbstol) {
        return new NewtonOptions(newReltol, newVntol, newAbstol, gmin, itl1, itl2, gminSteps, sourceSteps, noOpIter, kelvin,
                nominalKelvin);
    }
}
