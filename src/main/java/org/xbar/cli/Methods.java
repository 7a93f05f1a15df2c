package org.xbar.cli;

import org.xbar.error.InvalidParameterException;
import org.xbar.model.NeuronOutputs;
import org.xbar.model.OutputModel;
import org.xbar.solve.OutputMethod;
import org.xbar.solve.SolverKind;
import org.xbar.spec.InverterSpec;

/**
 * Reads the {@code --method} and {@code --solver} flags with the library's factories
 * ({@link OutputMethod}, {@link SolverKind}), blaming the flag when a name is unknown.
 */
final class Methods {
    private Methods() {
    }

    /**
     * @param solver a solver's name
     * @return its kind
     * @throws UsageException naming {@code --solver} when unknown
     */
    static SolverKind solver(String solver) {
        try {
            return SolverKind.byName(solver);
        } catch (InvalidParameterException e) {
            throw new UsageException("--solver", e.getMessage());
        }
    }

    /**
     * @param method a method's name
     * @param solver a solver's name, for {@code nodal}
     * @return the output model
     * @throws UsageException naming the flag whose name is unknown
     */
    static OutputModel method(String method, String solver) {
        SolverKind kind = solver(solver);
        return outputMethod(method).create(kind);
    }

    /**
     * @param method a method's name
     * @return the method
     * @throws UsageException naming {@code --method} when unknown
     */
    static OutputMethod outputMethod(String method) {
        try {
            return OutputMethod.byName(method);
        } catch (InvalidParameterException e) {
            throw new UsageException("--method", e.getMessage());
        }
    }

    /**
     * @param model   a model of a crossbar's outputs
     * @param neurons inverter neurons on its columns, or null
     * @return the model followed by the neurons, or the model itself without neurons
     */
    static OutputModel withNeurons(OutputModel model, InverterSpec neurons) {
        return neurons == null ? model : new NeuronOutputs(model, neurons);
    }
}
