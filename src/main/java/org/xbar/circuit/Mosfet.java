package org.xbar.circuit;

/**
 * One level-1 MOSFET instance.
 *
 * @param name       element name (starts with {@code m} in a netlist)
 * @param drain      drain node
 * @param gate       gate node
 * @param source     source node
 * @param bulk       bulk node
 * @param model      its model card
 * @param width      channel width W, metre
 * @param length     channel length L, metre
 * @param multiplier parallel devices M (ngspice's {@code m=}), {@code >= 1} in practice
 * @param drainArea  drain diffusion area AD, m^2 (0: the junctions use IS)
 * @param sourceArea source diffusion area AS, m^2
 * @param off        ngspice's OFF flag (the initial guess treats the device as off)
 */
public record Mosfet(String name, int drain, int gate, int source, int bulk, MosfetModel model, double width,
        double length, double multiplier, double drainArea, double sourceArea, boolean off) {

    /** ngspice's default W and L (DEFW, DEFL), metre. */
    public static final double DEFAULT_SIZE = 1e-4;
}
