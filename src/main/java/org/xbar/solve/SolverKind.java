package org.xbar.solve;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.xbar.error.Excerpt;
import org.xbar.error.InvalidParameterException;

/** The crossbar solvers by the names the command line and configurations give them. */
public enum SolverKind {
    /** The structured line-relaxation solver with its defaults ({@link LineRelaxationSolver}). */
    ITERATIVE("iterative"),
    /** The sparse Cholesky factorization of the whole nodal system ({@link DirectCrossbarSolver}). */
    DIRECT("direct");

    private final String key;

    SolverKind(String key) {
        this.key = key;
    }

    /** @return the name users write */
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
        for (SolverKind k : values()) {
            if (k.key.equalsIgnoreCase(name)) {
                return k;
            }
        }
        throw InvalidParameterException.inconsistent("solver", "\"" + Excerpt.of(name) + "\" is not one of " + keys());
    }

    /** @return every name, comma-separated */
    public static String keys() {
        return Arrays.stream(values()).map(SolverKind::key).collect(Collectors.joining(", "));
    }
}
