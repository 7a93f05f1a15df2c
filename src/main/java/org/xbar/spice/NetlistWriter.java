package org.xbar.spice;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
 *
 * <p>What it writes is all ngspice ever receives from xbar, so it writes nothing ngspice would act
 * on besides the circuit: the title and comment lines have their control characters escaped (no
 * line break can start a card), a title that ngspice would read as a card ({@code .include ...},
 * {@code @...}, {@code *ng_script}) is prefixed with {@code xbar: }, comment lines start with
 * {@code "* "} (never {@code *#}, which ngspice runs as a command), the options card holds
 * numbers only, and a name that holds a blank or a control character is refused.
 */
public final class NetlistWriter {
    private final Circuit circuit;
    private final int[] alias;
    private final String[] resistorCards;
    private final String[] voltageCards;
    private final String[] currentCards;
    private final String[] mosfetCards;
    private final String[] behavioralCards;
    private final String[] currentBehavioralCards;
    private final String[] diodeCards;

    /**
     * @param circuit the circuit to write
     */
    public NetlistWriter(Circuit circuit) {
        this.circuit = circuit;
        int n = circuit.nodeCount();
        for (int k = 0; k < n; k++) {
            checkName("node", circuit.nodeName(k));
        }
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
        mosfetCards = new String[circuit.mosfets().size()];
        for (int k = 0; k < mosfetCards.length; k++) {
            checkName("model", circuit.mosfets().get(k).model().name());
            mosfetCards[k] = unique(used, 'm', circuit.mosfets().get(k).name());
        }
        behavioralCards = new String[circuit.behavioralSources().size()];
        for (int k = 0; k < behavioralCards.length; k++) {
            behavioralCards[k] = unique(used, 'b', circuit.behavioralSources().get(k).name());
        }
        currentBehavioralCards = new String[circuit.behavioralCurrents().size()];
        for (int k = 0; k < currentBehavioralCards.length; k++) {
            currentBehavioralCards[k] = unique(used, 'b', circuit.behavioralCurrents().get(k).name());
        }
        diodeCards = new String[circuit.diodes().size()];
        for (int k = 0; k < diodeCards.length; k++) {
            checkName("model", circuit.diodes().get(k).model().name());
            diodeCards[k] = unique(used, 'd', circuit.diodes().get(k).name());
        }
    }

    /** A name with a blank or a control character would change the cards around it. */
    private static void checkName(String what, String name) {
        for (int k = 0; k < name.length(); k++) {
            char c = name.charAt(k);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || c == ';' || c == '=' || c == '{' || c == '}') {
                throw new IllegalArgumentException("the " + what + " name \"" + org.xbar.error.Excerpt.of(name)
                        + "\" cannot be written into a netlist");
            }
        }
    }

    private static String unique(Set<String> used, char kind, String name) {
        checkName("element", name);
        String card = name.toLowerCase(Locale.ROOT);
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
        return card;
    }

    /**
     * @param source index of a behavioral source of the circuit
     * @return the name its card is written under
     */
    public String writtenBehavioralSource(int source) {
        return behavioralCards[source];
    }

    /** SPICE names: lower case, starting with the element's letter, unique. */
    private static String[] cardNames(Set<String> used, char kind, Circuit.ElementList elements) {
        String[] names = new String[elements.size()];
        for (int k = 0; k < names.length; k++) {
            names[k] = unique(used, kind, elements.name(k));
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
        return write(title, comments, Map.of());
    }

    /**
     * @param title    the title line
     * @param comments header comment lines (without the leading {@code *})
     * @param options  ngspice options that change the operating point, by lower-case name (as
     *                 {@link Netlist#options()} holds them), written as one {@code .options} card
     *                 (none when empty); {@code noopiter} is written as a flag
     * @return the netlist text
     */
    public String write(String title, List<String> comments, Map<String, Double> options) {
        StringBuilder out = new StringBuilder(64 + 48 * circuit.resistors().size());
        out.append(titleLine(title)).append('\n');
        for (String c : comments) {
            out.append("* ").append(org.xbar.error.Excerpt.escape(c)).append('\n');
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
        java.util.Map<String, org.xbar.circuit.MosfetModel> models = new java.util.LinkedHashMap<>();
        for (int k = 0; k < circuit.mosfets().size(); k++) {
            org.xbar.circuit.Mosfet m = circuit.mosfets().get(k);
            org.xbar.circuit.MosfetModel previous = models.putIfAbsent(m.model().name(), m.model());
            if (previous != null && !previous.equals(m.model())) {
                throw new IllegalArgumentException("two different models are both named " + m.model().name());
            }
            out.append(mosfetCards[k]).append(' ').append(writtenName(m.drain())).append(' ').append(writtenName(m.gate()))
                    .append(' ').append(writtenName(m.source())).append(' ').append(writtenName(m.bulk())).append(' ')
                    .append(m.model().name()).append(" W=").append(m.width()).append(" L=").append(m.length());
            if (m.multiplier() != 1) {
                out.append(" M=").append(m.multiplier());
            }
            if (m.drainArea() != 0 || m.sourceArea() != 0) {
                out.append(" AD=").append(m.drainArea()).append(" AS=").append(m.sourceArea());
            }
            out.append(m.off() ? " OFF\n" : "\n");
        }
        for (org.xbar.circuit.MosfetModel model : models.values()) {
            out.append(model.toSpice()).append('\n');
        }
        for (int k = 0; k < circuit.behavioralSources().size(); k++) {
            org.xbar.circuit.BehavioralSource b = circuit.behavioralSources().get(k);
            out.append(behavioralCards[k]).append(' ').append(writtenName(b.plus())).append(' ')
                    .append(writtenName(b.minus())).append(" V=").append(b.value().toSpice(this::writtenName)).append('\n');
        }
        for (int k = 0; k < circuit.behavioralCurrents().size(); k++) {
            org.xbar.circuit.BehavioralCurrentSource b = circuit.behavioralCurrents().get(k);
            out.append(currentBehavioralCards[k]).append(' ').append(writtenName(b.plus())).append(' ')
                    .append(writtenName(b.minus())).append(" I=").append(b.value().toSpice(this::writtenName)).append('\n');
        }
        java.util.Map<String, org.xbar.circuit.DiodeModel> diodeModels = new java.util.LinkedHashMap<>();
        for (int k = 0; k < circuit.diodes().size(); k++) {
            org.xbar.circuit.Diode d = circuit.diodes().get(k);
            org.xbar.circuit.DiodeModel previous = diodeModels.putIfAbsent(d.model().name(), d.model());
            if (previous != null && !previous.equals(d.model())) {
                throw new IllegalArgumentException("two different models are both named " + d.model().name());
            }
            out.append(diodeCards[k]).append(' ').append(writtenName(d.anode())).append(' ')
                    .append(writtenName(d.cathode())).append(' ').append(d.model().name());
            if (d.area() != 1) {
                out.append(" area=").append(SpiceNumber.format(d.area()));
            }
            out.append(d.off() ? " off\n" : "\n");
        }
        for (org.xbar.circuit.DiodeModel m : diodeModels.values()) {
            out.append(".model ").append(m.name()).append(" D(is=").append(SpiceNumber.format(m.saturation()))
                    .append(" n=").append(SpiceNumber.format(m.emission())).append(" rs=")
                    .append(SpiceNumber.format(m.seriesOhms()));
            if (m.hasBreakdown()) {
                out.append(" bv=").append(SpiceNumber.format(m.breakdown())).append(" ibv=")
                        .append(SpiceNumber.format(m.breakdownAmps()));
            }
            out.append(" nbv=").append(SpiceNumber.format(m.breakdownEmission())).append(")\n");
        }
        if (!options.isEmpty()) {
            out.append(optionsCard(options)).append('\n');
        }
        out.append(".op\n.end\n");
        return out.toString();
    }

    /**
     * The netlist ngspice receives for a netlist xbar has read: the circuit as the reader built it,
     * written anew with its title, the options that change its operating point, {@code .op} and
     * {@code .end}. Cards the reader skipped (analysis and output cards, {@code .control} blocks,
     * {@code *#} lines) are not in it, and neither is anything else of the file.
     *
     * @param netlist  a netlist as {@link NetlistReader} read it
     * @param comments header comment lines
     * @return the netlist text
     */
    public static String forNgspice(Netlist netlist, List<String> comments) {
        return new NetlistWriter(netlist.circuit()).write(netlist.title(), comments, netlist.options());
    }

    /**
     * @param title any title
     * @return the title as a first line ngspice reads as a title and nothing else: control
     *         characters escaped, and {@code xbar: } in front of one that starts with {@code .},
     *         {@code @}, {@code +} or {@code *ng_script}
     */
    static String titleLine(String title) {
        String line = org.xbar.error.Excerpt.escape(title).strip();
        if (line.isEmpty() || line.startsWith(".") || line.startsWith("@") || line.startsWith("+")
                || line.toLowerCase(Locale.ROOT).startsWith("*ng_script")) {
            return "xbar: " + line;
        }
        return line;
    }

    /**
     * @param options option values by lower-case ngspice name
     * @return one {@code .options} card, names in alphabetical order
     * @throws IllegalArgumentException for a name that is not a plain lower-case word, or a value
     *                                  that is not finite
     */
    static String optionsCard(Map<String, Double> options) {
        StringBuilder card = new StringBuilder(".options");
        for (Map.Entry<String, Double> e : new TreeMap<>(options).entrySet()) {
            String name = e.getKey();
            if (!name.matches("[a-z][a-z0-9]*") || !Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException("option " + org.xbar.error.Excerpt.of(name) + " = " + e.getValue()
                        + " cannot be written into a netlist");
            }
            card.append(' ').append(name).append(name.equals("noopiter") ? "" : "=" + SpiceNumber.format(e.getValue()));
        }
        return card.toString();
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
