package org.xbar.network;

import java.io.Serializable;
import java.util.Locale;
import org.xbar.error.InvalidParameterException;

/**
 * How a layer's full scale {@code W_max} is chosen: the weight magnitude that maps to the top
 * level (DESIGN section 9). Weights above it are clipped to the top level.
 *
 * @param rule  how it is chosen
 * @param value the percentile (0 to 100] for {@link Rule#PERCENTILE}, the weight for
 *              {@link Rule#VALUE}; ignored for {@link Rule#MAX}
 */
public record FullScale(Rule rule, double value) implements Serializable {
    /** The largest magnitude of {@code [W; b]}: no weight is clipped (the default). */
    public static final FullScale MAX = new FullScale(Rule.MAX, 0);

    /** The rules. */
    public enum Rule {
        /** {@code max |[W; b]|}. */
        MAX,
        /** A percentile of {@code |[W; b]|} (nearest rank). */
        PERCENTILE,
        /** A given weight magnitude. */
        VALUE
    }

    /** Validates the value. */
    public FullScale {
        java.util.Objects.requireNonNull(rule, "rule");
        if (rule == Rule.PERCENTILE && !(value > 0 && value <= 100)) {
            throw new InvalidParameterException("full-scale percentile", value, "must be in (0, 100]");
        }
        if (rule == Rule.VALUE && !(value > 0 && Double.isFinite(value))) {
            throw new InvalidParameterException("full-scale value", value, "must be finite and > 0");
        }
    }

    /**
     * @param text {@code max}, {@code pNN} (a percentile, such as {@code p99.5}) or a positive number
     * @return the rule
     */
    public static FullScale parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.equals("max")) {
                return MAX;
            }
            if (t.startsWith("p")) {
                return new FullScale(Rule.PERCENTILE, Double.parseDouble(t.substring(1)));
            }
            return new FullScale(Rule.VALUE, Double.parseDouble(t));
        } catch (NumberFormatException e) {
            throw new InvalidParameterException("full scale", text, "must be max, pNN (a percentile) or a positive number");
        }
    }

    /**
     * @param augmented a layer's {@code [W; b]}
     * @return its {@code W_max}; 1 for an all-zero layer under {@link Rule#MAX} or {@link Rule#PERCENTILE}
     */
    public double of(double[] augmented) {
        if (rule == Rule.VALUE) {
            return value;
        }
        double max = 0;
        for (double w : augmented) {
            max = Math.max(max, Math.abs(w));
        }
        if (max == 0) {
            return 1.0;
        }
        if (rule == Rule.MAX) {
            return max;
        }
        double[] magnitudes = new double[augmented.length];
        for (int k = 0; k < magnitudes.length; k++) {
            magnitudes[k] = Math.abs(augmented[k]);
        }
        int rank = (int) Math.ceil(value / 100.0 * magnitudes.length);
        double p = kthSmallest(magnitudes, Math.max(0, rank - 1));
        return p > 0 ? p : max;
    }

    /**
     * The k-th smallest value by selection (Hoare's partition around the median of three), in
     * linear time on average: training takes a percentile at every step, and a sort of every
     * weight there cost more than the step itself.
     *
     * @param a values, reordered in place
     * @param k rank, from 0
     * @return the value a sort would put at index k
     */
    static double kthSmallest(double[] a, int k) {
        int lo = 0;
        int hi = a.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            double pivot = medianOfThree(a[lo], a[mid], a[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    private static double medianOfThree(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    /** @return {@code max}, {@code pNN} or the value */
    public String label() {
        return switch (rule) {
            case MAX -> "max";
            case PERCENTILE -> "p" + org.xbar.io.JsonTree.plain(value);
            case VALUE -> org.xbar.io.JsonTree.plain(value);
        };
    }
}
