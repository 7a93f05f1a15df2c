package org.xbar.study.sweep;

import java.io.Serializable;
import java.util.ArrayList;
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
            double[] outputs) implements Serializable {
    }

    /**
     * The point's index and everything it measured: what a point computed on another machine sends
     * back ({@link Sweep#task}); the point itself is rebuilt from the index where it is written.
     *
     * @param index                 the point's index in its sweep
     * @param vectors               input vectors compared
     * @param outputs               outputs per vector
     * @param exactSolver           the exact solver's name
     * @param maxIterations         most iterations of the exact solver
     * @param maxResidual           largest relative residual of the exact solver
     * @param powerMeanWatts        mean power over the vectors, watt
     * @param powerMaxWatts         largest power over the vectors, watt
     * @param exactSecondsPerVector exact solve time per vector, second
     * @param models                one entry per model
     * @param exactOutputs          the exact outputs, or null when not kept
     */
    public record Measured(int index, int vectors, int outputs, String exactSolver, int maxIterations, double maxResidual,
            double powerMeanWatts, double powerMaxWatts, double exactSecondsPerVector, List<ModelResult> models,
            double[] exactOutputs) implements Serializable {
        private static final long serialVersionUID = 1L;

        /**
         * @param result a point's result
         * @return what it measured, with its index
         */
        public static Measured of(PointResult result) {
            return new Measured(result.point().index(), result.vectors(), result.outputs(), result.exactSolver(),
                    result.maxIterations(), result.maxResidual(), result.powerMeanWatts(), result.powerMaxWatts(),
                    result.exactSecondsPerVector(), new ArrayList<>(result.models()), result.exactOutputs());
        }

        /**
         * @param point the point at {@link #index()}
         * @return the point's result
         */
        public PointResult result(SweepPoint point) {
            if (point.index() != index) {
                throw new IllegalArgumentException("point " + point.index() + " given for the result of point " + index);
            }
            return new PointResult(point, vectors, outputs, exactSolver, maxIterations, maxResidual, powerMeanWatts,
                    powerMaxWatts, exactSecondsPerVector, List.copyOf(models), exactOutputs);
        }
    }
}
