package org.xbar.cli;

import java.util.Locale;
import org.xbar.model.AnalyticalModel;
import org.xbar.model.IdealModel;
import org.xbar.model.OutputModel;
import org.xbar.solve.CrossbarSolver;
import org.xbar.solve.DirectCrossbarSolver;
import org.xbar.solve.LineRelaxationSolver;
import org.xbar.solve.NodalEngine;

/** Turns the {@code --method} and {@code --solver} flags into output models. */
final class Methods {
    private Methods() {
    }

    /**
     * @param solver {@code iterative} or {@code direct}
     * @return the crossbar solver
     */
    static CrossbarSolver solver(String solver) {
        return switch (solver.toLowerCase(Locale.ROOT)) {
            case "iterative" -> new LineRelaxationSolver();
            case "direct" -> new DirectCrossbarSolver();
            default -> throw new UsageException("--solver", "\"" + solver + "\" is not one of iterative, direct");
        };
    }

    /**
     * @param method {@code nodal}, {@code model} or {@code ideal}
     * @param solver the solver for {@code nodal}
     * @return the output model
     */
    static OutputModel method(String method, String solver) {
        return switch (method.toLowerCase(Locale.ROOT)) {
            case "nodal" -> nodal(solver(solver));
            case "model" -> new AnalyticalModel();
            case "ideal" -> new IdealModel();
            default -> throw new UsageException("--method", "\"" + method + "\" is not one of nodal, model, ideal");
        };
    }

    /**
     * @param model   a model of a crossbar's outputs
     * @param neurons inverter neurons on its columns, or null
     * @return the model followed by the neurons, or the model itself without neurons
     */
    static OutputModel withNeurons(OutputModel model, org.xbar.spec.InverterSpec neurons) {
        return neurons == null ? model : new org.xbar.model.NeuronOutputs(model, neurons);
    }

    /**
     * @param solver a crossbar solver
     * @return the exact nodal engine as an output model named "nodal"
     */
    static OutputModel nodal(CrossbarSolver solver) {
        return OutputModel.of("nodal", new NodalEngine(solver)::evaluate);
    }
}
