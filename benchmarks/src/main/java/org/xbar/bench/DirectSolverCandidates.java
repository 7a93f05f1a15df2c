package org.xbar.bench;

import edu.emory.mathcs.csparsej.tdouble.Dcs_amd;
import edu.emory.mathcs.csparsej.tdouble.Dcs_chol;
import edu.emory.mathcs.csparsej.tdouble.Dcs_common.Dcs;
import edu.emory.mathcs.csparsej.tdouble.Dcs_common.Dcsn;
import edu.emory.mathcs.csparsej.tdouble.Dcs_common.Dcss;
import edu.emory.mathcs.csparsej.tdouble.Dcs_ipvec;
import edu.emory.mathcs.csparsej.tdouble.Dcs_lsolve;
import edu.emory.mathcs.csparsej.tdouble.Dcs_ltsolve;
import edu.emory.mathcs.csparsej.tdouble.Dcs_lu;
import edu.emory.mathcs.csparsej.tdouble.Dcs_pinv;
import edu.emory.mathcs.csparsej.tdouble.Dcs_pvec;
import edu.emory.mathcs.csparsej.tdouble.Dcs_schol;
import edu.emory.mathcs.csparsej.tdouble.Dcs_sqr;
import edu.emory.mathcs.csparsej.tdouble.Dcs_usolve;
import edu.ufl.cise.klu.common.KLU_common;
import edu.ufl.cise.klu.common.KLU_numeric;
import edu.ufl.cise.klu.common.KLU_symbolic;
import edu.ufl.cise.klu.tdouble.Dklu_analyze;
import edu.ufl.cise.klu.tdouble.Dklu_analyze_given;
import edu.ufl.cise.klu.tdouble.Dklu_defaults;
import edu.ufl.cise.klu.tdouble.Dklu_factor;
import edu.ufl.cise.klu.tdouble.Dklu_solve;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.data.IGrowArray;
import org.ejml.interfaces.linsol.LinearSolverSparse;
import org.ejml.sparse.FillReducing;
import org.ejml.sparse.csc.CommonOps_DSCC;
import org.ejml.sparse.csc.decomposition.chol.CholeskyUpLooking_DSCC;
import org.ejml.sparse.csc.factory.LinearSolverFactory_DSCC;
import org.ejml.sparse.csc.misc.TriangularSolver_DSCC;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmark choosing the sparse direct solver of the nodal-analysis engine: symbolic analysis
 * (ordering), numeric factorization and one forward/back solve of the SPD crossbar conductance
 * matrix built by {@link CrossbarMatrices}, for CSparseJ (Cholesky and LU), JKLU and EJML sparse
 * Cholesky (with the CSparseJ AMD permutation).
 *
 * <p>Every trial's {@link #setUp()} solves the system once with the candidate and fails the trial
 * unless {@code ||Ax-b||/||b|| < 1e-12} and the solution matches the CSparseJ Cholesky solution
 * to {@code 1e-9} relative. {@link #main(String[])} runs the same check for all candidates, prints
 * single-shot timings and factor sizes, and explores EJML's own {@code FillReducing} options.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx8g"})
@State(Scope.Benchmark)
public class DirectSolverCandidates {

    /**
     * Largest allowed relative residual {@code ||Ax-b||/||b||}: 1e-12, or the system property
     * {@code xbar.residualTol}. At n = 512 every candidate gives about 1.4e-12 with a backward error
     * of about 1e-16 (the limit of double precision for this scaling), so that size needs 1e-11.
     */
    public static final double RESIDUAL_TOL = Double.parseDouble(System.getProperty("xbar.residualTol", "1e-12"));
    /** Largest allowed relative difference to the reference (CSparseJ Cholesky) solution. */
    public static final double AGREEMENT_TOL = 1e-9;

    /** Crossbar size; the system has {@code 2*n*n} unknowns. */
    @Param({"32", "64", "128", "256"})
    public int n;

    /** Candidate solver, a {@link Candidate} name. */
    @Param({"CSPARSE_CHOL", "CSPARSE_LU", "KLU", "KLU_CSAMD", "EJML_CHOL_AMD"})
    public String candidate;

    private Engine engine;
    private double[] b;
    private double[] x;

    /** Builds the matrix, analyses, factors and checks one solve (not timed). */
    @Setup(Level.Trial)
    public void setUp() {
        CrossbarMatrices m = CrossbarMatrices.crossbar(n);
        engine = Candidate.valueOf(candidate).create(m);
        b = m.rhs.clone();
        x = new double[m.size];
        engine.analyze();
        engine.factor();
        engine.solve(b, x);
        double res = m.relativeResidual(x);
        double[] ref = reference(m);
        double diff = CrossbarMatrices.relativeDifference(x, ref);
        System.out.printf(Locale.ROOT,
                "%n[check] n=%d %s factorNnz=%d residual=%.3e backwardErr=%.3e diffToRef=%.3e (tol %.0e)%n",
                n, candidate, engine.factorNnz(), res, m.backwardError(x), diff, RESIDUAL_TOL);
        check(candidate, n, res, diff);
    }

    /** @return the symbolic analysis (fill-reducing ordering and symbolic factorization) */
    @Benchmark
    public Object analyze() {
        return engine.analyze();
    }

    /** @return the numeric factorization, reusing the symbolic analysis from set-up */
    @Benchmark
    public Object factor() {
        return engine.factor();
    }

    /** @return the solution of one forward/back substitution, reusing the set-up factorization */
    @Benchmark
    public double[] solve() {
        return engine.solve(b, x);
    }

    private static void check(String name, int n, double res, double diff) {
        if (!(res < RESIDUAL_TOL)) {
            throw new IllegalStateException(name + " n=" + n + ": relative residual " + res);
        }
        if (!(diff < AGREEMENT_TOL)) {
            throw new IllegalStateException(name + " n=" + n + ": differs from reference by " + diff);
        }
    }

    /** Reference solution with CSparseJ sparse Cholesky, AMD ordering. */
    static double[] reference(CrossbarMatrices m) {
        Engine ref = Candidate.CSPARSE_CHOL.create(m);
        ref.analyze();
        ref.factor();
        return ref.solve(m.rhs.clone(), new double[m.size]);
    }

    /** The solver candidates. */
    public enum Candidate {
        /** CSparseJ: cs_schol(1, A) (AMD on A+A'), cs_chol, cs_ipvec/cs_lsolve/cs_ltsolve/cs_pvec. */
        CSPARSE_CHOL {
            @Override
            Engine create(CrossbarMatrices m) {
                return new CsparseChol(m);
            }
        },
        /** CSparseJ: cs_sqr(1, A, false) (AMD on A+A'), cs_lu(A, S, 1e-3), cs_ipvec/lsolve/usolve/ipvec. */
        CSPARSE_LU {
            @Override
            Engine create(CrossbarMatrices m) {
                return new CsparseLu(m);
            }
        },
        /** JKLU: klu_analyze (AMD, BTF), klu_factor, klu_solve; default KLU_common. */
        KLU {
            @Override
            Engine create(CrossbarMatrices m) {
                return new Klu(m, false);
            }
        },
        /**
         * JKLU with the CSparseJ cs_amd(1, A) permutation given as P = Q to klu_analyze_given
         * (JKLU's own AMD, AMDJ, is far slower than cs_amd), then klu_factor, klu_solve.
         */
        KLU_CSAMD {
            @Override
            Engine create(CrossbarMatrices m) {
                return new Klu(m, true);
            }
        },
        /** EJML CholeskyUpLooking_DSCC on the matrix permuted with CSparseJ cs_amd(1, A). */
        EJML_CHOL_AMD {
            @Override
            Engine create(CrossbarMatrices m) {
                return new EjmlChol(m);
            }
        };

        abstract Engine create(CrossbarMatrices m);
    }

    /** One library's analyse / factor / solve steps on one matrix. */
    abstract static class Engine {
        /** Symbolic analysis including the fill-reducing ordering; stores and returns it. */
        abstract Object analyze();

        /** Numeric factorization using the stored analysis; stores and returns it. */
        abstract Object factor();

        /** Solves {@code A x = b} with the stored factorization; {@code b} is not modified. */
        abstract double[] solve(double[] b, double[] x);

        /** Stored entries of the factor(s) (L for Cholesky, L+U for LU), diagonal included. */
        abstract long factorNnz();
    }

    static Dcs toCsparse(CrossbarMatrices m) {
        Dcs a = new Dcs();
        a.m = m.size;
        a.n = m.size;
        a.nzmax = m.nnz();
        a.nz = -1; // compressed-column form
        a.p = m.colPtr.clone();
        a.i = m.rowIdx.clone();
        a.x = m.values.clone();
        return a;
    }

    static final class CsparseChol extends Engine {
        private final Dcs a;
        private final int size;
        private final double[] work;
        private Dcss s;
        private Dcsn num;

        CsparseChol(CrossbarMatrices m) {
            a = toCsparse(m);
            size = m.size;
            work = new double[size];
        }

        @Override
        Object analyze() {
            s = Dcs_schol.cs_schol(1, a);
            if (s == null) {
                throw new IllegalStateException("cs_schol failed");
            }
            return s;
        }

        @Override
        Object factor() {
            num = Dcs_chol.cs_chol(a, s);
            if (num == null) {
                throw new IllegalStateException("cs_chol failed (not SPD?)");
            }
            return num;
        }

        @Override
        double[] solve(double[] b, double[] x) {
            Dcs_ipvec.cs_ipvec(s.pinv, b, work, size);
            Dcs_lsolve.cs_lsolve(num.L, work);
            Dcs_ltsolve.cs_ltsolve(num.L, work);
            Dcs_pvec.cs_pvec(s.pinv, work, x, size);
            return x;
        }

        @Override
        long factorNnz() {
            return num.L.p[size];
        }
    }

    static final class CsparseLu extends Engine {
        /** Diagonal-preference pivot threshold (CSparse's choice for symmetric patterns). */
        static final double TOL = 1e-3;
        private final Dcs a;
        private final int size;
        private final double[] work;
        private Dcss s;
        private Dcsn num;

        CsparseLu(CrossbarMatrices m) {
            a = toCsparse(m);
            size = m.size;
            work = new double[size];
        }

        @Override
        Object analyze() {
            s = Dcs_sqr.cs_sqr(1, a, false);
            if (s == null) {
                throw new IllegalStateException("cs_sqr failed");
            }
            return s;
        }

        @Override
        Object factor() {
            num = Dcs_lu.cs_lu(a, s, TOL);
            if (num == null) {
                throw new IllegalStateException("cs_lu failed (singular?)");
            }
            return num;
        }

        @Override
        double[] solve(double[] b, double[] x) {
            Dcs_ipvec.cs_ipvec(num.pinv, b, work, size);
            Dcs_lsolve.cs_lsolve(num.L, work);
            Dcs_usolve.cs_usolve(num.U, work);
            Dcs_ipvec.cs_ipvec(s.q, work, x, size);
            return x;
        }

        @Override
        long factorNnz() {
            return (long) num.L.p[size] + num.U.p[size];
        }
    }

    static final class Klu extends Engine {
        private final int[] ap;
        private final int[] ai;
        private final double[] ax;
        private final int size;
        private final KLU_common common = new KLU_common();
        private final Dcs csA;
        private KLU_symbolic symbolic;
        private KLU_numeric numeric;

        Klu(CrossbarMatrices m, boolean csparseAmd) {
            csA = csparseAmd ? toCsparse(m) : null;
            ap = m.colPtr.clone();
            ai = m.rowIdx.clone();
            ax = m.values.clone();
            size = m.size;
            Dklu_defaults.klu_defaults(common); // ordering 0 = AMD, btf 1, scale 2, tol 1e-3
        }

        @Override
        Object analyze() {
            if (csA == null) {
                symbolic = Dklu_analyze.klu_analyze(size, ap, ai, common);
            } else {
                int[] p = Dcs_amd.cs_amd(1, csA);
                symbolic = Dklu_analyze_given.klu_analyze_given(size, ap, ai, p, p, common);
            }
            if (symbolic == null) {
                throw new IllegalStateException("klu_analyze failed, status " + common.status);
            }
            return symbolic;
        }

        @Override
        Object factor() {
            numeric = Dklu_factor.klu_factor(ap, ai, ax, symbolic, common);
            if (numeric == null) {
                throw new IllegalStateException("klu_factor failed, status " + common.status);
            }
            return numeric;
        }

        @Override
        double[] solve(double[] b, double[] x) {
            System.arraycopy(b, 0, x, 0, size);
            if (Dklu_solve.klu_solve(symbolic, numeric, size, 1, x, 0, common) != 1) {
                throw new IllegalStateException("klu_solve failed, status " + common.status);
            }
            return x;
        }

        @Override
        long factorNnz() {
            return (long) numeric.lnz + numeric.unz + numeric.nzoff;
        }
    }

    static final class EjmlChol extends Engine {
        private final Dcs csA;
        private final DMatrixSparseCSC a;
        private final DMatrixSparseCSC aperm;
        private final IGrowArray gw = new IGrowArray();
        private final CholeskyUpLooking_DSCC chol = new CholeskyUpLooking_DSCC();
        private final double[] work;
        private final int size;
        private int[] pinv;

        EjmlChol(CrossbarMatrices m) {
            csA = toCsparse(m);
            a = toEjml(m);
            size = m.size;
            aperm = new DMatrixSparseCSC(size, size, m.nnz());
            work = new double[size];
        }

        @Override
        Object analyze() {
            int[] p = Dcs_amd.cs_amd(1, csA);
            pinv = Dcs_pinv.cs_pinv(p, size);
            CommonOps_DSCC.permuteSymmetric(a, pinv, aperm, gw); // upper triangle of P A P'
            chol.setStructureLocked(false);
            chol.performSymbolic(aperm);
            chol.setStructureLocked(true);
            return pinv;
        }

        @Override
        Object factor() {
            CommonOps_DSCC.permuteSymmetric(a, pinv, aperm, gw);
            if (!chol.decompose(aperm)) {
                throw new IllegalStateException("EJML Cholesky failed (not SPD?)");
            }
            return chol.getL();
        }

        @Override
        double[] solve(double[] b, double[] x) {
            CommonOps_DSCC.permuteInv(pinv, b, work, size); // work[pinv[k]] = b[k]
            DMatrixSparseCSC l = chol.getL();
            TriangularSolver_DSCC.solveL(l, work);
            TriangularSolver_DSCC.solveTranL(l, work);
            CommonOps_DSCC.permute(pinv, work, x, size); // x[k] = work[pinv[k]]
            return x;
        }

        @Override
        long factorNnz() {
            return chol.getL().nz_length;
        }
    }

    static DMatrixSparseCSC toEjml(CrossbarMatrices m) {
        DMatrixSparseCSC a = new DMatrixSparseCSC(m.size, m.size, m.nnz());
        System.arraycopy(m.colPtr, 0, a.col_idx, 0, m.size + 1);
        System.arraycopy(m.rowIdx, 0, a.nz_rows, 0, m.nnz());
        System.arraycopy(m.values, 0, a.nz_values, 0, m.nnz());
        a.nz_length = m.nnz();
        a.indicesSorted = true;
        return a;
    }

    /**
     * Correctness check and single-shot preview without JMH: for each size and candidate prints
     * analyse/factor/solve times (one call each, cold JIT), factor nnz, relative residual, normwise
     * backward error {@code ||Ax-b|| / (||A||_1 ||x|| + ||b||)} and difference to the reference; then
     * EJML's own {@code FillReducing} options at n = 32. Exits non-zero on failure.
     *
     * @param args crossbar sizes (default 32 64 128 256) and optionally candidate names (default all)
     */
    public static void main(String[] args) {
        List<Integer> sizes = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>();
        for (String s : args) {
            if (Character.isDigit(s.charAt(0))) {
                sizes.add(Integer.parseInt(s));
            } else {
                candidates.add(Candidate.valueOf(s));
            }
        }
        if (sizes.isEmpty()) {
            sizes.addAll(List.of(32, 64, 128, 256));
        }
        if (candidates.isEmpty()) {
            candidates.addAll(List.of(Candidate.values()));
        }
        boolean ok = true;
        System.out.println("n,candidate,unknowns,nnzA,analyze_ms,factor_ms,solve_ms,factor_nnz,residual,backward_err,diff_to_ref");
        for (int size : sizes) {
            CrossbarMatrices m = CrossbarMatrices.crossbar(size);
            double[] ref = reference(m);
            for (Candidate c : candidates) {
                Engine e = c.create(m);
                double[] x = new double[m.size];
                long t0 = System.nanoTime();
                e.analyze();
                long t1 = System.nanoTime();
                e.factor();
                long t2 = System.nanoTime();
                e.solve(m.rhs, x);
                long t3 = System.nanoTime();
                double res = m.relativeResidual(x);
                double diff = CrossbarMatrices.relativeDifference(x, ref);
                boolean pass = res < RESIDUAL_TOL && diff < AGREEMENT_TOL;
                ok &= pass;
                System.out.printf(Locale.ROOT, "%d,%s,%d,%d,%.2f,%.2f,%.3f,%d,%.3e,%.3e,%.3e%s%n", size, c,
                        m.size, m.nnz(), (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6,
                        e.factorNnz(), res, m.backwardError(x), diff, pass ? "" : ",FAIL");
                e = null;
            }
        }
        // EJML's own fill-reducing options (no AMD in EJML 0.44: NONE, IDENTITY, RANDOM).
        CrossbarMatrices m = CrossbarMatrices.crossbar(32);
        DMatrixSparseCSC a = toEjml(m);
        for (FillReducing fr : FillReducing.values()) {
            LinearSolverSparse<DMatrixSparseCSC, DMatrixRMaj> solver = LinearSolverFactory_DSCC.cholesky(fr);
            long t0 = System.nanoTime();
            boolean done = solver.setA(a);
            long t1 = System.nanoTime();
            DMatrixRMaj bb = new DMatrixRMaj(m.size, 1);
            System.arraycopy(m.rhs, 0, bb.data, 0, m.size);
            DMatrixRMaj xx = new DMatrixRMaj(m.size, 1);
            solver.solve(bb, xx);
            CholeskyUpLooking_DSCC d = solver.getDecomposition();
            System.out.printf(Locale.ROOT, "# EJML LinearSolverFactory_DSCC.cholesky(%s) n=32: ok=%b setA_ms=%.1f nnzL=%d residual=%.3e%n",
                    fr, done, (t1 - t0) / 1e6, d.getL().nz_length, m.relativeResidual(xx.data));
        }
        if (!ok) {
            System.out.println("CHECK FAILED");
            System.exit(1);
        }
        System.out.println("CHECK PASSED");
    }
}
