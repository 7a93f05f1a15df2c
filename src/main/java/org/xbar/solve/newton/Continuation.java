package org.xbar.solve.newton;

import org.xbar.error.NoConvergenceException;

/**
 * ngspice's {@code CKTop} around a {@link NewtonRun}: plain Newton first; when it fails, dynamic
 * gmin stepping (a conductance from every node to ground, from 1e-3 S down by an adaptive factor of
 * up to 10), then "true" gmin stepping (the junctions' gmin itself), then Gillespie source stepping
 * (every independent source scaled from 0 up to 100 %, adaptively); with {@code gminsteps > 1} or
 * {@code srcsteps > 1}, SPICE3's fixed-step variants instead. Each method steps the run's gmin or
 * source factor, saves and restores its iterate and element state, and calls its Newton iteration.
 */
final class Continuation {
    private final NewtonRun run;
    private final NewtonOptions options;

    /**
     * @param run the run to drive
     */
    Continuation(NewtonRun run) {
        this.run = run;
        this.options = run.options;
    }

    /**
     * Finds the operating point, or fails naming why.
     *
     * @throws NoConvergenceException when every method fails: naming the behavioral source whose
     *         value was not finite, or the node that moved most in the last iteration
     */
    void operatingPoint() {
        if (!options.noOpIter()) {
            run.path.add("Newton");
            if (run.iterate(options.itl1(), Stamps.Mode.JUNCTION)) {
                return;
            }
        }
        if (options.gminSteps() == 1) {
            run.path.add("dynamic gmin stepping");
            if (dynamicGmin(false)) {
                return;
            }
            run.path.add("true gmin stepping");
            if (dynamicGmin(true)) {
                return;
            }
        } else if (options.gminSteps() > 1) {
            run.path.add("gmin stepping");
            if (spice3Gmin()) {
                return;
            }
        }
        if (options.sourceSteps() == 1) {
            run.path.add("source stepping");
            if (gillespieSource()) {
                return;
            }
        } else if (options.sourceSteps() > 1) {
            run.path.add("source stepping");
            if (spice3Source()) {
                return;
            }
        }
        Element nonFinite = run.nonFinite();
        if (nonFinite != null) {
            throw NoConvergenceException.nonFiniteSource(String.join(", then ", run.path), run.totalIterations(),
                    nonFinite.nonFinite(), nonFinite.nonFiniteValue());
        }
        throw NoConvergenceException.newton(String.join(", then ", run.path), run.totalIterations(), run.lastWorstNode(),
                run.lastWorstChange(), run.lastSingular());
    }

    /** ngspice's dynamic_gmin (diagonal gmin) or new_gmin (junction gmin, {@code trueGmin}). */
    private boolean dynamicGmin(boolean trueGmin) {
        run.mode(Stamps.Mode.JUNCTION);
        run.zeroState();
        double factor = 10;
        double oldGmin = 1e-2;
        double stepped = oldGmin / factor;
        double target = options.gmin();
        setStepped(trueGmin, stepped);
        run.save();
        while (true) {
            boolean ok = run.iterate(options.itl2(), run.mode());
            int n = run.lastIterations;
            if (ok) {
                run.mode(Stamps.Mode.FLOAT);
                if (stepped <= target) {
                    break;
                }
                run.save();
                if (n <= options.itl2() / 4) {
                    factor = Math.min(Math.pow(factor, 1.5), 10);
                }
                if (n > 3 * options.itl2() / 4) {
                    factor = Math.max(Math.sqrt(factor), 1.00005);
                }
                oldGmin = stepped;
                if (stepped < factor * target) {
                    factor = stepped / target;
                    stepped = target;
                } else {
                    stepped /= factor;
                }
            } else {
                if (factor < 1.00005) {
                    break;
                }
                factor = Math.sqrt(Math.sqrt(factor));
                stepped = oldGmin / factor;
                run.restore();
            }
            setStepped(trueGmin, stepped);
        }
        run.diagonalGmin = 0;
        run.junctionGmin(options.gmin());
        return run.iterate(options.itl1(), run.mode());
    }

    private void setStepped(boolean trueGmin, double value) {
        if (trueGmin) {
            run.junctionGmin(value);
            run.diagonalGmin = 0;
        } else {
            run.diagonalGmin = value;
        }
    }

    /** ngspice's spice3_gmin: fixed steps of 10 from gmin * 10^gminsteps. */
    private boolean spice3Gmin() {
        run.diagonalGmin = options.gmin() * Math.pow(10, options.gminSteps());
        for (int step = 0; step <= options.gminSteps(); step++) {
            if (!run.iterate(options.itl2(), run.mode())) {
                run.diagonalGmin = 0;
                return false;
            }
            run.diagonalGmin /= 10;
            run.mode(Stamps.Mode.FLOAT);
        }
        run.diagonalGmin = 0;
        return run.iterate(options.itl1(), run.mode());
    }

    /** ngspice's gillespie_src: sources raised from 0 to 100 % by an adaptive step. */
    private boolean gillespieSource() {
        run.mode(Stamps.Mode.JUNCTION);
        run.sourceFactor = 0;
        double converged = 0;
        run.zeroState();
        boolean ok = run.iterate(options.itl2(), run.mode());
        if (!ok) {
            run.diagonalGmin = options.gmin() * 1e10;
            for (int step = 0; step <= 10; step++) {
                ok = run.iterate(options.itl2(), run.mode());
                if (!ok) {
                    break;
                }
                run.diagonalGmin /= 10;
                run.mode(Stamps.Mode.FLOAT);
            }
            run.diagonalGmin = 0;
        }
        if (ok) {
            run.save();
            double raise = 0.001;
            run.sourceFactor = 0.001;
            do {
                ok = run.iterate(options.itl2(), run.mode());
                int n = run.lastIterations;
                run.mode(Stamps.Mode.FLOAT);
                if (ok) {
                    converged = run.sourceFactor;
                    run.save();
                    run.sourceFactor = converged + raise;
                    if (n <= options.itl2() / 4) {
                        raise *= 1.5;
                    }
                    if (n > 3 * options.itl2() / 4) {
                        raise *= 0.5;
                    }
                } else {
                    if (run.sourceFactor - converged < 1e-8) {
                        break;
                    }
                    raise = Math.min(raise / 10, 0.01);
                    run.sourceFactor = converged;
                    run.restore();
                }
                run.sourceFactor = Math.min(run.sourceFactor, 1);
            } while (raise >= 1e-7 && converged < 1);
            run.diagonalGmin = options.gmin();
            run.junctionGmin(options.gmin());
        }
        run.sourceFactor = 1;
        boolean done = converged == 1;
        run.diagonalGmin = 0;
        return done;
    }

    /** ngspice's spice3_src: sources at i/N of their value, i = 0..N. */
    private boolean spice3Source() {
        int steps = options.sourceSteps();
        run.mode(Stamps.Mode.JUNCTION);
        for (int i = 0; i <= steps; i++) {
            run.sourceFactor = (double) i / steps;
            if (!run.iterate(options.itl2(), run.mode())) {
                run.sourceFactor = 1;
                return false;
            }
            run.mode(Stamps.Mode.FLOAT);
        }
        run.sourceFactor = 1;
        return true;
    }
}
