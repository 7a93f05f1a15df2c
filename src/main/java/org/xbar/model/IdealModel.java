package org.xbar.model;

import org.xbar.circuit.CrossbarCircuit;
import org.xbar.spec.CrossbarSpec;

/**
 * The ideal crossbar: no source, neuron or wire resistance.
 *
 * <p>Current sensing: the vector-matrix product {@code I_j = sum_i V_i g_ij}. For the row-pair
 * mapping the negative array is driven by {@code -V_i}; for the column pair the negative column is
 * subtracted; both give {@code I_j = sum_i V_i (g+_ij - g-_ij)}.
 *
 * <p>Voltage sensing (DESIGN section 4, the PHAX net voltage): each floating column settles at the
 * conductance-weighted mean of the voltages driving it, {@code V_q = sum_p D_p g_pq / sum_p g_pq}
 * over the physical rows p (driven by {@code D_p = +V_i} or {@code -V_i}).
 */
public final class IdealModel extends EffectiveConductanceModel {

    @Override
    public String name() {
        return "ideal";
    }

    @Override
    double[] effectiveConductances(CrossbarSpec spec) {
        CrossbarCircuit circuit = CrossbarCircuit.of(spec);
        if (!circuit.voltageSensing()) {
            return fold(circuit, circuit::conductance);
        }
        double[] columnSum = columnSums(circuit);
        return fold(circuit, (p, q) -> circuit.conductance(p, q) / columnSum[q]);
    }
}
