package org.xbar.solve;

import edu.emory.mathcs.csparsej.tdouble.Dcs_chol;
import edu.emory.mathcs.csparsej.tdouble.Dcs_common.Dcs;
import edu.emory.mathcs.csparsej.tdouble.Dcs_common.Dcsn;
import edu.emory.mathcs.csparsej.tdouble.Dcs_common.Dcss;
import edu.emory.mathcs.csparsej.tdouble.Dcs_ipvec;
import edu.emory.mathcs.csparsej.tdouble.Dcs_lsolve;
import edu.emory.mathcs.csparsej.tdouble.Dcs_ltsolve;
import edu.emory.mathcs.csparsej.tdouble.Dcs_pvec;
import edu.emory.mathcs.csparsej.tdouble.Dcs_schol;
import org.xbar.error.XbarException;

/**
 * Sparse Cholesky factorization {@code P A P' = L L'} with an approximate minimum degree
 * ordering, from CSparseJ (the Java port of Tim Davis's CSparse: {@code cs_schol} with order 1,
 * {@code cs_chol}, then {@code cs_ipvec}, {@code cs_lsolve}, {@code cs_ltsolve}, {@code cs_pvec}).
 * The nodal matrix of a resistive circuit with its voltage sources eliminated is symmetric
 * positive definite, so this is the reference direct solver for crossbars.
 */
public final class CholeskySolver implements LinearSolver {

    @Override
    public String name() {
        return "cholesky-amd";
    }

    @Override
    public Factorization factor(SparseMatrix matrix) {
        int n = matrix.order();
        Dcs a = matrix.toCsparse();
        Dcss symbolic = Dcs_schol.cs_schol(1, a);
        if (symbolic == null) {
            throw new XbarException("Cholesky ordering failed on a matrix of order " + n);
        }
        // the factor's size is exact after the symbolic analysis: values and row indices, plus the
        // permuted copy of A that cs_chol works on
        long factorBytes = (Double.BYTES + Integer.BYTES) * (symbolic.cp[n] + (long) matrix.nonZeros());
        MemoryBudget.HEAP.require("the Cholesky factor of a nodal matrix of order " + n + " (" + symbolic.cp[n]
                + " nonzeros)", factorBytes);
        Dcsn numeric = Dcs_chol.cs_chol(a, symbolic);
        if (numeric == null) {
            throw new XbarException("Cholesky factorization failed: the nodal matrix of order " + n
                    + " is not positive definite (a floating node or a negative resistance?)");
        }
        return new CholeskyFactorization(n, symbolic.pinv, numeric.L);
    }

    private static final class CholeskyFactorization implements Factorization {
        private final int n;
        private final int[] pinv;
        private final Dcs factor;
        private final double[] work;

        CholeskyFactorization(int n, int[] pinv, Dcs factor) {
            this.n = n;
            this.pinv = pinv;
            this.factor = factor;
            this.work = new double[n];
        }

        @Override
        public void solve(double[] rhs, double[] solution) {
            Dcs_ipvec.cs_ipvec(pinv, rhs, work, n);
            Dcs_lsolve.cs_lsolve(factor, work);
            Dcs_ltsolve.cs_ltsolve(factor, work);
            Dcs_pvec.cs_pvec(pinv, work, solution, n);
        }

        @Override
        public long factorNonZeros() {
            return factor.p[n];
        }
    }
}
