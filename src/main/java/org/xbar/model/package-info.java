/**
 * Fast models of a crossbar's outputs to compare with the exact nodal engine: the analytical
 * non-ideality model of seed 004 ({@link org.xbar.model.AnalyticalModel}), the wire-aware
 * effective-conductance model ({@link org.xbar.model.WireAwareModel}) and the ideal product
 * ({@link org.xbar.model.IdealModel}), behind the common {@link org.xbar.model.OutputModel} that
 * the exact engine implements too; {@link org.xbar.model.NeuronOutputs} puts inverter neurons
 * after any of them.
 */
package org.xbar.model;
