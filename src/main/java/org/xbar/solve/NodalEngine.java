package org.xbar.solve;

import org.xbar.circuit.CrossbarCircuit;
import org.xbar.model.OutputModel;
import org.xbar.results.CrossbarSolution;
import org.xbar.results.OutputBatch;
import org.xbar.spec.CrossbarSpec;
import org.xbar.spec.InputBatch;

/**
 * The exact nodal engine as an {@link OutputModel}: lowers a {@link CrossbarSpec} to its circuit,
 * prepares a {@link CrossbarSolver} once and solves a whole batch of input vectors against it.
 * By default it uses the structured {@link LineRelaxationSolver}.
 */
public final class NodalEngine implements OutputModel {
    private final CrossbarSolver solver;

    /** Uses the line-relaxation PCG solver with its defaults. */
    public NodalEngine() {
        this(new LineRelaxationSolver());
    }

    /**
     * @param solver the crossbar solver to use
     */
    public NodalEngine(CrossbarSolver solver) {
        this.solver = solver;
    }

    /** @return "nodal" */
    @Override
    public String name() {
        return "nodal";
    }

    /** @return the name of the solver behind it */
    public String solverName() {
        return solver.name();
    }

    /**
     * @param spec   the crossbar
     * @param inputs input vectors of {@code spec.inputs()} volts each
     * @return exact output currents, ampere, with per-vector statistics
     */
    @Override
    public OutputBatch evaluate(CrossbarSpec spec, InputBatch inputs) {
        inputs.requireFits(spec);
        return solver.prepare(CrossbarCircuit.of(spec)).solveBatch(inputs);
    }

    /**
     * @param spec the crossbar
     * @return its exact transfer matrix (output currents per volt on each input), from one solve
     *         per input or one adjoint solve per output, whichever are fewer, with the solves'
     *         statistics
     */
    public TransferMatrix transferMatrix(CrossbarSpec spec) {
        return solver.prepare(CrossbarCircuit.of(spec)).transferMatrix();
    }

    /**
     * @param spec       the crossbar
     * @param inputVolts one input vector
     * @return every node voltage and the output currents
     */
    public CrossbarSolution solve(CrossbarSpec spec, double[] inputVolts) {
        InputBatch.single(inputVolts).requireFits(spec);
        return solver.prepare(CrossbarCircuit.of(spec)).solve(inputVolts);
    }
}
