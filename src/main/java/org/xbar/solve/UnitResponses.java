package org.xbar.solve;

/**
 * What the unit solves of a linear crossbar (1 V on one input, 0 V on the others, once per input)
 * give at once: the transfer matrix of its outputs and the quadratic form of the power it draws.
 * Building both from the same solves costs no more solves than the transfer matrix alone.
 *
 * @param transfer the exact map from input volts to outputs
 * @param power    the exact power drawn, {@code P(v) = v^T Q v}
 */
public record UnitResponses(TransferMatrix transfer, PowerForm power) {
    /**
     * @param prepared a prepared crossbar solver
     * @return both, from one solve per input
     */
    static UnitResponses of(CrossbarSolver.Prepared prepared) {
        PowerForm.Builder power = new PowerForm.Builder(prepared.circuit());
        TransferMatrix transfer = TransferMatrix.of(prepared, power::add);
        return new UnitResponses(transfer, power.build());
    }
}
