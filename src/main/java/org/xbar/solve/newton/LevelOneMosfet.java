package org.xbar.solve.newton;

import org.xbar.circuit.Mosfet;
import org.xbar.circuit.MosfetModel;
import org.xbar.error.InvalidParameterException;

/**
 * The DC equations of one level-1 MOSFET instance, as ngspice 39 computes them, so that the two
 * simulators agree digit for digit (DESIGN section 4). Sources of each part, in ngspice's tree:
 * temperature preprocessing {@code mos1temp.c}, the load {@code mos1load.c}, voltage limiting
 * {@code devsup.c} ({@code DEVfetlim}, {@code DEVlimvds}, {@code DEVpnjlim}).
 *
 * <p>With {@code p = +1} for NMOS and {@code -1} for PMOS, every quantity below is in "n-space"
 * (multiplied by p): {@code vgs = p (V_G - V_S)} and so on. Mode +1 when {@code vds >= 0}, else the
 * drain and source swap roles. Body effect: {@code sarg = sqrt(phi - vbs)} for {@code vbs <= 0},
 * else the linear extrapolation {@code max(0, sqrt(phi) - vbs / (2 sqrt(phi)))};
 * {@code von = p tVbi + gamma sarg}, {@code vgst = vgs - von}.
 * <ul>
 *   <li>cutoff ({@code vgst <= 0}): no channel current;</li>
 *   <li>saturation ({@code vgst <= vds}): {@code Ids = beta (1 + lambda vds) vgst^2 / 2};</li>
 *   <li>linear: {@code Ids = beta (1 + lambda vds) vds (vgst - vds / 2)};</li>
 * </ul>
 * with {@code beta = KP M W / (L - 2 LD)}. Each bulk junction is a diode of saturation current
 * {@code Is} in parallel with {@code gmin} (1e-12 S by default): below {@code -3 vt} it is
 * {@code gmin v - Is}, otherwise {@code Is (exp(v/vt) - 1) + gmin v}. Nothing else is added: no
 * gmin from drain to source, none to ground.
 */
final class LevelOneMosfet {
    /** Boltzmann's constant, J/K, as ngspice's const.h has it. */
    static final double BOLTZMANN = 1.38064852e-23;
    /** Elementary charge, C, as ngspice's const.h has it. */
    static final double CHARGE = 1.6021766208e-19;
    static final double K_OVER_Q = BOLTZMANN / CHARGE;
    /** 27 C in kelvin, ngspice's REFTEMP and default TEMP and TNOM. */
    static final double REFERENCE_KELVIN = 27 + 273.15;
    private static final double EPS_SIO2 = 3.9 * 8.854214871e-12;
    private static final double EPS_SI = 11.70 * 8.854214871e-12;

    final Mosfet instance;
    final int type;
    final double vt;
    final double beta;
    final double lambda;
    final double gamma;
    final double tPhi;
    final double tVbi;
    final double tVto;
    final double drainSaturation;
    final double sourceSaturation;
    final double drainCritical;
    final double sourceCritical;

    /**
     * @param instance     the instance
     * @param kelvin       circuit temperature, K (ngspice TEMP)
     * @param nominalKelvin circuit nominal temperature, K (ngspice TNOM), used when the model gives none
     */
    LevelOneMosfet(Mosfet instance, double kelvin, double nominalKelvin) {
        this.instance = instance;
        MosfetModel m = instance.model();
        type = m.type();
        double tnom = Double.isNaN(m.tnomCelsius()) ? nominalKelvin : m.tnomCelsius() + 273.15;
        double vtnom = tnom * K_OVER_Q;
        double eg1 = bandGap(tnom);
        double kp = m.kp();
        double phi = Double.isNaN(m.phi()) ? 0.6 : m.phi();
        double gammaValue = Double.isNaN(m.gamma()) ? 0 : m.gamma();
        double vto = Double.isNaN(m.vto()) ? 0 : m.vto();
        if (!(phi > 0)) {
            throw new InvalidParameterException("model " + m.name() + " phi", phi, "must be > 0 V");
        }
        if (!Double.isNaN(m.tox()) && m.tox() != 0) {
            double cox = EPS_SIO2 / m.tox();
            if (Double.isNaN(kp)) {
                kp = (Double.isNaN(m.u0()) ? 600 : m.u0()) * cox * 1e-4;
            }
            if (!Double.isNaN(m.nsub())) {
                double nsub = m.nsub() * 1e6;
                if (!(nsub > 1.45e16)) {
                    throw new InvalidParameterException("model " + m.name() + " nsub", m.nsub(),
                            "must exceed the intrinsic density 1.45e10 cm^-3");
                }
                if (Double.isNaN(m.phi())) {
                    phi = Math.max(0.1, 2 * vtnom * Math.log(nsub / 1.45e16));
                }
                double fermis = type * phi / 2;
                double wkfng = 3.2;
                double tpg = Double.isNaN(m.tpg()) ? 1 : m.tpg();
                if (tpg != 0) {
                    double fermig = type * tpg * eg1 / 2;
                    wkfng = 3.25 + eg1 / 2 - fermig;
                }
                double wkfngs = wkfng - (3.25 + eg1 / 2 + fermis);
                if (Double.isNaN(m.gamma())) {
                    gammaValue = Math.sqrt(2 * EPS_SI * CHARGE * nsub) / cox;
                }
                if (Double.isNaN(m.vto())) {
                    double nss = Double.isNaN(m.nss()) ? 0 : m.nss();
                    vto = wkfngs - nss * 1e4 * CHARGE / cox + type * (gammaValue * Math.sqrt(phi) + phi);
                }
            }
        }
        if (Double.isNaN(kp)) {
            kp = 2e-5;
        }
        gamma = gammaValue;
        lambda = Double.isNaN(m.lambda()) ? 0 : m.lambda();

        vt = kelvin * K_OVER_Q;
        double fact1 = tnom / REFERENCE_KELVIN;
        double fact2 = kelvin / REFERENCE_KELVIN;
        double eg = bandGap(kelvin);
        double pbfact1 = -2 * vtnom * (1.5 * Math.log(fact1)
                + CHARGE * (-eg1 / (2 * BOLTZMANN * tnom) + 1.1150877 / (2 * BOLTZMANN * REFERENCE_KELVIN)));
        double pbfact = -2 * vt * (1.5 * Math.log(fact2)
                + CHARGE * (-eg / (2 * BOLTZMANN * kelvin) + 1.1150877 / (2 * BOLTZMANN * REFERENCE_KELVIN)));
        double tKp = kp / Math.pow(kelvin / tnom, 1.5);
        tPhi = fact2 * (phi - pbfact1) / fact1 + pbfact;
        tVbi = vto - type * gamma * Math.sqrt(phi) + (eg1 - eg) / 2 + type * (tPhi - phi) / 2;
        tVto = tVbi + type * gamma * Math.sqrt(tPhi);
        double scaleIs = Math.exp(-eg / vt + eg1 / vtnom);
        double tIs = (Double.isNaN(m.is()) ? 1e-14 : m.is()) * scaleIs;
        double tJs = (Double.isNaN(m.js()) ? 0 : m.js()) * scaleIs;

        double leff = instance.length() - 2 * (Double.isNaN(m.ld()) ? 0 : m.ld());
        if (!(leff > 0)) {
            throw new InvalidParameterException(instance.name() + " effective length L - 2 LD", leff, "must be > 0 m");
        }
        double mult = instance.multiplier();
        beta = tKp * mult * instance.width() / leff;
        if (tJs == 0 || instance.drainArea() == 0 || instance.sourceArea() == 0) {
            drainSaturation = mult * tIs;
            sourceSaturation = mult * tIs;
        } else {
            drainSaturation = tJs * mult * instance.drainArea();
            sourceSaturation = tJs * mult * instance.sourceArea();
        }
        drainCritical = vt * Math.log(vt / (Math.sqrt(2) * drainSaturation));
        sourceCritical = vt * Math.log(vt / (Math.sqrt(2) * sourceSaturation));
    }

    /** ngspice's band gap of silicon, eV, at a temperature in kelvin. */
    static double bandGap(double kelvin) {
        return 1.16 - 7.02e-4 * kelvin * kelvin / (kelvin + 1108);
    }

    /** The state one evaluation leaves behind: the limited voltages and the threshold, n-space. */
    static final class State {
        double vgs;
        double vds;
        double vbs;
        double vbd;
        double von;
    }

    /** One evaluation: currents and conductances at the (limited) voltages, n-space. */
    static final class Evaluation {
        double vgs;
        double vds;
        double vbs;
        double vbd;
        int mode;
        double ids;
        double gm;
        double gds;
        double gmbs;
        double cbs;
        double gbs;
        double cbd;
        double gbd;
        /** True when junction limiting changed a voltage: the iteration cannot count as converged. */
        boolean limited;
    }

    /**
     * Evaluates the device at given terminal voltages, after ngspice's voltage limiting against
     * the previous state; updates the state.
     *
     * @param vd     drain voltage, volt (real space)
     * @param vg     gate voltage
     * @param vs     source voltage
     * @param vb     bulk voltage
     * @param state  the previous limited voltages and threshold; overwritten with the new ones
     * @param limit  apply limiting (not in the first, junction-initialising iteration)
     * @param gmin   conductance in parallel with each junction, siemens
     * @param out    receives the evaluation
     */
    void evaluate(double vd, double vg, double vs, double vb, State state, boolean limit, double gmin, Evaluation out) {
        double vbs = type * (vb - vs);
        double vgs = type * (vg - vs);
        double vds = type * (vd - vs);
        out.limited = false;
        if (limit) {
            // As in ngspice, vbd is formed from the unlimited voltages before the gate and
            // drain-source limiting, and the junction limiting below starts from that value.
            double vbdUnlimited = vbs - vds;
            double vgd = vgs - vds;
            double vgdOld = state.vgs - state.vds;
            if (state.vds >= 0) {
                vgs = fetlim(vgs, state.vgs, state.von);
                vds = vgs - vgd;
                vds = limvds(vds, state.vds);
            } else {
                vgd = fetlim(vgd, vgdOld, state.von);
                vds = vgs - vgd;
                vds = -limvds(-vds, -state.vds);
                vgs = vgd + vds;
            }
            if (vds >= 0) {
                double[] r = pnjlim(vbs, state.vbs, vt, sourceCritical);
                vbs = r[0];
                out.limited = r[1] != 0;
            } else {
                double[] r = pnjlim(vbdUnlimited, state.vbd, vt, drainCritical);
                vbs = r[0] + vds;
                out.limited = r[1] != 0;
            }
        }
        load(vgs, vds, vbs, gmin, out);
        state.vgs = out.vgs;
        state.vds = out.vds;
        state.vbs = out.vbs;
        state.vbd = out.vbd;
        state.von = lastVon;
    }

    /**
     * The junction-initialising evaluation of ngspice's first iteration: {@code vbs = -1},
     * {@code vgs = p tVto}, {@code vds = 0} (all 0 for an OFF device).
     *
     * @param state receives the voltages
     * @param gmin  junction gmin, siemens
     * @param out   receives the evaluation
     */
    void initialJunction(State state, double gmin, Evaluation out) {
        if (instance.off()) {
            load(0, 0, 0, gmin, out);
        } else {
            load(type * tVto, 0, -1, gmin, out);
        }
        out.limited = false;
        state.vgs = out.vgs;
        state.vds = out.vds;
        state.vbs = out.vbs;
        state.vbd = out.vbd;
        state.von = lastVon;
    }

    private void load(double vgs, double vds, double vbs, double gmin, Evaluation out) {
        double vbd = vbs - vds;
        out.vgs = vgs;
        out.vds = vds;
        out.vbs = vbs;
        out.vbd = vbd;
        junction(vbs, sourceSaturation, gmin, out, true);
        junction(vbd, drainSaturation, gmin, out, false);
        int mode = vds >= 0 ? 1 : -1;
        double vgx = mode > 0 ? vgs : vgs - vds;
        double vbx = mode > 0 ? vbs : vbd;
        double vdx = mode > 0 ? vds : -vds;
        double sarg;
        if (vbx <= 0) {
            sarg = Math.sqrt(tPhi - vbx);
        } else {
            double s0 = Math.sqrt(tPhi);
            sarg = Math.max(0, s0 - vbx / (2 * s0));
        }
        double von = type * tVbi + gamma * sarg;
        double vgst = vgx - von;
        double garg = sarg > 0 ? gamma / (2 * sarg) : 0;
        out.mode = mode;
        lastVon = von;
        if (vgst <= 0) {
            out.ids = 0;
            out.gm = 0;
            out.gds = 0;
            out.gmbs = 0;
            return;
        }
        double betap = beta * (1 + lambda * vdx);
        if (vgst <= vdx) {
            out.ids = betap * vgst * vgst * 0.5;
            out.gm = betap * vgst;
            out.gds = lambda * beta * vgst * vgst * 0.5;
        } else {
            out.ids = betap * vdx * (vgst - vdx * 0.5);
            out.gm = betap * vdx;
            out.gds = betap * (vgst - vdx) + lambda * beta * vdx * (vgst - vdx * 0.5);
        }
        out.gmbs = out.gm * garg;
    }

    /** The threshold of the last {@link #load}, n-space; copied into the state after evaluation. */
    double lastVon;

    private void junction(double v, double saturation, double gmin, Evaluation out, boolean source) {
        double c;
        double g;
        if (v <= -3 * vt) {
            g = gmin;
            c = gmin * v - saturation;
        } else {
            double e = Math.exp(Math.min(709, v / vt));
            g = saturation * e / vt + gmin;
            c = saturation * (e - 1) + gmin * v;
        }
        if (source) {
            out.cbs = c;
            out.gbs = g;
        } else {
            out.cbd = c;
            out.gbd = g;
        }
    }

    /** ngspice's DEVfetlim: limits a gate voltage step around the threshold. */
    static double fetlim(double vnew, double vold, double vto) {
        double vtsthi = Math.abs(2 * (vold - vto)) + 2;
        double vtstlo = Math.abs(vold - vto) + 1;
        double vtox = vto + 3.5;
        double delv = vnew - vold;
        if (vold >= vto) {
            if (vold >= vtox) {
                if (delv <= 0) {
                    if (vnew >= vtox) {
                        if (-delv > vtstlo) {
                            vnew = vold - vtstlo;
                        }
                    } else {
                        vnew = Math.max(vnew, vto + 2);
                    }
                } else if (delv >= vtsthi) {
                    vnew = vold + vtsthi;
                }
            } else {
                if (delv <= 0) {
                    vnew = Math.max(vnew, vto - 0.5);
                } else {
                    vnew = Math.min(vnew, vto + 4);
                }
            }
        } else {
            if (delv <= 0) {
                if (-delv > vtsthi) {
                    vnew = vold - vtsthi;
                }
            } else {
                double vtemp = vto + 0.5;
                if (vnew <= vtemp) {
                    if (delv > vtstlo) {
                        vnew = vold + vtstlo;
                    }
                } else {
                    vnew = vtemp;
                }
            }
        }
        return vnew;
    }

    /** ngspice's DEVlimvds: limits a drain-source voltage step. */
    static double limvds(double vnew, double vold) {
        if (vold >= 3.5) {
            if (vnew > vold) {
                vnew = Math.min(vnew, 3 * vold + 2);
            } else if (vnew < 3.5) {
                vnew = Math.max(vnew, 2);
            }
        } else {
            if (vnew > vold) {
                vnew = Math.min(vnew, 4);
            } else {
                vnew = Math.max(vnew, -0.5);
            }
        }
        return vnew;
    }

    /**
     * ngspice's DEVpnjlim: limits a junction voltage step.
     *
     * @return {limited voltage, 1 when limiting acted (the iteration is not converged) else 0}
     */
    static double[] pnjlim(double vnew, double vold, double vt, double vcrit) {
        if (vnew > vcrit && Math.abs(vnew - vold) > vt + vt) {
            if (vold > 0) {
                double arg = (vnew - vold) / vt;
                if (arg > 0) {
                    vnew = vold + vt * (2 + Math.log(arg - 2));
                } else {
                    vnew = vold - vt * (2 + Math.log(2 - arg));
                }
            } else {
                vnew = vt * Math.log(vnew / vt);
            }
            return new double[] {vnew, 1};
        }
        if (vnew < 0) {
            double floor = vold > 0 ? -vold - 1 : 2 * vold - 1;
            if (vnew < floor) {
                return new double[] {floor, 1};
            }
        }
        return new double[] {vnew, 0};
    }

    /**
     * The companion model of one evaluation (ngspice's {@code mos1load} stamp), real space, on the
     * terminals (drain, gate, source, bulk): the conductance matrix, row-major, overwritten
     * whole, and the equivalent current injected into each terminal. Nothing is allocated.
     *
     * @param e  the evaluation
     * @param y  receives the 4x4 conductances, row-major, siemens
     * @param j  receives the 4 injected currents, ampere
     */
    void companion(Evaluation e, double[] y, double[] j) {
        java.util.Arrays.fill(y, 0.0);
        double xn = e.mode > 0 ? 1 : 0;
        double xr = e.mode > 0 ? 0 : 1;
        final int dr = 0;
        final int gt = 1;
        final int sr = 2;
        final int bk = 3;
        y[4 * bk + bk] += e.gbd + e.gbs;
        y[4 * bk + dr] -= e.gbd;
        y[4 * bk + sr] -= e.gbs;
        y[4 * dr + dr] += e.gds + e.gbd + xr * (e.gm + e.gmbs);
        y[4 * sr + sr] += e.gds + e.gbs + xn * (e.gm + e.gmbs);
        y[4 * dr + gt] += (xn - xr) * e.gm;
        y[4 * sr + gt] -= (xn - xr) * e.gm;
        y[4 * dr + bk] += -e.gbd + (xn - xr) * e.gmbs;
        y[4 * sr + bk] += -e.gbs - (xn - xr) * e.gmbs;
        y[4 * dr + sr] += -e.gds - xn * (e.gm + e.gmbs);
        y[4 * sr + dr] += -e.gds - xr * (e.gm + e.gmbs);
        double ceqbs = type * (e.cbs - e.gbs * e.vbs);
        double ceqbd = type * (e.cbd - e.gbd * e.vbd);
        double cdreq;
        if (e.mode > 0) {
            cdreq = type * (e.ids - e.gds * e.vds - e.gm * e.vgs - e.gmbs * e.vbs);
        } else {
            double vgd = e.vgs - e.vds;
            cdreq = -type * (e.ids + e.gds * e.vds - e.gm * vgd - e.gmbs * e.vbd);
        }
        j[0] = ceqbd - cdreq;
        j[1] = 0;
        j[2] = cdreq + ceqbs;
        j[3] = -(ceqbs + ceqbd);
    }
}
