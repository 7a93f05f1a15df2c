package org.xbar.model;

import java.util.ArrayList;
import java.util.List;
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

    @Override
    public OutputBatch evaluate(CrossbarSpec spec, InputBatch inputs) {
        inputs.requireFits(spec);
        long start = System.nanoTime();
        double[] w = effectiveConductances(spec);
        long setup = System.nanoTime() - start;
        double[][] out = new double[inputs.size()][];
        List<SolverStatistics> stats = new ArrayList<>(inputs.size());
        for (int k = 0; k < inputs.size(); k++) {
            long t0 = System.nanoTime();
            out[k] = inputs.multiply(k, w, spec.outputs());
            stats.add(new SolverStatistics(name(), 0, 0.0, System.nanoTime() - t0));
        }
        return new OutputBatch(out, stats, setup);
    }
}
