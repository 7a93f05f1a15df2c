package org.xbar.dense;

/**
 * The dense matrix products that network inference and training need, on row-major
 * {@code double[]} arrays (no copies: the arrays are the matrices). Every product overwrites
 * {@code c}. An implementation must give bit-identical results whatever its number of threads:
 * each element of {@code c} is accumulated in the same order however the work is split, which is
 * what makes seeded training reproducible on any machine.
 */
public interface DenseOps {

    /**
     * {@code c = a b}.
     *
     * @param a {@code m x k}
     * @param b {@code k x n}
     * @param c {@code m x n}, overwritten
     * @param m rows of {@code a} and {@code c}
     * @param k columns of {@code a}, rows of {@code b}
     * @param n columns of {@code b} and {@code c}
     */
    void multiply(double[] a, double[] b, double[] c, int m, int k, int n);

    /**
     * {@code c = a^T b}.
     *
     * @param a {@code k x m}
     * @param b {@code k x n}
     * @param c {@code m x n}, overwritten
     * @param m columns of {@code a}, rows of {@code c}
     * @param k rows of {@code a} and {@code b}
     * @param n columns of {@code b} and {@code c}
     */
    void multiplyTransposeA(double[] a, double[] b, double[] c, int m, int k, int n);

    /**
     * {@code c = a b^T}.
     *
     * @param a {@code m x k}
     * @param b {@code n x k}
     * @param c {@code m x n}, overwritten
     * @param m rows of {@code a} and {@code c}
     * @param k columns of {@code a} and {@code b}
     * @param n rows of {@code b}, columns of {@code c}
     */
    void multiplyTransposeB(double[] a, double[] b, double[] c, int m, int k, int n);

    /**
     * @param threads threads for large products, {@code >= 1}
     * @return EJML's products, concurrent above EJML's size threshold
     */
    static DenseOps ejml(int threads) {
        return new EjmlDenseOps(threads);
    }
}
