package org.xbar.solve;

/**
 * A linear crossbar's transfer matrix and the quadratic form of the power it draws. The power form
 * needs the node voltages of the unit solves (1 V on one input, 0 V on the others, once per input);
 * the transfer matrix is the one {@link CrossbarSolver.Prepared#transferMatrix()} builds, so that
 * asking for power never changes an output: where the crossbar has fewer outputs than inputs that
 * is the adjoint construction, one more solve per output; otherwise the unit solves give both.
 *
 * @param transfer the exact map from input volts to outputs
 * @param power    the exact power drawn, {@code P(v) = v^T Q v}
 */
public record UnitResponses(TransferMatrix transfer, PowerForm power) {
    /**
     * @param prepared a prepared crossbar solver
     * @return both: the power form from one solve per input, the transfer matrix as the solver builds it
     */
    static UnitResponses of(CrossbarSolver.Prepared prepared) {
        PowerForm.Builder power = new PowerForm.Builder(prepared.circuit());
        TransferMatrix perInput = TransferMatrix.perInput(prepared, power::add);
        TransferMatrix transfer = prepared.circuit().outputs() < prepared.circuit().inputs() ? prepared.transferMatrix() : perInput;
        return new UnitResponses(transfer, power.build());
    }
}
