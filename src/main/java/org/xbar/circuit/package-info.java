/**
 * Circuits: a generic linear element list ({@link org.xbar.circuit.Circuit}) and a crossbar lowered
 * to its physical array ({@link org.xbar.circuit.CrossbarCircuit}), with the node names that
 * reports, errors and netlists share.
 */
package org.xbar.circuit;
