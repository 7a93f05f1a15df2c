package org.xbar.study.sweep;

import java.util.List;
import org.xbar.compare.ErrorMetrics;

/**
 * What one sweep point measured: each model's error against the exact nodal solution, and what the
 * exact solve cost.
 *
 * @param point                 the point
 * @param vectors               input vectors compared
 * @param outputs               outputs per vector
 * @param exactSolver           the exact solver's name
 * @param maxIterations         most iterations of the exact solver over vectors and tiles
 * @param maxResidual           largest relative residual of the exact solver
 * @param powerMeanWatts        the power all tiles draw from their drivers, mean over the vectors, watt
 * @param powerMaxWatts         the same, largest over the vectors, watt
 * @param exactSecondsPerVector exact solve time per vector (all tiles, setup included), second
 * @param models                one entry per model, in the study's order
 * @param exactOutputs          the exact outputs, vector-major, or null when not kept
 */
public record PointResult(SweepPoint point, int vectors, int outputs, String exactSolver, int maxIterations,
        double maxResidual, double powerMeanWatts, double powerMaxWatts, double exactSecondsPerVector,
        List<ModelResult> models, double[] exactOutputs) {

    /**
     * One model at one point.
     *
     * @param model            the model's name
     * @param metrics          its error against the exact outputs
     * @param meanRatio        {@code mean |model| / mean |exact|} over all outputs
     * @param secondsPerVector its time per vector (setup included), second
     * @param outputs          its outputs, vector-major, or null when not kept
     */
    public record ModelResult(String model, ErrorMetrics metrics, double meanRatio, double secondsPerVector,
            double[] outputs) {
    }
}
