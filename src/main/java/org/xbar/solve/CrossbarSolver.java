package org.xbar.solve;

import java.util.ArrayList;
import java.util.List;
import org.xbar.circuit.CrossbarCircuit;
import org.xbar.error.InvalidParameterException;
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
         * not depend on the input; so when the batch holds more vectors than {@code T} costs solves
         * ({@link #transferSolves()}), {@code T} is built first and every vector then costs one
         * matrix-vector product. Smaller batches are solved vector by vector.
         *
         * @param inputs input vectors of the crossbar's length
         * @return output currents and per-vector statistics; the setup time is this solver's,
         *         plus the transfer matrix's when one was built
         */
        default OutputBatch solveBatch(InputBatch inputs) {
            if (inputs.size() > transferSolves()) {
                return transferMatrix().apply(inputs);
            }
            return solveEach(inputs);
        }

        /**
         * The exact transfer matrix of the crossbar. By default one solve per unit input; the
         * crossbar solvers of this package build it from one solve of the adjoint system per output
         * where there are fewer outputs than inputs. Every further input vector then costs one
         * matrix-vector product.
         *
         * @return {@code T} with the statistics of the solves that built it
         */
        default TransferMatrix transferMatrix() {
            return TransferMatrix.perInput(this);
        }

        /**
         * The exact transfer matrix built a given way, to compare the two.
         *
         * @param construction per input (every solver) or per output (the solvers of this package)
         * @return {@code T} with the statistics of the solves that built it
         * @throws InvalidParameterException when this solver cannot build it that way
         */
        default TransferMatrix transferMatrix(TransferMatrix.Construction construction) {
            if (construction != TransferMatrix.Construction.PER_INPUT) {
                throw new InvalidParameterException("construction", construction, "this solver builds the transfer"
                        + " matrix per input only");
            }
            return TransferMatrix.perInput(this);
        }

        /** @return how many solves {@link #transferMatrix()} takes: by default one per input */
        default int transferSolves() {
            return circuit().inputs();
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
