package org.xbar.solve.sparse;

import java.util.function.IntFunction;

/**
 * A linear solver: {@link #factor(SparseMatrix, IntFunction)} does the work that depends only on
 * the matrix, once; the returned {@link Factorization} solves for as many right-hand sides as needed.
 */
public interface LinearSolver {
    /** @return a short name for statistics and reports */
    String name();

    /**
     * @param matrix      a square matrix (both triangles stored)
     * @param unknownName the name of each unknown (a node, for a nodal matrix), for the error that
     *                    names where the factorization broke down
     * @return its factorization
     * @throws org.xbar.error.SingularCircuitException when the matrix is singular, or not of the kind
     *         the solver needs, naming the unknown at the failed pivot and its strongest neighbour
     */
    Factorization factor(SparseMatrix matrix, IntFunction<String> unknownName);

    /**
     * {@link #factor(SparseMatrix, IntFunction)} with the unknowns named by their index.
     *
     * @param matrix a square matrix (both triangles stored)
     * @return its factorization
     */
    default Factorization factor(SparseMatrix matrix) {
        return factor(matrix, unknown -> "unknown " + unknown);
    }

    /**
     * Analyses a sparsity pattern once for matrices whose values change while the pattern stays,
     * as in Newton's iterations: the ordering here, the numeric factorization per
     * {@link Symbolic#refactor}. By default nothing is reused: every refactor factors from scratch.
     *
     * @param pattern a matrix with the pattern (its values do not matter)
     * @return the analysis
     */
    default Symbolic analyze(SparseMatrix pattern) {
        return matrix -> {
            try {
                return java.util.Optional.of(factor(matrix));
            } catch (org.xbar.error.SingularCircuitException e) {
                return java.util.Optional.empty();
            }
        };
    }

    /** The analysis of one sparsity pattern ({@link #analyze}). */
    @FunctionalInterface
    interface Symbolic {
        /**
         * @param matrix a matrix with the analysed pattern
         * @return its numeric factorization, or empty where a pivot breaks down (a singular
         *         linearisation, which Newton answers with a smaller step, not an error)
         */
        java.util.Optional<Factorization> refactor(SparseMatrix matrix);
    }

    /** A factorized matrix. Solves may run one after another, not concurrently. */
    interface Factorization {
        /**
         * @param rhs      right-hand side (not modified)
         * @param solution receives the solution
         */
        void solve(double[] rhs, double[] solution);

        /** @return stored entries of the factor(s), for memory reports */
        long factorNonZeros();
    }
}
