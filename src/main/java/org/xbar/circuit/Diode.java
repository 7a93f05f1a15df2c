package org.xbar.circuit;

/**
 * A junction diode instance ({@code D<name> anode cathode model [area] [off]}): its current flows
 * from the anode through the junction into the cathode.
 *
 * @param name    the element's name
 * @param anode   the anode node
 * @param cathode the cathode node
 * @param model   its model
 * @param area    the area factor, scaling IS up and RS down, {@code > 0}
 * @param off     start the operating point with the junction off (SPICE's OFF)
 */
public record Diode(String name, int anode, int cathode, DiodeModel model, double area, boolean off) {
}
