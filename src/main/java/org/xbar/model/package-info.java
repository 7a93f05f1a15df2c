/**
 * Fast models of a crossbar's outputs to compare with the exact nodal engine: the analytical
 * non-ideality model of seed 004 ({@link org.xbar.model.AnalyticalModel}) and the ideal product
 * ({@link org.xbar.model.IdealModel}), behind the common {@link org.xbar.model.OutputModel}.
 */
package org.xbar.model;
