package org.xbar.compare;

import org.xbar.error.InvalidParameterException;
import org.xbar.results.OutputBatch;

/**
 * How far approximate outputs are from exact ones over a batch (DESIGN section 5).
 *
 * <ul>
 *   <li>{@code nrmsdRange = sqrt(mean((y - y_exact)^2)) / (max(y_exact) - min(y_exact))}, the
 *       range-normalized NRMSD (seed 004's metric, the default in reports);</li>
 *   <li>{@code nrmsdMean = sqrt(mean((y - y_exact)^2)) / mean(|y_exact|)}, the mean-normalized
 *       NRMSD, typically an order of magnitude larger: every report names which one it shows;</li>
 *   <li>{@code worstAbsolute = max |y - y_exact|}, ampere;</li>
 *   <li>{@code worstRelative = max |y - y_exact| / |y_exact|} over the outputs whose exact
 *       magnitude is at least {@value #RELATIVE_FLOOR} of the largest exact magnitude (outputs
 *       near zero, common with signed weights, would make any relative error meaningless).</li>
 * </ul>
 * Means and extremes run over every output of every vector.
 *
 * @param nrmsdRange       range-normalized NRMSD
 * @param nrmsdMean        mean-normalized NRMSD
 * @param worstAbsolute    largest absolute error, ampere
 * @param worstRelative    largest relative error (see above)
 * @param worstVector      vector index of the largest relative error
 * @param worstOutput      output index of the largest relative error
 */
public record ErrorMetrics(double nrmsdRange, double nrmsdMean, double worstAbsolute, double worstRelative,
        int worstVector, int worstOutput) implements java.io.Serializable {

    /** Outputs smaller than this fraction of the largest exact output are left out of the relative error. */
    public static final double RELATIVE_FLOOR = 0.01;

    /**
     * @param approximate outputs of a model
     * @param exact       outputs of the exact solver, same shape
     * @return the metrics
     */
    public static ErrorMetrics of(OutputBatch approximate, OutputBatch exact) {
        if (approximate.size() != exact.size() || approximate.outputs() != exact.outputs()) {
            throw InvalidParameterException.inconsistent("outputs", "cannot compare " + approximate.size() + "x"
                    + approximate.outputs() + " outputs with " + exact.size() + "x" + exact.outputs());
        }
        return of(approximate.flat(), exact.flat(), exact.outputs());
    }

    /**
     * @param approximate approximate values, vector-major
     * @param exact       exact values, same layout
     * @param outputs     outputs per vector (to locate the worst one)
     * @return the metrics
     */
    public static ErrorMetrics of(double[] approximate, double[] exact, int outputs) {
        int n = exact.length;
        if (n == 0 || approximate.length != n) {
            throw InvalidParameterException.inconsistent("outputs", "need equally many values, got "
                    + approximate.length + " and " + n);
        }
        double sumSq = 0;
        double sumAbs = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double maxMagnitude = 0;
        double worstAbs = 0;
        for (int k = 0; k < n; k++) {
            double e = exact[k];
            double d = approximate[k] - e;
            sumSq += d * d;
            sumAbs += Math.abs(e);
            min = Math.min(min, e);
            max = Math.max(max, e);
            maxMagnitude = Math.max(maxMagnitude, Math.abs(e));
            worstAbs = Math.max(worstAbs, Math.abs(d));
        }
        double rmsd = Math.sqrt(sumSq / n);
        double floor = RELATIVE_FLOOR * maxMagnitude;
        double worstRel = 0;
        int worstAt = 0;
        for (int k = 0; k < n; k++) {
            double e = Math.abs(exact[k]);
            if (e > 0 && e >= floor) {
                double rel = Math.abs(approximate[k] - exact[k]) / e;
                if (rel > worstRel) {
                    worstRel = rel;
                    worstAt = k;
                }
            }
        }
        double range = max - min;
        double mean = sumAbs / n;
        return new ErrorMetrics(range > 0 ? rmsd / range : (rmsd == 0 ? 0 : Double.POSITIVE_INFINITY),
                mean > 0 ? rmsd / mean : (rmsd == 0 ? 0 : Double.POSITIVE_INFINITY), worstAbs, worstRel,
                worstAt / outputs, worstAt % outputs);
    }
}
