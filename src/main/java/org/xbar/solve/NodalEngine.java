package org.xbar.solve;

import java.util.ArrayList;
import java.util.List;
import org.xbar.circuit.CrossbarCircuit;
import org.xbar.model.OutputModel;
import org.xbar.results.CrossbarSolution;
import org.xbar.results.OutputBatch;
import org.xbar.results.PowerBreakdown;
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
     * @param spec the crossbar
     * @return its exact transfer matrix and power form, from the same solves, one per input
     */
    public UnitResponses unitResponses(CrossbarSpec spec) {
        return solver.prepare(CrossbarCircuit.of(spec)).unitResponses();
    }

    /**
     * Where the power goes for every input vector: each vector is solved in full, since the
     * breakdown needs every node voltage ({@link PowerBreakdown}).
     *
     * @param spec   the crossbar
     * @param inputs input vectors of {@code spec.inputs()} volts each
     * @return one breakdown per vector, in order
     */
    public List<PowerBreakdown> power(CrossbarSpec spec, InputBatch inputs) {
        inputs.requireFits(spec);
        CrossbarSolver.Prepared prepared = solver.prepare(CrossbarCircuit.of(spec));
        List<PowerBreakdown> breakdowns = new ArrayList<>(inputs.size());
        for (int k = 0; k < inputs.size(); k++) {
            double[] v = inputs.vector(k);
            breakdowns.add(PowerBreakdown.of(prepared.circuit(), v, prepared.solve(v)));
        }
        return breakdowns;
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
