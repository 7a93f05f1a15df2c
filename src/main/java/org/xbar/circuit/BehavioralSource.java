package org.xbar.circuit;

/**
 * A behavioral voltage source, ngspice's {@code B<name> n+ n- V=<expression>}: it holds
 * {@code v(plus) - v(minus)} at the expression's value, whatever current that takes.
 *
 * @param name  element name (starts with {@code b} in a netlist)
 * @param plus  positive terminal
 * @param minus negative terminal
 * @param value the voltage, as an expression of node voltages
 */
public record BehavioralSource(String name, int plus, int minus, Expression value) {
}
