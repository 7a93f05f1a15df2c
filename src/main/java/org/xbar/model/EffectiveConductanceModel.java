package org.xbar.model;

import java.util.ArrayList;
import java.util.List;
import org.xbar.circuit.CrossbarCircuit;
import org.xbar.results.OutputBatch;
import org.xbar.results.SolverStatistics;
import org.xbar.spec.CrossbarSpec;
import org.xbar.spec.InputBatch;

/**
 * A model that is a fixed matrix: {@code I_j = sum_i V_i W_ij} with {@code W} independent of the
 * input. The matrix is computed once per crossbar; each input vector then costs one
 * matrix-vector product.
 */
abstract class EffectiveConductanceModel implements OutputModel {

    /**
     * @param spec the crossbar
     * @return {@code W}, inputs x outputs, row-major, siemens
     */
    abstract double[] effectiveConductances(CrossbarSpec spec);

    /** The effective conductance of one physical cross point. */
    @FunctionalInterface
    interface CellConductance {
        /**
         * @param row physical row
         * @param col physical column
         * @return its effective conductance, siemens
         */
        double at(int row, int col);
    }

    /**
     * Folds effective conductances of the physical array into the {@code inputs x outputs} map,
     * with the signs of the row-pair (negated drive) and column-pair (subtracted column) mappings.
     *
     * @param circuit the physical crossbar
     * @param cell    effective conductance of each physical cross point
     * @return {@code W}, row-major, siemens
     */
    static double[] fold(CrossbarCircuit circuit, CellConductance cell) {
        int outputs = circuit.outputs();
        double[] w = new double[circuit.inputs() * outputs];
        for (int p = 0; p < circuit.physicalRows(); p++) {
            int base = circuit.inputOfRow(p) * outputs;
            for (int q = 0; q < circuit.physicalColumns(); q++) {
                double sign = circuit.signOfRow(p) * circuit.signOfColumn(q);
                w[base + circuit.outputOfColumn(q)] += sign * cell.at(p, q);
            }
        }
        return w;
    }

    /**
     * @param circuit a physical crossbar
     * @return the total device conductance of each physical column, siemens
     * @throws org.xbar.error.SingularCircuitException when a voltage-sensed column has no device
     */
    static double[] columnSums(CrossbarCircuit circuit) {
        double[] sum = new double[circuit.physicalColumns()];
        for (int p = 0; p < circuit.physicalRows(); p++) {
            for (int q = 0; q < sum.length; q++) {
                sum[q] += circuit.conductance(p, q);
            }
        }
        for (int q = 0; q < sum.length && circuit.voltageSensing(); q++) {
            if (sum[q] == 0) {
                throw new org.xbar.error.SingularCircuitException(java.util.List.of(CrossbarCircuit.columnNode(0, q)),
                        "voltage-sensed column " + q + " has no device: it floats");
            }
        }
        return sum;
    }

    /**
     * Computes the model's effective conductance matrix once, for single vectors one at a time.
     *
     * @param spec the crossbar
     * @return the model fixed to it
     */
    public PreparedModel prepare(CrossbarSpec spec) {
        spec.requireLinear("the " + name() + " model");
        long start = System.nanoTime();
        double[] w = effectiveConductances(spec);
        return new PreparedModel(name(), w, spec.inputs(), spec.outputs(), System.nanoTime() - start);
    }

    @Override
    public OutputBatch evaluate(CrossbarSpec spec, InputBatch inputs) {
        spec.requireLinear("the " + name() + " model");
        inputs.requireFits(spec);
        long start = System.nanoTime();
        double[] w = effectiveConductances(spec);
        long setup = System.nanoTime() - start;
        double[][] out = new double[inputs.size()][];
        List<SolverStatistics> stats = new ArrayList<>(inputs.size());
        for (int k = 0; k < inputs.size(); k++) {
            long t0 = System.nanoTime();
            out[k] = inputs.multiply(k, w, spec.outputs());
            stats.add(new SolverStatistics(name(), 0, 0.0, System.nanoTime() - t0, SolverStatistics.Path.MODEL));
        }
        return new OutputBatch(out, stats, setup);
    }
}
