package org.xbar.solve;

/**
 * A linear solver: {@link #factor(SparseMatrix)} does the work that depends only on the matrix,
 * once; the returned {@link Factorization} solves for as many right-hand sides as needed.
 */
public interface LinearSolver {
    /** @return a short name for statistics and reports */
    String name();

    /**
     * @param matrix a square matrix (both triangles stored)
     * @return its factorization
     * @throws org.xbar.error.XbarException when the matrix is singular or not of the kind the
     *         solver needs
     */
    Factorization factor(SparseMatrix matrix);

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
