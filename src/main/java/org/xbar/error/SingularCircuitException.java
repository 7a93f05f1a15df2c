package org.xbar.error;

import java.util.List;

/**
 * The circuit has no unique operating point: a node (or a group of nodes) has no conductive path
 * to ground or to a voltage source, or two voltage sources fix the same node to different values.
 * The message names the nodes, as ngspice does ("singular matrix: check nodes c3_7 and r3_7").
 */
public class SingularCircuitException extends XbarException {
    private static final long serialVersionUID = 1L;

    private final List<String> nodes;
    private final List<String> elements;

    /**
     * @param nodes  the nodes to check, by name
     * @param reason why the system is singular there
     */
    public SingularCircuitException(List<String> nodes, String reason) {
        this(nodes, List.of(), reason);
    }

    /**
     * @param nodes    the nodes to check, by name
     * @param elements the elements that make it singular, by name (a loop of voltage sources and
     *                 0-ohm elements), or none
     * @param reason   why the system is singular there
     */
    public SingularCircuitException(List<String> nodes, List<String> elements, String reason) {
        super("singular circuit: check node" + (nodes.size() == 1 ? " " : "s ") + describe(nodes) + ": " + reason);
        this.nodes = List.copyOf(nodes);
        this.elements = List.copyOf(elements);
    }

    private static String describe(List<String> nodes) {
        int shown = Math.min(nodes.size(), 8);
        String list = String.join(", ", nodes.subList(0, shown));
        return nodes.size() > shown ? list + " and " + (nodes.size() - shown) + " more" : list;
    }

    /** @return the nodes named in the message */
    public List<String> nodes() {
        return nodes;
    }

    /**
     * @return the elements that make the circuit singular, by name: for a loop of voltage sources
     *         and 0-ohm elements, the source that closes it first, then the loop's other elements;
     *         empty where nodes alone say it (a floating group)
     */
    public List<String> elements() {
        return elements;
    }
}
