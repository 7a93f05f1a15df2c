/**
 * Results: node voltages and currents of one solve, output currents of a batch, and the solver
 * statistics (time, iterations, residual) that come with every one of them.
 */
package org.xbar.results;
