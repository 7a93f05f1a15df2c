package org.xbar.error;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * An iterative computation stopped without an answer it could vouch for: an iterative linear
 * solver whose true residual stayed above its tolerance (after its restarts and its direct
 * fallback), or Newton iteration that found no operating point. The message and the fields give
 * the iterations, the residual reached and the tolerance asked for where the method has them, and
 * the worst node with its last change where known.
 */
public class NoConvergenceException extends XbarException {
    private static final long serialVersionUID = 1L;

    private final int iterations;
    private final OptionalDouble residual;
    private final OptionalDouble tolerance;
    private final String worstNode;
    private final String source;
    private final OptionalDouble worstChange;

    /**
     * @param solver     name of the solver
     * @param iterations iterations done
     * @param residual   relative residual reached
     * @param tolerance  relative residual asked for
     * @param hint       what to try instead
     */
    public NoConvergenceException(String solver, int iterations, double residual, double tolerance, String hint) {
        this(solver + " did not converge: relative residual " + residual + " after " + iterations
                + " iterations, tolerance " + tolerance + "; " + hint, iterations, OptionalDouble.of(residual),
                OptionalDouble.of(tolerance), null, OptionalDouble.empty());
    }

    /**
     * A linear solver that failed with a known worst node: the one whose equation (Kirchhoff's
     * current law) is furthest from holding.
     *
     * @param solver          name of the solver
     * @param iterations      iterations done
     * @param residual        relative residual reached
     * @param tolerance       relative residual asked for
     * @param worstNode       the node with the largest residual current, by name
     * @param worstAmps       that residual current, ampere
     * @param lastChangeVolts how much the node's voltage changed in the last iteration, volt, where known
     * @param hint            what was tried and what to try instead
     */
    public NoConvergenceException(String solver, int iterations, double residual, double tolerance, String worstNode,
            double worstAmps, OptionalDouble lastChangeVolts, String hint) {
        this(String.format(Locale.ROOT, "%s did not converge: relative residual %.3e after %d iterations, tolerance %.1e;"
                + " Kirchhoff's current law is furthest from holding at node %s (%.3e A)%s; %s", solver, residual, iterations,
                tolerance, worstNode, worstAmps, lastChangeVolts.isPresent() ? String.format(Locale.ROOT,
                        ", whose voltage changed by %.3e V in the last iteration", lastChangeVolts.getAsDouble()) : "", hint),
                iterations, OptionalDouble.of(residual), OptionalDouble.of(tolerance), worstNode, lastChangeVolts);
    }

    private NoConvergenceException(String message, int iterations, OptionalDouble residual, OptionalDouble tolerance,
            String worstNode, OptionalDouble worstChange) {
        this(message, iterations, residual, tolerance, worstNode, worstChange, null);
    }

    private NoConvergenceException(String message, int iterations, OptionalDouble residual, OptionalDouble tolerance,
            String worstNode, OptionalDouble worstChange, String source) {
        super(message);
        this.source = source;
        this.iterations = iterations;
        this.residual = residual;
        this.tolerance = tolerance;
        this.worstNode = worstNode;
        this.worstChange = worstChange;
    }

    /**
     * Newton iteration (with its continuation methods) found no DC operating point.
     *
     * @param methods          the methods tried, in order ("Newton, then dynamic gmin stepping")
     * @param iterations       iterations of all methods together
     * @param worstNode        the node whose voltage changed most in the last iteration that gave a
     *                         new solution ("" when none did)
     * @param worstChangeVolts by how much, volt (NaN when its voltage stopped being a number)
     * @param singular         true when the last iteration stopped on a singular linearized matrix
     * @return the exception
     */
    public static NoConvergenceException newton(String methods, int iterations, String worstNode, double worstChangeVolts,
            boolean singular) {
        String moved = String.format(Locale.ROOT, "node %s changed by %.3e V", worstNode, worstChangeVolts);
        String where = singular ? "the last iteration's linearized circuit was singular (a node left floating by"
                + " transistors that are off?)" + (worstNode.isEmpty() ? "" : "; before it " + moved)
                : worstNode.isEmpty() ? "no iteration got as far as a new solution"
                : Double.isNaN(worstChangeVolts) ? "in the last iteration node " + worstNode + " stopped being a number"
                : "in the last iteration " + moved;
        return new NoConvergenceException(String.format(Locale.ROOT, "no DC operating point: %s did not converge after %d"
                + " iterations in all; %s", methods, iterations, where), iterations, OptionalDouble.empty(),
                OptionalDouble.empty(), worstNode.isEmpty() ? null : worstNode,
                worstNode.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(worstChangeVolts));
    }

    /**
     * Newton iteration found no DC operating point because a behavioral source's expression left
     * its domain (a logarithm or square root of a negative number, an overflow): its value or its
     * derivative at the last iterate was not a finite number.
     *
     * @param methods    the methods tried, in order
     * @param iterations iterations of all methods together
     * @param source     the behavioral source's name
     * @param value      its value there (NaN or infinite when the value itself is the culprit)
     * @return the exception; {@link #worstNode()} is empty
     */
    public static NoConvergenceException nonFiniteSource(String methods, int iterations, String source, double value) {
        return new NoConvergenceException(String.format(Locale.ROOT, "no DC operating point: %s did not converge after %d"
                + " iterations in all; in the last iteration the behavioral source %s evaluated to %s%s (an expression"
                + " outside its domain, such as log or sqrt of a negative number, or an overflow)", methods, iterations,
                source, value, Double.isFinite(value) ? " with a derivative that is not a finite number" : ""), iterations,
                OptionalDouble.empty(), OptionalDouble.empty(), null, OptionalDouble.empty(), source);
    }

    /** @return the behavioral source whose expression was not finite, when that stopped Newton iteration */
    public Optional<String> nonFiniteSource() {
        return Optional.ofNullable(source);
    }

    /** @return iterations done */
    public int iterations() {
        return iterations;
    }

    /**
     * @return the relative residual reached (NaN when the last iterate was not even finite); empty
     *         for Newton iteration, which solves no single linear system
     */
    public OptionalDouble residual() {
        return residual;
    }

    /** @return the relative residual asked for, empty for Newton iteration */
    public OptionalDouble tolerance() {
        return tolerance;
    }

    /** @return the node furthest from converging, by name, where known */
    public Optional<String> worstNode() {
        return Optional.ofNullable(worstNode);
    }

    /** @return how much the worst node's voltage changed in the last iteration, volt, where known */
    public OptionalDouble worstChange() {
        return worstChange;
    }
}
