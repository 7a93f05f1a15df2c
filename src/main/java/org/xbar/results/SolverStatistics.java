package org.xbar.results;

import java.util.Objects;

/**
 * What a solve cost, how well it converged and which path produced the answer.
 *
 * @param solver           name of the solver or model that produced the result
 * @param iterations       iterations of an iterative solver; 0 for direct solvers and models
 * @param relativeResidual the true relative residual of the solved system, recomputed from the
 *                         matrix: {@code ||b - A x|| / ||b||} (Euclidean norms) for the direct
 *                         solvers; for the iterative crossbar solver the larger of its row and column
 *                         equations' relative residuals (see {@code LineRelaxationSolver}); 0 for
 *                         models, which solve no system
 * @param nanos            wall-clock time of the solve, nanoseconds
 * @param path             how the answer was produced
 */
public record SolverStatistics(String solver, int iterations, double relativeResidual, long nanos, Path path) {

    /** How an answer was produced. */
    public enum Path {
        /** A model: a formula, no system solved. */
        MODEL,
        /** A direct factorization of the nodal matrix. */
        DIRECT,
        /** Newton iteration on a nonlinear circuit. */
        NEWTON,
        /**
         * Newton iteration on a crossbar of nonlinear devices with the line-relaxation solver
         * solving every step.
         */
        STRUCTURED_NEWTON,
        /** Conjugate gradients, whose true residual met the tolerance at the first check. */
        ITERATIVE,
        /**
         * Conjugate gradients restarted from their own iterate with its recomputed true residual,
         * because the running estimate had claimed a convergence the true residual did not confirm.
         */
        RESTARTED,
        /** Conjugate gradients failed; the direct solver's answer, checked against the same tolerance. */
        DIRECT_FALLBACK
    }

    /** Checks the fields. */
    public SolverStatistics {
        Objects.requireNonNull(solver, "solver");
        Objects.requireNonNull(path, "path");
    }

    /** @return the time in seconds */
    public double seconds() {
        return nanos * 1e-9;
    }
}
