package org.xbar.solve.sparse;

import edu.emory.mathcs.csparsej.tdouble.Dcs_common.Dcs;
import edu.emory.mathcs.csparsej.tdouble.Dcs_common.Dcsn;
import edu.emory.mathcs.csparsej.tdouble.Dcs_common.Dcss;
import edu.emory.mathcs.csparsej.tdouble.Dcs_ipvec;
import edu.emory.mathcs.csparsej.tdouble.Dcs_lsolve;
import edu.emory.mathcs.csparsej.tdouble.Dcs_lu;
import edu.emory.mathcs.csparsej.tdouble.Dcs_schol;
import edu.emory.mathcs.csparsej.tdouble.Dcs_sqr;
import edu.emory.mathcs.csparsej.tdouble.Dcs_usolve;
import java.util.function.IntFunction;
import org.xbar.error.XbarException;

/**
 * Sparse LU factorization {@code P A Q = L U} with partial pivoting and an approximate minimum
 * degree ordering of {@code A + A'}, from CSparseJ ({@code cs_sqr} with order 1, {@code cs_lu}
 * with pivot tolerance 1, then {@code cs_ipvec}, {@code cs_lsolve}, {@code cs_usolve},
 * {@code cs_ipvec}): the general-purpose approach of the exact solvers in other crossbar tools
 * (a sparse LU such as SciPy's SuperLU, factored once and reused for every input vector). It does
 * not use the symmetry of the nodal matrix; xbar's own direct solver does ({@link CholeskySolver}).
 * Kept as the second reference of {@code xbar bench}.
 */
public final class SparseLuSolver implements LinearSolver {
    /** Partial pivoting: the largest entry of each column is the pivot unless the diagonal is as large. */
    public static final double PARTIAL_PIVOTING = 1.0;

    private final double pivotTolerance;

    /** Partial pivoting ({@link #PARTIAL_PIVOTING}). */
    public SparseLuSolver() {
        this(PARTIAL_PIVOTING);
    }

    /**
     * @param pivotTolerance in (0, 1]: the diagonal entry is the pivot when it is at least this
     *                       fraction of the column's largest (smaller keeps more of the ordering's
     *                       sparsity, 1 is partial pivoting)
     */
    public SparseLuSolver(double pivotTolerance) {
        if (!(pivotTolerance > 0 && pivotTolerance <= 1)) {
            throw new org.xbar.error.InvalidParameterException("pivotTolerance", pivotTolerance, "must be in (0, 1]");
        }
        this.pivotTolerance = pivotTolerance;
    }

    @Override
    public String name() {
        return "lu-amd";
    }

    @Override
    public Factorization factor(SparseMatrix matrix, IntFunction<String> unknownName) {
        int n = matrix.order();
        Dcs a = matrix.toCsparse();
        Dcss symbolic = Dcs_sqr.cs_sqr(1, a, false);
        if (symbolic == null) {
            throw new XbarException("LU ordering failed on a matrix of order " + n);
        }
        Dcsn numeric = Dcs_lu.cs_lu(a, symbolic, pivotTolerance);
        if (numeric == null) {
            throw CholeskySolver.singular(matrix, a, Dcs_schol.cs_schol(1, a), unknownName, "LU");
        }
        return new LuFactorization(n, symbolic.q, numeric);
    }

    /** The ordering ({@code cs_sqr}) once; every refactor is one numeric {@code cs_lu} with this solver's pivot tolerance. */
    @Override
    public Symbolic analyze(SparseMatrix pattern) {
        int n = pattern.order();
        Dcss symbolic = n == 0 ? null : Dcs_sqr.cs_sqr(1, pattern.toCsparse(), false);
        if (n > 0 && symbolic == null) {
            throw new XbarException("LU ordering failed on a matrix of order " + n);
        }
        return matrix -> {
            if (matrix.order() != n) {
                throw new org.xbar.error.InvalidParameterException("matrix order", matrix.order(),
                        "must be " + n + ", the order of the analysed pattern");
            }
            if (n == 0) {
                return java.util.Optional.of(new LuFactorization(0, new int[0], null));
            }
            Dcsn numeric = Dcs_lu.cs_lu(matrix.toCsparse(), symbolic, pivotTolerance);
            return numeric == null ? java.util.Optional.empty()
                    : java.util.Optional.of(new LuFactorization(n, symbolic.q, numeric));
        };
    }

    private static final class LuFactorization implements Factorization {
        private final int n;
        private final int[] columnOrder;
        private final Dcsn numeric;
        private final double[] work;

        LuFactorization(int n, int[] columnOrder, Dcsn numeric) {
            this.n = n;
            this.columnOrder = columnOrder;
            this.numeric = numeric;
            this.work = new double[n];
        }

        @Override
        public void solve(double[] rhs, double[] solution) {
            if (n == 0) {
                return;
            }
            Dcs_ipvec.cs_ipvec(numeric.pinv, rhs, work, n);
            Dcs_lsolve.cs_lsolve(numeric.L, work);
            Dcs_usolve.cs_usolve(numeric.U, work);
            Dcs_ipvec.cs_ipvec(columnOrder, work, solution, n);
        }

        @Override
        public long factorNonZeros() {
            return n == 0 ? 0 : (long) numeric.L.p[n] + numeric.U.p[n];
        }
    }
}
