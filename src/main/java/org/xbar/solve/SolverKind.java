package org.xbar.solve;

import org.xbar.error.Excerpt;
import org.xbar.error.InvalidParameterException;
import org.xbar.spec.Keyed;

/** The crossbar solvers by the names the command line and configurations give them. */
public enum SolverKind implements Keyed {
    /** The structured line-relaxation solver with its defaults ({@link LineRelaxationSolver}). */
    ITERATIVE("iterative"),
    /** The sparse Cholesky factorization of the whole nodal system ({@link DirectCrossbarSolver}). */
    DIRECT("direct");

    private final String key;

    SolverKind(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }

    /** @return a new solver of this kind with its default settings */
    public CrossbarSolver create() {
        return switch (this) {
            case ITERATIVE -> new LineRelaxationSolver();
            case DIRECT -> new DirectCrossbarSolver();
        };
    }

    /**
     * @param name a solver's name, in any case
     * @return the kind
     * @throws InvalidParameterException with parameter {@code solver} when no kind has that name
     */
    public static SolverKind byName(String name) {
        return Keyed.byKeyIgnoringCase(SolverKind.class, name).orElseThrow(() -> InvalidParameterException.inconsistent("solver",
                "\"" + Excerpt.of(name) + "\" is not one of " + Keyed.keys(SolverKind.class)));
    }
}
