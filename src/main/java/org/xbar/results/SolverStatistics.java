package org.xbar.results;

/**
 * What a solve cost and how well it converged.
 *
 * @param solver           name of the solver or model that produced the result
 * @param iterations       iterations of an iterative solver; 0 for direct solvers and models
 * @param relativeResidual {@code ||b - A x|| / ||b||} of the solved system (Euclidean norms);
 *                         0 for models, which solve no system
 * @param nanos            wall-clock time of the solve, nanoseconds
 */
public record SolverStatistics(String solver, int iterations, double relativeResidual, long nanos) {

    /** @return the time in seconds */
    public double seconds() {
        return nanos * 1e-9;
    }
}
