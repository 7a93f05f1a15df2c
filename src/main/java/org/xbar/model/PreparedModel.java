package org.xbar.model;

import org.xbar.error.InvalidParameterException;
import org.xbar.error.NonFiniteResultException;
import org.xbar.spec.Checks;
import org.xbar.spec.InputBatch;

/**
 * A linear model fixed to one crossbar: its effective conductance matrix {@code W} (inputs x
 * outputs) computed once, so that each further input vector costs one matrix-vector product. For a
 * stream of single vectors; {@link OutputModel#evaluate} does the same for a batch. Neither the
 * matrix nor an output is ever NaN or infinite: a {@link NonFiniteResultException} is raised instead.
 */
public final class PreparedModel {
    private final String name;
    private final double[] weights;
    private final int inputs;
    private final int outputs;
    private final long setupNanos;

    PreparedModel(String name, double[] weights, int inputs, int outputs, long setupNanos) {
        this.name = name;
        this.weights = NonFiniteResultException.requireFinite(name, "effective conductance matrix", weights);
        this.inputs = inputs;
        this.outputs = outputs;
        this.setupNanos = setupNanos;
    }

    /** @return the model's name */
    public String name() {
        return name;
    }

    /** @return the crossbar's inputs (the length of every vector) */
    public int inputs() {
        return inputs;
    }

    /** @return the crossbar's outputs */
    public int outputs() {
        return outputs;
    }

    /**
     * @return the effective conductance matrix {@code W}, {@code inputs x outputs}, row-major, siemens
     *         (volt per volt with voltage sensing): output j per volt on input i (a copy)
     */
    public double[] matrix() {
        return weights.clone();
    }

    /** @return time spent computing {@code W}, nanoseconds */
    public long setupNanos() {
        return setupNanos;
    }

    /**
     * @param inputVolts one input vector, volt, one value per input
     * @return the outputs, ampere (volt with voltage sensing)
     * @throws InvalidParameterException when the vector has the wrong length or a value that is not finite
     */
    public double[] evaluate(double[] inputVolts) {
        if (inputVolts.length != inputs) {
            throw InvalidParameterException.inconsistent("inputs", "the vector has " + inputVolts.length
                    + " values, the crossbar " + inputs + " inputs");
        }
        for (int i = 0; i < inputs; i++) {
            Checks.finite("inputs[" + i + "]", inputVolts[i], "volt");
        }
        return NonFiniteResultException.requireFinite(name, "outputs",
                InputBatch.product(inputVolts, 0, inputs, weights, outputs));
    }
}
