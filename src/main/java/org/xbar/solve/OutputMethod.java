package org.xbar.solve;

import org.xbar.error.Excerpt;
import org.xbar.error.InvalidParameterException;
import org.xbar.model.AnalyticalModel;
import org.xbar.model.IdealModel;
import org.xbar.model.OutputModel;
import org.xbar.spec.Keyed;

/** The ways to compute a crossbar's outputs, by the names the command line gives them: a factory of output models. */
public enum OutputMethod implements Keyed {
    /** Exact nodal analysis ({@link NodalEngine}). */
    NODAL("nodal"),
    /** Seed 004's analytical model ({@link AnalyticalModel}). */
    MODEL("model"),
    /** The ideal product {@code I = G V} ({@link IdealModel}). */
    IDEAL("ideal");

    private final String key;

    OutputMethod(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }

    /**
     * @param solver the crossbar solver behind {@link #NODAL}; the models ignore it
     * @return a new output model of this method
     */
    public OutputModel create(SolverKind solver) {
        return switch (this) {
            case NODAL -> new NodalEngine(solver.create());
            case MODEL -> new AnalyticalModel();
            case IDEAL -> new IdealModel();
        };
    }

    /**
     * @param name a method's name, in any case
     * @return the method
     * @throws InvalidParameterException with parameter {@code method} when no method has that name
     */
    public static OutputMethod byName(String name) {
        return Keyed.byKeyIgnoringCase(OutputMethod.class, name).orElseThrow(() -> InvalidParameterException.inconsistent("method",
                "\"" + Excerpt.of(name) + "\" is not one of " + Keyed.keys(OutputMethod.class)));
    }
}
