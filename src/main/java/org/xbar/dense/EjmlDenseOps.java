package org.xbar.dense;

import org.ejml.concurrency.EjmlConcurrency;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.xbar.spec.Checks;

/**
 * {@link DenseOps} with EJML ({@code ejml-ddense}): the arrays are wrapped, never copied. With more
 * than one thread the concurrent products of {@code CommonOps_MT_DDRM} are used; they split the
 * rows of the result among threads and accumulate every element in the same order as the
 * single-threaded product, so the numbers do not depend on the thread count (a test pins it).
 * Products below about four million multiply-adds (a training step's) stay on one thread.
 *
 * <p>EJML keeps its thread pool in global state; the thread count is set on it before each
 * concurrent product.
 */
final class EjmlDenseOps implements DenseOps {
    private final int threads;

    EjmlDenseOps(int threads) {
        this.threads = Checks.inRange("threads", threads, 1, 1024);
    }

    private static DMatrixRMaj wrap(double[] data, int rows, int cols) {
        if (data.length < (long) rows * cols) {
            throw new IllegalArgumentException("a " + rows + "x" + cols + " matrix needs " + (long) rows * cols
                    + " values, the array has " + data.length);
        }
        return DMatrixRMaj.wrap(rows, cols, data);
    }

    /** Products of fewer multiply-adds than this run on one thread: splitting them costs more than it saves. */
    private static final long CONCURRENT_WORK = 1L << 22;

    private boolean concurrent(long work) {
        if (threads == 1 || work < CONCURRENT_WORK) {
            return false;
        }
        if (EjmlConcurrency.getMaxThreads() != threads) {
            EjmlConcurrency.setMaxThreads(threads);
        }
        return true;
    }

    @Override
    public void multiply(double[] a, double[] b, double[] c, int m, int k, int n) {
        DMatrixRMaj ma = wrap(a, m, k);
        DMatrixRMaj mb = wrap(b, k, n);
        DMatrixRMaj mc = wrap(c, m, n);
        if (concurrent((long) m * k * n)) {
            CommonOps_MT_DDRM.mult(ma, mb, mc);
        } else {
            CommonOps_DDRM.mult(ma, mb, mc);
        }
    }

    @Override
    public void multiplyTransposeA(double[] a, double[] b, double[] c, int m, int k, int n) {
        DMatrixRMaj ma = wrap(a, k, m);
        DMatrixRMaj mb = wrap(b, k, n);
        DMatrixRMaj mc = wrap(c, m, n);
        if (concurrent((long) m * k * n)) {
            CommonOps_MT_DDRM.multTransA(ma, mb, mc);
        } else {
            CommonOps_DDRM.multTransA(ma, mb, mc);
        }
    }

    @Override
    public void multiplyTransposeB(double[] a, double[] b, double[] c, int m, int k, int n) {
        DMatrixRMaj ma = wrap(a, m, k);
        DMatrixRMaj mb = wrap(b, n, k);
        DMatrixRMaj mc = wrap(c, m, n);
        if (concurrent((long) m * k * n)) {
            CommonOps_MT_DDRM.multTransB(ma, mb, mc);
        } else {
            CommonOps_DDRM.multTransB(ma, mb, mc);
        }
    }
}
