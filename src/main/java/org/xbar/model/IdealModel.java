package org.xbar.model;

import org.xbar.circuit.CrossbarCircuit;
import org.xbar.spec.CrossbarSpec;

/**
 * The ideal vector-matrix product {@code I_j = sum_i V_i g_ij}: no source, neuron or wire
 * resistance. For the row-pair mapping the negative array is driven by {@code -V_i}; for the
 * column pair the negative column is subtracted; both give {@code I_j = sum_i V_i (g+_ij - g-_ij)}.
 */
public final class IdealModel extends EffectiveConductanceModel {

    @Override
    public String name() {
        return "ideal";
    }

    @Override
    double[] effectiveConductances(CrossbarSpec spec) {
        CrossbarCircuit circuit = CrossbarCircuit.of(spec);
        return fold(circuit, circuit::conductance);
    }
}
