/**
 * Comparison of models against the exact nodal engine: NRMSD (range- and mean-normalized) and
 * worst absolute and relative errors; and the accuracy of inverter-neuron networks solved at circuit
 * level ({@link org.xbar.compare.NetworkAccuracy}).
 */
package org.xbar.compare;
