/**
 * Results: node voltages and currents of one solve, output currents of a batch, and the solver
 * statistics (time, iterations, residual) that come with every one of them; and where the power of
 * a crossbar solution goes ({@link org.xbar.results.PowerBreakdown}).
 */
package org.xbar.results;
