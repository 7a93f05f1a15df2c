/**
 * Circuits: a DC element list ({@link org.xbar.circuit.Circuit}) of resistors, independent sources,
 * level-1 MOSFETs ({@link org.xbar.circuit.Mosfet}) and behavioral sources, and the lowerings of a
 * crossbar ({@link org.xbar.circuit.CrossbarCircuit}) and of a network of crossbars with inverter
 * neurons ({@link org.xbar.circuit.NetworkCircuit}), with the node names that reports, errors and
 * netlists share.
 */
package org.xbar.circuit;
