package org.xbar.model;

import java.util.ArrayList;
import java.util.List;
import org.xbar.results.OutputBatch;
import org.xbar.results.SolverStatistics;
import org.xbar.solve.newton.InverterNeurons;
import org.xbar.spec.CrossbarSpec;
import org.xbar.spec.InputBatch;
import org.xbar.spec.InverterSpec;
import org.xbar.spec.Sensing;
import org.xbar.spec.WeightMapping;

/**
 * Any output model of a voltage-sensed crossbar followed by PHAX inverter neurons on its columns:
 * the outputs become the neurons' non-inverted outputs, volt. Exact for the nodal engine, because
 * a neuron's gate draws no DC current and so does not disturb the column it senses.
 */
public final class NeuronOutputs implements OutputModel {
    private final OutputModel columns;
    private final InverterSpec neurons;

    /**
     * @param columns the model of the column (net) voltages; the crossbar must be voltage-sensed
     * @param neurons the neurons on the columns
     */
    public NeuronOutputs(OutputModel columns, InverterSpec neurons) {
        this.columns = columns;
        this.neurons = neurons;
    }

    @Override
    public String name() {
        return columns.name();
    }

    @Override
    public OutputBatch evaluate(CrossbarSpec spec, InputBatch inputs) {
        if (spec.sensing() != Sensing.VOLTAGE) {
            throw org.xbar.error.InvalidParameterException.inconsistent("sensing",
                    "inverter neurons need voltage sensing: the columns must float");
        }
        if (spec.mapping() == WeightMapping.COLUMN_PAIR) {
            throw org.xbar.error.InvalidParameterException.inconsistent("mapping",
                    "inverter neurons sense one column each; a column pair has two: use single or row-pair");
        }
        OutputBatch net = columns.evaluate(spec, inputs);
        InverterNeurons evaluator = new InverterNeurons(neurons);
        double[][] out = new double[net.size()][];
        List<SolverStatistics> stats = new ArrayList<>(net.size());
        for (int k = 0; k < net.size(); k++) {
            long start = System.nanoTime();
            out[k] = evaluator.evaluate(net.vector(k)).nonInverted();
            SolverStatistics s = net.statistics().get(k);
            stats.add(new SolverStatistics(s.solver() + " + " + neurons.kind().toString().toLowerCase(java.util.Locale.ROOT)
                    + " neurons", s.iterations(), s.relativeResidual(), s.nanos() + System.nanoTime() - start, s.path()));
        }
        return new OutputBatch(out, stats, net.setupNanos());
    }
}
