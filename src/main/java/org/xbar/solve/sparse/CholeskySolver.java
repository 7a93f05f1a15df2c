package org.xbar.solve.sparse;

import edu.emory.mathcs.csparsej.tdouble.Dcs_chol;
import edu.emory.mathcs.csparsej.tdouble.Dcs_common.Dcs;
import edu.emory.mathcs.csparsej.tdouble.Dcs_common.Dcsn;
import edu.emory.mathcs.csparsej.tdouble.Dcs_common.Dcss;
import edu.emory.mathcs.csparsej.tdouble.Dcs_ereach;
import edu.emory.mathcs.csparsej.tdouble.Dcs_ipvec;
import edu.emory.mathcs.csparsej.tdouble.Dcs_lsolve;
import edu.emory.mathcs.csparsej.tdouble.Dcs_ltsolve;
import edu.emory.mathcs.csparsej.tdouble.Dcs_pvec;
import edu.emory.mathcs.csparsej.tdouble.Dcs_schol;
import edu.emory.mathcs.csparsej.tdouble.Dcs_symperm;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntFunction;
import org.xbar.error.SingularCircuitException;
import org.xbar.error.XbarException;

/**
 * Sparse Cholesky factorization {@code P A P' = L L'} with an approximate minimum degree
 * ordering, from CSparseJ (the Java port of Tim Davis's CSparse: {@code cs_schol} with order 1,
 * {@code cs_chol}, then {@code cs_ipvec}, {@code cs_lsolve}, {@code cs_ltsolve}, {@code cs_pvec}).
 * The nodal matrix of a resistive circuit with its voltage sources eliminated is symmetric
 * positive definite, so this is the reference direct solver for crossbars.
 *
 * <p>When a pivot is not positive (a matrix that is singular, or positive definite only in exact
 * arithmetic: conductances spanning more than double precision holds), the factorization is
 * replayed with the same up-looking algorithm ({@code cs_chol}; Davis, <i>Direct Methods for
 * Sparse Linear Systems</i>, SIAM 2006, section 4.2) to find the row where it broke down, and a
 * {@link SingularCircuitException} names that unknown and its most strongly coupled neighbour.
 */
public final class CholeskySolver implements LinearSolver {

    @Override
    public String name() {
        return "cholesky-amd";
    }

    @Override
    public Factorization factor(SparseMatrix matrix, IntFunction<String> unknownName) {
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
        if (numeric == null || !finiteDiagonal(numeric.L, n)) {
            throw singular(matrix, a, symbolic, unknownName, "Cholesky");
        }
        return new CholeskyFactorization(n, symbolic.pinv, numeric.L);
    }

    private static boolean finiteDiagonal(Dcs factor, int n) {
        for (int k = 0; k < n; k++) {
            double d = factor.x[factor.p[k]];
            if (!(d > 0) || Double.isInfinite(d)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The error for a matrix whose factorization broke down: the unknown at the first pivot that
     * is not positive and finite (found by {@link #failingPivot}), with its strongest neighbour.
     *
     * @param matrix      the matrix
     * @param a           the matrix in CSparse form
     * @param symbolic    its symbolic Cholesky analysis
     * @param unknownName names of the unknowns
     * @param method      the factorization that failed, for the message
     * @return the exception to throw
     */
    static SingularCircuitException singular(SparseMatrix matrix, Dcs a, Dcss symbolic, IntFunction<String> unknownName,
            String method) {
        int n = matrix.order();
        Optional<Breakdown> failure = failingPivot(a, symbolic);
        int unknown = 0;
        if (failure.isEmpty()) {
            // the Cholesky replay went through (the LU failed instead): blame the smallest diagonal
            for (int u = 1; u < n; u++) {
                if (Math.abs(matrix.get(u, u)) < Math.abs(matrix.get(unknown, unknown))) {
                    unknown = u;
                }
            }
        } else {
            int[] pinv = symbolic.pinv;
            while (pinv != null && pinv[unknown] != failure.get().row()) {
                unknown++;
            }
            unknown = pinv == null ? failure.get().row() : unknown;
        }
        int neighbour = strongestNeighbour(matrix, unknown);
        List<String> nodes = new ArrayList<>();
        nodes.add(unknownName.apply(unknown));
        String coupled = "";
        if (neighbour >= 0) {
            nodes.add(unknownName.apply(neighbour));
            coupled = String.format(Locale.ROOT, ", coupled most strongly to node %s (%.3e S)", unknownName.apply(neighbour),
                    -matrix.get(unknown, neighbour));
        }
        String reason = failure.isEmpty()
                ? String.format(Locale.ROOT, "the %s factorization of the nodal matrix (order %d) found a zero pivot;"
                        + " node %s has the smallest diagonal, %.3e S%s", method, n, nodes.get(0), matrix.get(unknown, unknown),
                        coupled)
                : String.format(Locale.ROOT, "the %s factorization of the nodal matrix (order %d) broke down at node %s: its"
                        + " pivot is %.3e S after elimination, from a diagonal of %.3e S%s; the matrix is singular, or"
                        + " positive definite only in exact arithmetic (conductances spanning more than double precision"
                        + " holds)", method, n, nodes.get(0), failure.get().pivot(), matrix.get(unknown, unknown), coupled);
        return new SingularCircuitException(nodes, reason);
    }

    /** @return the unknown most strongly coupled to {@code unknown} (largest off-diagonal), or -1 */
    private static int strongestNeighbour(SparseMatrix matrix, int unknown) {
        int[] start = matrix.columnStart();
        int[] row = matrix.rowIndex();
        double[] value = matrix.values();
        int best = -1;
        double largest = 0;
        for (int p = start[unknown]; p < start[unknown + 1]; p++) {
            if (row[p] != unknown && Math.abs(value[p]) > largest) {
                largest = Math.abs(value[p]);
                best = row[p];
            }
        }
        return best;
    }

    /**
     * Where a Cholesky factorization broke down.
     *
     * @param row   the row of {@code P A P'} whose pivot failed
     * @param pivot that pivot before its square root, siemens
     */
    private record Breakdown(int row, double pivot) {
    }

    /**
     * Replays the up-looking Cholesky factorization of {@code P A P'} ({@code cs_chol}) and stops at
     * the first pivot that is not positive and finite.
     *
     * @param a        the matrix
     * @param symbolic its symbolic analysis (ordering, elimination tree, column counts)
     * @return the breakdown; empty when every pivot is positive and finite
     */
    private static Optional<Breakdown> failingPivot(Dcs a, Dcss symbolic) {
        int n = a.n;
        Dcs c = symbolic.pinv == null ? a : Dcs_symperm.cs_symperm(a, symbolic.pinv, true);
        int[] cp = symbolic.cp;
        int[] parent = symbolic.parent;
        int[] lp = new int[n + 1];
        int[] li = new int[cp[n]];
        double[] lx = new double[cp[n]];
        int[] work = new int[2 * n];
        double[] x = new double[n];
        for (int k = 0; k < n; k++) {
            lp[k] = cp[k];
            work[k] = cp[k];
        }
        for (int k = 0; k < n; k++) {
            int top = Dcs_ereach.cs_ereach(c, k, parent, work, n, work);
            x[k] = 0;
            for (int p = c.p[k]; p < c.p[k + 1]; p++) {
                if (c.i[p] <= k) {
                    x[c.i[p]] = c.x[p];
                }
            }
            double d = x[k];
            x[k] = 0;
            for (; top < n; top++) {
                int i = work[n + top];
                double lki = x[i] / lx[lp[i]];
                x[i] = 0;
                for (int p = lp[i] + 1; p < work[i]; p++) {
                    x[li[p]] -= lx[p] * lki;
                }
                d -= lki * lki;
                int p = work[i]++;
                li[p] = k;
                lx[p] = lki;
            }
            if (!(d > 0) || Double.isInfinite(d)) {
                return Optional.of(new Breakdown(k, d));
            }
            int p = work[k]++;
            li[p] = k;
            lx[p] = Math.sqrt(d);
        }
        return Optional.empty();
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
