package org.xbar.model;

import org.xbar.results.OutputBatch;
import org.xbar.spec.CrossbarSpec;
import org.xbar.spec.InputBatch;

/**
 * Anything that maps a crossbar and a batch of input voltages to output currents: the exact nodal
 * engine, the analytical non-ideality model, the ideal product. They share inputs and outputs so
 * that they can be compared one against another.
 */
public interface OutputModel {
    /** @return a short name for reports */
    String name();

    /**
     * @param spec   the crossbar
     * @param inputs input vectors, one voltage per input row
     * @return output currents per vector, ampere, with statistics; never NaN or infinite (an
     *         {@link OutputBatch} refuses such numbers with a
     *         {@link org.xbar.error.NonFiniteResultException})
     */
    OutputBatch evaluate(CrossbarSpec spec, InputBatch inputs);

    /**
     * @param name     the name to report
     * @param function the evaluation
     * @return an output model with that name
     */
    static OutputModel of(String name, java.util.function.BiFunction<CrossbarSpec, InputBatch, OutputBatch> function) {
        return new OutputModel() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public OutputBatch evaluate(CrossbarSpec spec, InputBatch inputs) {
                return function.apply(spec, inputs);
            }
        };
    }
}
