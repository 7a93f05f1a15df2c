package org.xbar.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Node-by-node comparison of xbar's operating point with ngspice's (DESIGN section 5). A value
 * passes when {@code |ours - spice| <= reltol * max(|ours|, |spice|) + abstol}, with {@code abstol}
 * in volts for node voltages ({@code v(...)}) and in amperes for source currents ({@code i(...)}).
 * The worst value is the one that uses the largest share of its tolerance.
 */
public final class SpiceCrossCheck {
    /** Default relative tolerance. */
    public static final double RELTOL = 1e-6;
    /** Default absolute tolerance on voltages, volt. */
    public static final double VOLT_ABSTOL = 1e-9;
    /** Default absolute tolerance on currents, ampere. */
    public static final double AMP_ABSTOL = 1e-12;

    private SpiceCrossCheck() {
    }

    /**
     * One compared value.
     *
     * @param name     {@code v(node)} or {@code i(source)}, as xbar names it
     * @param ours     xbar's value
     * @param spice    ngspice's value
     * @param share    {@code |ours - spice|} over the allowed difference: at most 1 to pass
     */
    public record Difference(String name, double ours, double spice, double share) {
        /** @return the absolute difference */
        public double absolute() {
            return Math.abs(ours - spice);
        }

        /** @return the difference relative to the larger magnitude (0 when both are 0) */
        public double relative() {
            double scale = Math.max(Math.abs(ours), Math.abs(spice));
            return scale == 0 ? 0 : absolute() / scale;
        }
    }

    /**
     * The outcome of a comparison.
     *
     * @param compared      how many values were compared
     * @param worst         the value closest to (or furthest past) its tolerance
     * @param worstAbsolute the largest absolute difference among voltages, volt
     * @param worstRelative the largest relative difference over all values
     * @param failures      every value outside its tolerance
     * @param missing       names xbar has and ngspice lacks
     */
    public record Result(int compared, Difference worst, double worstAbsolute, double worstRelative,
            List<Difference> failures, List<String> missing) {
        /** @return true when every value is within tolerance and none is missing */
        public boolean passed() {
            return failures.isEmpty() && missing.isEmpty();
        }

        /** @return a one-line summary naming the worst value */
        public String summary() {
            String head = passed() ? "PASS" : "FAIL";
            String worstText = worst == null ? "nothing compared" : String.format(Locale.ROOT,
                    "worst %s: xbar %.15g, ngspice %.15g (%.1e of tolerance)", worst.name(), worst.ours(), worst.spice(),
                    worst.share());
            return String.format(Locale.ROOT, "%s: %d values, max |dv| %.3e V, max relative %.3e; %s%s%s", head, compared,
                    worstAbsolute, worstRelative, worstText,
                    failures.isEmpty() ? "" : "; " + failures.size() + " outside tolerance",
                    missing.isEmpty() ? "" : "; missing in ngspice: " + String.join(", ", missing.subList(0, Math.min(5, missing.size()))));
        }
    }

    /**
     * @param ours  xbar's values by name
     * @param spice ngspice's values by name (lower case)
     * @param alias maps xbar's name to the name ngspice reports it under (nodes merged by ideal
     *              wires are reported under one name)
     * @return the comparison with default tolerances
     */
    public static Result compare(Map<String, Double> ours, Map<String, Double> spice,
            java.util.function.UnaryOperator<String> alias) {
        return compare(ours, spice, alias, RELTOL, VOLT_ABSTOL, AMP_ABSTOL);
    }

    /**
     * @param ours        xbar's values by name
     * @param spice       ngspice's values by name
     * @param alias       maps xbar's name to ngspice's
     * @param reltol      relative tolerance
     * @param voltAbstol  absolute tolerance on voltages, volt
     * @param ampAbstol   absolute tolerance on currents, ampere
     * @return the comparison
     */
    public static Result compare(Map<String, Double> ours, Map<String, Double> spice,
            java.util.function.UnaryOperator<String> alias, double reltol, double voltAbstol, double ampAbstol) {
        Difference worst = null;
        double worstAbs = 0;
        double worstRel = 0;
        List<Difference> failures = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        int compared = 0;
        for (Map.Entry<String, Double> e : ours.entrySet()) {
            Double theirs = spice.get(alias.apply(e.getKey()));
            if (theirs == null) {
                missing.add(e.getKey());
                continue;
            }
            double a = e.getValue();
            double b = theirs;
            double abstol = e.getKey().startsWith("i(") ? ampAbstol : voltAbstol;
            double allowed = reltol * Math.max(Math.abs(a), Math.abs(b)) + abstol;
            Difference d = new Difference(e.getKey(), a, b, Math.abs(a - b) / allowed);
            compared++;
            if (worst == null || d.share() > worst.share()) {
                worst = d;
            }
            if (e.getKey().startsWith("v(")) {
                worstAbs = Math.max(worstAbs, d.absolute());
            }
            worstRel = Math.max(worstRel, d.relative());
            if (!(d.share() <= 1)) {
                failures.add(d);
            }
        }
        return new Result(compared, worst, worstAbs, worstRel, failures, missing);
    }

    /**
     * @param solution an xbar operating point
     * @return its values named as ngspice names them: {@code v(node)} for every node but ground,
     *         {@code i(source)} for every voltage source, lower case, in circuit order
     */
    public static Map<String, Double> named(org.xbar.results.CircuitSolution solution) {
        Map<String, Double> values = new LinkedHashMap<>();
        String[] nodes = solution.nodeNames();
        double[] volts = solution.nodeVoltages();
        for (int n = 1; n < nodes.length; n++) {
            values.put("v(" + nodes[n].toLowerCase(Locale.ROOT) + ")", volts[n]);
        }
        String[] sources = solution.sourceNames();
        double[] amps = solution.sourceCurrents();
        for (int s = 0; s < sources.length; s++) {
            values.put("i(" + sources[s].toLowerCase(Locale.ROOT) + ")", amps[s]);
        }
        return values;
    }
}
