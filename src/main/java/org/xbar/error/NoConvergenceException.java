package org.xbar.error;

/**
 * An iterative solver stopped at its iteration cap before meeting its tolerance. The message gives
 * the iterations, the residual reached and the tolerance asked for.
 */
public class NoConvergenceException extends XbarException {
    private static final long serialVersionUID = 1L;

    private final int iterations;
    private final double residual;

    /**
     * @param solver     name of the solver
     * @param iterations iterations done
     * @param residual   relative residual reached
     * @param tolerance  relative residual asked for
     * @param hint       what to try instead
     */
    public NoConvergenceException(String solver, int iterations, double residual, double tolerance, String hint) {
        super(solver + " did not converge: relative residual " + residual + " after " + iterations
                + " iterations, tolerance " + tolerance + "; " + hint);
        this.iterations = iterations;
        this.residual = residual;
    }

    /** @return iterations done */
    public int iterations() {
        return iterations;
    }

    /** @return relative residual reached */
    public double residual() {
        return residual;
    }
}
