package org.xbar.spice;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.xbar.circuit.Circuit;

/**
 * Writes any {@link Circuit} as an ngspice netlist: a title, comment lines, one card per element,
 * {@code .op} and {@code .end}.
 *
 * <p>A 0-ohm resistor is an ideal short in xbar but 1 milliohm in ngspice, so it is never written:
 * nodes joined by 0-ohm resistors are written under one name (the first of them in node order,
 * or {@code 0} when ground is among them), and the header says which. {@link #writtenName(int)}
 * tells under which name a node appears, so results can be compared node by node. Values are
 * written with enough digits to read back as the same double.
 */
public final class NetlistWriter {
    private final Circuit circuit;
    private final int[] alias;
    private final String[] resistorCards;
    private final String[] voltageCards;
    private final String[] currentCards;

    /**
     * @param circuit the circuit to write
     */
    public NetlistWriter(Circuit circuit) {
        this.circuit = circuit;
        int n = circuit.nodeCount();
        int[] parent = new int[n];
        for (int k = 0; k < n; k++) {
            parent[k] = k;
        }
        Circuit.ElementList r = circuit.resistors();
        for (int k = 0; k < r.size(); k++) {
            if (r.value(k) == 0) {
                int a = find(parent, r.first(k));
                int b = find(parent, r.second(k));
                parent[Math.max(a, b)] = Math.min(a, b);
            }
        }
        alias = new int[n];
        for (int k = 0; k < n; k++) {
            alias[k] = find(parent, k);
        }
        Set<String> used = new HashSet<>();
        resistorCards = cardNames(used, 'r', circuit.resistors());
        voltageCards = cardNames(used, 'v', circuit.voltageSources());
        currentCards = cardNames(used, 'i', circuit.currentSources());
    }

    /** SPICE names: lower case, starting with the element's letter, unique. */
    private static String[] cardNames(Set<String> used, char kind, Circuit.ElementList elements) {
        String[] names = new String[elements.size()];
        for (int k = 0; k < names.length; k++) {
            String card = elements.name(k).toLowerCase(Locale.ROOT);
            if (card.isEmpty() || card.charAt(0) != kind) {
                card = kind + "_" + card;
            }
            if (!used.add(card)) {
                int suffix = 2;
                while (!used.add(card + "_" + suffix)) {
                    suffix++;
                }
                card = card + "_" + suffix;
            }
            names[k] = card;
        }
        return names;
    }

    /**
     * @param source index of a voltage source of the circuit
     * @return the name its card is written under
     */
    public String writtenVoltageSource(int source) {
        return voltageCards[source];
    }

    private static int find(int[] parent, int k) {
        while (parent[k] != k) {
            parent[k] = parent[parent[k]];
            k = parent[k];
        }
        return k;
    }

    /**
     * @param node a node of the circuit
     * @return the name it is written under (its own unless it is merged by a 0-ohm element)
     */
    public String writtenName(int node) {
        return circuit.nodeName(alias[node]);
    }

    /**
     * @param title   the title line
     * @param comments header comment lines (without the leading {@code *})
     * @return the netlist text
     */
    public String write(String title, List<String> comments) {
        StringBuilder out = new StringBuilder(64 + 48 * circuit.resistors().size());
        out.append(title.replace('\n', ' ')).append('\n');
        for (String c : comments) {
            out.append("* ").append(c).append('\n');
        }
        appendMerges(out);
        Circuit.ElementList r = circuit.resistors();
        for (int k = 0; k < r.size(); k++) {
            if (r.value(k) > 0 && alias[r.first(k)] != alias[r.second(k)]) {
                card(out, resistorCards[k], r.first(k), r.second(k), SpiceNumber.format(r.value(k)));
            }
        }
        Circuit.ElementList v = circuit.voltageSources();
        for (int k = 0; k < v.size(); k++) {
            card(out, voltageCards[k], v.first(k), v.second(k), "DC " + SpiceNumber.format(v.value(k)));
        }
        Circuit.ElementList i = circuit.currentSources();
        for (int k = 0; k < i.size(); k++) {
            card(out, currentCards[k], i.first(k), i.second(k), "DC " + SpiceNumber.format(i.value(k)));
        }
        out.append(".op\n.end\n");
        return out.toString();
    }

    private void appendMerges(StringBuilder out) {
        int n = circuit.nodeCount();
        List<List<Integer>> groups = new ArrayList<>();
        int[] groupOf = new int[n];
        java.util.Arrays.fill(groupOf, -1);
        for (int k = 0; k < n; k++) {
            if (alias[k] != k) {
                int root = alias[k];
                if (groupOf[root] < 0) {
                    groupOf[root] = groups.size();
                    groups.add(new ArrayList<>());
                }
                groups.get(groupOf[root]).add(k);
            }
        }
        if (groups.isEmpty()) {
            return;
        }
        out.append("* Nodes joined by 0-ohm elements (ideal wires) are written under one name:\n");
        for (List<Integer> g : groups) {
            String root = circuit.nodeName(alias[g.get(0)]);
            StringBuilder names = new StringBuilder();
            for (int k = 0; k < Math.min(4, g.size()); k++) {
                names.append(k == 0 ? "" : ", ").append(circuit.nodeName(g.get(k)));
            }
            if (g.size() > 4) {
                names.append(", ... ").append(circuit.nodeName(g.get(g.size() - 1))).append(" (")
                        .append(g.size()).append(" nodes)");
            }
            out.append("*   ").append(root).append(" also stands for ").append(names).append('\n');
        }
    }

    private void card(StringBuilder out, String name, int a, int b, String value) {
        out.append(name).append(' ').append(writtenName(a)).append(' ').append(writtenName(b)).append(' ')
                .append(value).append('\n');
    }
}
