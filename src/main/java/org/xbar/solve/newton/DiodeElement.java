package org.xbar.solve.newton;

import org.xbar.circuit.Diode;
import org.xbar.circuit.DiodeModel;
import org.xbar.error.InvalidParameterException;

/**
 * A junction diode in a Newton run, as ngspice 39's level-1 diode loads it at DC
 * ({@code dioload.c}, {@code diotemp.c}):
 * <ul>
 *   <li>Current: {@code IS' (exp(V/(N Vt)) - 1)} from {@code V = -3 N Vt} up; below,
 *       {@code -IS' (1 + (3 N Vt / (e V))^3)}; past the breakdown voltage {@code BV'},
 *       {@code -IS' exp(-(BV' + V) / (NBV Vt))}; plus GMIN in parallel ({@code IS' = IS area}).
 *       {@code BV'} is BV moved so that the reverse current there is IBV, by ngspice's fixed-point
 *       iteration (when IBV is below {@code IS' BV / Vt}, BV itself).</li>
 *   <li>Series resistance {@code RS / area} between the anode and an internal node, an unknown of
 *       its own (ngspice's {@code posPrime}), which the solution does not report, as ngspice's
 *       does not.</li>
 *   <li>Junction limiting: {@code DEVpnjlim} on the junction voltage with {@code N Vt} and
 *       {@code Vcrit = N Vt ln(N Vt / (sqrt 2 IS'))}, and near breakdown on the voltage past
 *       {@code BV'} with {@code NBV Vt}; the first iteration starts the junction at {@code Vcrit}
 *       ({@code OFF}: 0 V).</li>
 *   <li>Convergence: the node voltages (the internal node's included) and the limiting decide, as
 *       in ngspice 39, whose {@code DIOconvTest} counts into {@code CKTnoncon}, which {@code NIiter}
 *       then overwrites with {@code NIconvTest}'s return value.</li>
 * </ul>
 * Only the nominal temperature is supported: ngspice scales IS with temperature, which this does
 * not, so a circuit at another temperature is refused.
 */
final class DiodeElement implements Element {
    private static final double EULER = Math.E;

    private final Diode diode;
    private final int internal;
    private final double vte;
    private final double vtebrk;
    private final double saturation;
    private final double vcrit;
    private final double breakdown;
    private final double seriesSiemens;
    /** (anode, anode), (anode, prime), (prime, anode), (prime, prime) for RS; -1 without. */
    private final int[] seriesHandle = {-1, -1, -1, -1};
    /** (prime, prime), (prime, cathode), (cathode, prime), (cathode, cathode) for the junction. */
    private final int[] junctionHandle = new int[4];
    private double vd;
    private double cd;
    private double gd;
    private double savedVd;
    private double savedCd;
    private double savedGd;

    /**
     * @param diode    the instance
     * @param internal the unknown of its internal node when it has series resistance, else -1
     * @param options  the run's settings (temperature, reltol for the breakdown fit)
     */
    DiodeElement(Diode diode, int internal, NewtonOptions options) {
        if (Math.abs(options.kelvin() - options.nominalKelvin()) > 1e-9) {
            throw new InvalidParameterException("temp", options.kelvin() - 273.15, "diodes are solved at the nominal"
                    + " temperature only (tnom " + (options.nominalKelvin() - 273.15) + " C): " + diode.name()
                    + "'s saturation current would change with temperature");
        }
        DiodeModel m = diode.model();
        this.diode = diode;
        this.internal = internal;
        double vt = LevelOneMosfet.K_OVER_Q * options.kelvin();
        this.vte = m.emission() * vt;
        this.vtebrk = m.breakdownEmission() * vt;
        this.saturation = m.saturation() * diode.area();
        this.vcrit = vte * Math.log(vte / (Math.sqrt(2) * saturation));
        this.seriesSiemens = m.seriesOhms() > 0 ? diode.area() / m.seriesOhms() : 0;
        this.breakdown = m.hasBreakdown() ? breakdownVoltage(m, vt, options.reltol()) : Double.NaN;
    }

    /** ngspice's fit of the breakdown voltage to IBV (diotemp.c, level 1, m = 1). */
    private double breakdownVoltage(DiodeModel m, double vt, double reltol) {
        double bv = m.breakdown();
        double cbv = m.breakdownAmps();
        if (cbv < saturation * bv / vt) {
            return bv;
        }
        double tol = reltol * cbv;
        double nbvVt = m.breakdownEmission() * vt;
        double xbv = bv - nbvVt * Math.log(1 + cbv / saturation);
        for (int iter = 0; iter < 25; iter++) {
            xbv = bv - nbvVt * Math.log(cbv / saturation + 1 - xbv / vt);
            double xcbv = saturation * (Math.exp((bv - xbv) / nbvVt) - 1 + xbv / vt);
            if (Math.abs(xcbv - cbv) <= tol) {
                break;
            }
        }
        return xbv;
    }

    @Override
    public void reserve(Stamps stamps) {
        int ua = stamps.unknownOf(diode.anode());
        int uk = stamps.unknownOf(diode.cathode());
        int up = internal >= 0 ? internal : ua;
        if (internal >= 0) {
            seriesHandle[0] = stamps.reserveUnknowns(ua, ua);
            seriesHandle[1] = stamps.reserveUnknowns(ua, up);
            seriesHandle[2] = stamps.reserveUnknowns(up, ua);
            seriesHandle[3] = stamps.reserveUnknowns(up, up);
        }
        junctionHandle[0] = stamps.reserveUnknowns(up, up);
        junctionHandle[1] = stamps.reserveUnknowns(up, uk);
        junctionHandle[2] = stamps.reserveUnknowns(uk, up);
        junctionHandle[3] = stamps.reserveUnknowns(uk, uk);
    }

    /** @return the junction's anode-side voltage at an iterate: the internal node's, or the anode's */
    private double primeVoltage(double[] x, double[] volts) {
        return internal >= 0 ? x[internal] : volts[diode.anode()];
    }

    @Override
    public int load(Stamps stamps) {
        int limited = 0;
        if (stamps.mode == Stamps.Mode.JUNCTION) {
            vd = diode.off() ? 0 : vcrit;
        } else if (stamps.mode == Stamps.Mode.FIX && diode.off()) {
            vd = 0;
        } else {
            double[] volts = stamps.nodeVoltages();
            double v = primeVoltage(stamps.x, volts) - volts[diode.cathode()];
            double[] r;
            if (!Double.isNaN(breakdown) && v < Math.min(0, -breakdown + 10 * vtebrk)) {
                r = LevelOneMosfet.pnjlim(-(v + breakdown), -(vd + breakdown), vtebrk, vcrit);
                r[0] = -(r[0] + breakdown);
            } else {
                r = LevelOneMosfet.pnjlim(v, vd, vte, vcrit);
            }
            vd = r[0];
            limited = (int) r[1];
        }
        evaluate(vd, stamps.junctionGmin);
        int ua = stamps.unknownOf(diode.anode());
        int uk = stamps.unknownOf(diode.cathode());
        double oa = stamps.offsets[diode.anode()];
        double ok = stamps.offsets[diode.cathode()];
        if (internal >= 0) {
            conductance(stamps, seriesHandle, ua, internal, oa, 0, seriesSiemens, 0);
            conductance(stamps, junctionHandle, internal, uk, 0, ok, gd, cd - gd * vd);
        } else {
            conductance(stamps, junctionHandle, ua, uk, oa, ok, gd, cd - gd * vd);
        }
        return limited;
    }

    /** The junction's current and conductance at a voltage, GMIN included. */
    private void evaluate(double v, double gmin) {
        double c;
        double g;
        if (v >= -3 * vte) {
            double evd = Math.exp(v / vte);
            c = saturation * (evd - 1);
            g = saturation * evd / vte;
        } else if (Double.isNaN(breakdown) || v >= -breakdown) {
            double arg = 3 * vte / (v * EULER);
            arg = arg * arg * arg;
            c = -saturation * (1 + arg);
            g = saturation * 3 * arg / v;
        } else {
            double evrev = Math.exp(-(breakdown + v) / vtebrk);
            c = -saturation * evrev;
            g = saturation * evrev / vtebrk;
        }
        cd = c + gmin * v;
        gd = g + gmin;
    }

    /**
     * A conductance g between terminals A and B with a current j from A to B in parallel: A's row
     * loses {@code g (V_A - V_B) + j}, B's gains it; held terminals' offsets go to the right.
     */
    private static void conductance(Stamps stamps, int[] h, int ua, int ub, double oa, double ob, double g, double j) {
        stamps.add(h[0], g);
        stamps.add(h[1], -g);
        stamps.add(h[2], -g);
        stamps.add(h[3], g);
        double constant = j + g * (oa - ob);
        if (ua >= 0) {
            stamps.rhs[ua] -= constant;
        }
        if (ub >= 0) {
            stamps.rhs[ub] += constant;
        }
    }

    @Override
    public void addLeaving(double[] volts, double[] x, double[] leaving) {
        double v = primeVoltage(x, volts) - volts[diode.cathode()];
        double junction = cd + gd * (v - vd);
        double anode = internal >= 0 ? seriesSiemens * (volts[diode.anode()] - x[internal]) : junction;
        leaving[diode.anode()] += anode;
        leaving[diode.cathode()] -= junction;
    }

    @Override
    public void reset() {
        vd = 0;
        cd = 0;
        gd = 0;
    }

    @Override
    public void save() {
        savedVd = vd;
        savedCd = cd;
        savedGd = gd;
    }

    @Override
    public void restore() {
        vd = savedVd;
        cd = savedCd;
        gd = savedGd;
    }
}
