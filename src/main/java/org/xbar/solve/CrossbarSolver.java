package org.xbar.solve;

import java.util.ArrayList;
import java.util.List;
import org.xbar.circuit.CrossbarCircuit;
import org.xbar.results.CrossbarSolution;
import org.xbar.results.OutputBatch;
import org.xbar.results.SolverStatistics;
import org.xbar.spec.InputBatch;

/**
 * An exact solver for the nodal system of a whole crossbar. {@link #prepare(CrossbarCircuit)} does
 * every piece of work that does not depend on the input (assembly, factorization or the line
 * factors of the preconditioner); the prepared solver then solves input vector after input vector.
 */
public interface CrossbarSolver {
    /** @return a short name for statistics and reports */
    String name();

    /**
     * @param circuit the crossbar
     * @return a solver ready for input vectors
     */
    Prepared prepare(CrossbarCircuit circuit);

    /** A crossbar with its input-independent work done. */
    interface Prepared {
        /** @return the crossbar */
        CrossbarCircuit circuit();

        /** @return time spent preparing, nanoseconds */
        long setupNanos();

        /**
         * @param inputVolts one input vector, volt
         * @return node voltages, column and output currents, statistics
         */
        CrossbarSolution solve(double[] inputVolts);

        /**
         * Solves a batch, keeping only the output currents. The outputs are linear in the inputs,
         * {@code I = T V} with an exact {@code outputs x inputs} transfer matrix {@code T} that does
         * not depend on the input; so when the batch holds more vectors than the crossbar has
         * inputs, {@code T} is found column by column from one solve per unit input, and every
         * vector then costs one matrix-vector product. Smaller batches are solved vector by vector.
         *
         * @param inputs input vectors of the crossbar's length
         * @return output currents and per-vector statistics; the setup time is this solver's,
         *         plus the transfer matrix's when one was built
         */
        default OutputBatch solveBatch(InputBatch inputs) {
            if (inputs.size() > circuit().inputs()) {
                return transferMatrix().apply(inputs);
            }
            return solveEach(inputs);
        }

        /**
         * The exact transfer matrix of the crossbar, one solve per unit input: what every further
         * input vector then costs is one matrix-vector product.
         *
         * @return {@code T} with the statistics of the solves that built it
         */
        default TransferMatrix transferMatrix() {
            return TransferMatrix.of(this);
        }

        /**
         * The transfer matrix and the power form of the crossbar from the same unit solves, one per
         * input: the exact outputs and the exact power drawn of every further input vector.
         *
         * @return both, with the statistics of the solves in the transfer matrix
         */
        default UnitResponses unitResponses() {
            return UnitResponses.of(this);
        }

        /**
         * Solves a batch vector after vector.
         *
         * @param inputs input vectors of the crossbar's length
         * @return output currents and per-vector statistics
         */
        default OutputBatch solveEach(InputBatch inputs) {
            double[][] out = new double[inputs.size()][];
            List<SolverStatistics> stats = new ArrayList<>(inputs.size());
            for (int k = 0; k < inputs.size(); k++) {
                CrossbarSolution s = solve(inputs.vector(k));
                out[k] = s.outputs();
                stats.add(s.statistics());
            }
            return new OutputBatch(out, stats, setupNanos());
        }
    }
}
