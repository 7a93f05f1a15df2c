package org.xbar.circuit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xbar.error.InvalidParameterException;
import org.xbar.spec.Checks;

/**
 * An immutable DC circuit: named nodes, resistors, independent voltage and current sources, and
 * the nonlinear elements that need Newton's method: level-1 MOSFETs and behavioral voltage and
 * current sources ({@link #isNonlinear()}). Node 0 is ground, named {@code "0"}. A resistor of 0 ohm is an
 * ideal short (its two nodes are merged when the circuit is solved, never divided by zero).
 *
 * <p>Element data is kept in parallel arrays, not one object per element, so that crossbars of
 * millions of resistors stay compact. Signs follow SPICE: a voltage source of value {@code V}
 * holds {@code v(plus) - v(minus) = V}; a current source of value {@code I} drives {@code I}
 * amperes from its {@code from} node through itself into its {@code to} node.
 */
public final class Circuit {
    /** Index of the ground node. */
    public static final int GROUND = 0;

    private final String[] nodeNames;
    private final Map<String, Integer> nodeIndex;
    private final ElementList resistors;
    private final ElementList voltageSources;
    private final ElementList currentSources;
    private final List<Mosfet> mosfets;
    private final List<BehavioralSource> behavioralSources;
    private final List<BehavioralCurrentSource> behavioralCurrents;
    private final List<Diode> diodes;

    private Circuit(Builder b) {
        this.nodeNames = b.nodeNames.toArray(new String[0]);
        this.nodeIndex = Map.copyOf(b.nodeIndex);
        this.resistors = b.resistors.trimmed();
        this.voltageSources = b.voltageSources.trimmed();
        this.currentSources = b.currentSources.trimmed();
        this.mosfets = List.copyOf(b.mosfets);
        this.behavioralSources = List.copyOf(b.behavioralSources);
        this.behavioralCurrents = List.copyOf(b.behavioralCurrents);
        this.diodes = List.copyOf(b.diodes);
    }

    /** @return a new, empty builder holding only the ground node */
    public static Builder builder() {
        return new Builder();
    }

    /** @return number of nodes, ground included */
    public int nodeCount() {
        return nodeNames.length;
    }

    /**
     * @param node node index
     * @return its name
     */
    public String nodeName(int node) {
        return nodeNames[node];
    }

    /**
     * @param name node name, case-insensitive
     * @return its index, or -1 when the circuit has no such node
     */
    public int nodeIndex(String name) {
        return nodeIndex.getOrDefault(name.toLowerCase(Locale.ROOT), -1);
    }

    /** @return the resistors */
    public ElementList resistors() {
        return resistors;
    }

    /** @return the independent voltage sources */
    public ElementList voltageSources() {
        return voltageSources;
    }

    /** @return the independent current sources */
    public ElementList currentSources() {
        return currentSources;
    }

    /** @return the level-1 MOSFETs */
    public List<Mosfet> mosfets() {
        return mosfets;
    }

    /** @return the behavioral voltage sources */
    public List<BehavioralSource> behavioralSources() {
        return behavioralSources;
    }

    /** @return the behavioral current sources (nonlinear devices among them) */
    public List<BehavioralCurrentSource> behavioralCurrents() {
        return behavioralCurrents;
    }

    /** @return the junction diodes */
    public List<Diode> diodes() {
        return diodes;
    }

    /** @return true when the circuit holds a MOSFET, a diode or a behavioral source of either kind (it needs Newton) */
    public boolean isNonlinear() {
        return !mosfets.isEmpty() || !behavioralSources.isEmpty() || !behavioralCurrents.isEmpty() || !diodes.isEmpty();
    }

    /**
     * Two-terminal elements of one kind, in parallel arrays. For resistors {@code value} is in ohm,
     * for voltage sources in volt, for current sources in ampere.
     */
    public static final class ElementList {
        private String[] names;
        private int[] first;
        private int[] second;
        private double[] values;
        private int size;

        private ElementList(int capacity) {
            names = new String[capacity];
            first = new int[capacity];
            second = new int[capacity];
            values = new double[capacity];
        }

        private void add(String name, int a, int b, double value) {
            if (size == values.length) {
                int capacity = Math.max(16, size * 2);
                names = Arrays.copyOf(names, capacity);
                first = Arrays.copyOf(first, capacity);
                second = Arrays.copyOf(second, capacity);
                values = Arrays.copyOf(values, capacity);
            }
            names[size] = name;
            first[size] = a;
            second[size] = b;
            values[size] = value;
            size++;
        }

        private ElementList trimmed() {
            ElementList t = new ElementList(0);
            t.names = Arrays.copyOf(names, size);
            t.first = Arrays.copyOf(first, size);
            t.second = Arrays.copyOf(second, size);
            t.values = Arrays.copyOf(values, size);
            t.size = size;
            return t;
        }

        /** @return number of elements */
        public int size() {
            return size;
        }

        /**
         * @param k element index
         * @return its name
         */
        public String name(int k) {
            return names[k];
        }

        /**
         * @param k element index
         * @return its first terminal (resistor end, source plus, current source from-node)
         */
        public int first(int k) {
            return first[k];
        }

        /**
         * @param k element index
         * @return its second terminal (resistor end, source minus, current source to-node)
         */
        public int second(int k) {
            return second[k];
        }

        /**
         * @param k element index
         * @return its value: ohm, volt or ampere
         */
        public double value(int k) {
            return values[k];
        }
    }

    /** Collects nodes and elements; {@link #build()} freezes them into a {@link Circuit}. */
    public static final class Builder {
        private final List<String> nodeNames = new ArrayList<>();
        private final Map<String, Integer> nodeIndex = new HashMap<>();
        private final ElementList resistors = new ElementList(16);
        private final ElementList voltageSources = new ElementList(16);
        private final ElementList currentSources = new ElementList(16);
        private final List<Mosfet> mosfets = new ArrayList<>();
        private final List<BehavioralSource> behavioralSources = new ArrayList<>();
        private final List<BehavioralCurrentSource> behavioralCurrents = new ArrayList<>();
        private final List<Diode> diodes = new ArrayList<>();

        private Builder() {
            nodeNames.add("0");
            nodeIndex.put("0", GROUND);
            nodeIndex.put("gnd", GROUND);
        }

        /**
         * @param name node name, case-insensitive ({@code 0} and {@code gnd} are ground)
         * @return the node's index, creating the node on first use
         */
        public int node(String name) {
            String key = name.toLowerCase(Locale.ROOT);
            Integer index = nodeIndex.get(key);
            if (index != null) {
                return index;
            }
            if (key.isEmpty()) {
                throw new InvalidParameterException("node name", "\"\"", "must not be empty");
            }
            int created = nodeNames.size();
            nodeNames.add(key);
            nodeIndex.put(key, created);
            return created;
        }

        /**
         * @param name element name
         * @param a    one terminal
         * @param b    the other terminal
         * @param ohms resistance, {@code >= 0} (0 is an ideal short)
         * @return this builder
         */
        public Builder resistor(String name, int a, int b, double ohms) {
            Checks.nonNegative(name, ohms, "ohm");
            checkNodes(name, a, b);
            resistors.add(name, a, b, ohms);
            return this;
        }

        /**
         * @param name  element name
         * @param plus  positive terminal
         * @param minus negative terminal
         * @param volts {@code v(plus) - v(minus)}
         * @return this builder
         */
        public Builder voltageSource(String name, int plus, int minus, double volts) {
            Checks.finite(name, volts, "volt");
            checkNodes(name, plus, minus);
            voltageSources.add(name, plus, minus, volts);
            return this;
        }

        /**
         * @param name element name
         * @param from node the current leaves
         * @param to   node the current enters
         * @param amps current, ampere
         * @return this builder
         */
        public Builder currentSource(String name, int from, int to, double amps) {
            Checks.finite(name, amps, "ampere");
            checkNodes(name, from, to);
            currentSources.add(name, from, to, amps);
            return this;
        }

        /**
         * @param mosfet a MOSFET on nodes of this builder
         * @return this builder
         */
        public Builder mosfet(Mosfet mosfet) {
            checkNodes(mosfet.name(), mosfet.drain(), mosfet.gate());
            checkNodes(mosfet.name(), mosfet.source(), mosfet.bulk());
            Checks.positive(mosfet.name() + " W", mosfet.width(), "m");
            Checks.positive(mosfet.name() + " L", mosfet.length(), "m");
            Checks.positive(mosfet.name() + " M", mosfet.multiplier(), "");
            Checks.nonNegative(mosfet.name() + " AD", mosfet.drainArea(), "m^2");
            Checks.nonNegative(mosfet.name() + " AS", mosfet.sourceArea(), "m^2");
            mosfets.add(mosfet);
            return this;
        }

        /**
         * @param name  element name
         * @param plus  positive terminal
         * @param minus negative terminal
         * @param value its voltage as an expression of node voltages
         * @return this builder
         */
        public Builder behavioralVoltage(String name, int plus, int minus, Expression value) {
            checkNodes(name, plus, minus);
            for (int n : value.nodes()) {
                checkNodes(name, n, n);
            }
            behavioralSources.add(new BehavioralSource(name, plus, minus, value));
            return this;
        }

        /**
         * @param name  element name
         * @param plus  the node the current leaves
         * @param minus the node the current enters
         * @param value its current, ampere, as an expression of node voltages
         * @return this builder
         */
        public Builder behavioralCurrent(String name, int plus, int minus, Expression value) {
            checkNodes(name, plus, minus);
            for (int n : value.nodes()) {
                checkNodes(name, n, n);
            }
            behavioralCurrents.add(new BehavioralCurrentSource(name, plus, minus, value));
            return this;
        }

        private void checkNodes(String element, int a, int b) {
            for (int n : new int[] {a, b}) {
                if (n < 0 || n >= nodeNames.size()) {
                    throw new InvalidParameterException(element + " node", n,
                            "must be a node of this circuit (0.." + (nodeNames.size() - 1) + ")");
                }
            }
        }

        /**
         * @param diode a diode on nodes of this builder
         * @return this builder
         */
        public Builder diode(Diode diode) {
            checkNodes(diode.name(), diode.anode(), diode.cathode());
            Checks.positive(diode.name() + " area", diode.area(), "");
            diodes.add(diode);
            return this;
        }

        /** @return the frozen circuit */
        public Circuit build() {
            return new Circuit(this);
        }
    }
}
