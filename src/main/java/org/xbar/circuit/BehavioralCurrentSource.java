package org.xbar.circuit;

/**
 * A behavioral current source, ngspice's {@code B<name> n+ n- I=<expression>}: a current of the
 * expression's value flows from {@code plus} through the source into {@code minus} (as ngspice
 * has it: a positive value takes current out of {@code plus}). A nonlinear two-terminal device
 * is one whose expression reads {@code v(plus, minus)}; the Newton solver stamps the expression's
 * exact derivative with respect to every node it reads.
 *
 * @param name  element name (starts with {@code b} in a netlist)
 * @param plus  the node the current leaves
 * @param minus the node the current enters
 * @param value the current, ampere, as an expression of node voltages
 */
public record BehavioralCurrentSource(String name, int plus, int minus, Expression value) {
}
