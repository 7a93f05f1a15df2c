package org.xbar.solve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.xbar.circuit.Circuit;
import org.xbar.circuit.Circuit.ElementList;
import org.xbar.error.SingularCircuitException;

/**
 * The nodal conductance system {@code G u = i} of a linear {@link Circuit}, assembled once.
 *
 * <p><b>Rigid groups.</b> Before numbering the unknowns, the nodes joined by 0-ohm resistors
 * (ideal wires: a merge, never a division by zero) and by voltage sources are gathered into rigid
 * groups. Inside a group every node's voltage is the group's voltage plus a known offset, a signed
 * sum of source values along the group's spanning tree; the group that holds ground has voltage 0.
 * Each other group is one unknown, so voltage sources need no branch unknowns and the matrix stays
 * symmetric positive definite (the supernode formulation of modified nodal analysis). A driver
 * {@code V} behind {@code R_S} to ground becomes its Norton equivalent: {@code 1/R_S} on the
 * diagonal, {@code V/R_S} on the right.
 *
 * <p>The matrix does not depend on source values, so a batch of inputs factors it once and only
 * rebuilds the right-hand side ({@link #rightHandSide(double[], double[], double[])}).
 * Voltage-source currents come from Kirchhoff's current law on the subtree each source feeds
 * ({@link #sourceCurrents(double[], double[])}).
 *
 * <p>Before any arithmetic, groups without a conductive path to ground are reported by node name,
 * and so are loops of voltage sources (including a source shorted by 0-ohm elements)
 * ({@link SingularCircuitException}).
 */
public final class NodalSystem {
    private final Circuit circuit;
    private final int nodes;
    private final int[] groupOfNode;
    private final int[] unknownOfGroup;
    private final int[] groupOfUnknown;
    private final int unknowns;
    private final SparseMatrix matrix;
    /** Nodes in breadth-first order over each group's spanning tree, roots first. */
    private final int[] treeOrder;
    /** Parent of each node in its group's tree (-1 for a root). */
    private final int[] treeParent;
    /** Source on the edge to the parent, -1 for a 0-ohm edge or a root. */
    private final int[] treeSource;
    /** +1 when the node is the source's plus terminal (v(node) = v(parent) + V), else -1. */
    private final double[] treeSign;
    /** Resistors between groups whose ends can carry an offset: their offsets go to the right-hand side. */
    private final int[] offsetResistors;

    private NodalSystem(Circuit circuit) {
        this.circuit = circuit;
        this.nodes = circuit.nodeCount();
        ElementList resistors = circuit.resistors();
        ElementList sources = circuit.voltageSources();

        // Rigid edges: 0-ohm resistors first (loops of them are harmless), then voltage sources
        // (a source whose ends are already joined closes a loop: singular).
        int[] parent = new int[nodes];
        for (int k = 0; k < nodes; k++) {
            parent[k] = k;
        }
        List<int[]> treeEdges = new ArrayList<>();
        for (int k = 0; k < resistors.size(); k++) {
            if (resistors.value(k) == 0 && union(parent, resistors.first(k), resistors.second(k))) {
                treeEdges.add(new int[] {resistors.first(k), resistors.second(k), -1});
            }
        }
        for (int s = 0; s < sources.size(); s++) {
            int plus = sources.first(s);
            int minus = sources.second(s);
            if (!union(parent, plus, minus)) {
                throw new SingularCircuitException(List.of(circuit.nodeName(plus), circuit.nodeName(minus)),
                        "voltage source " + sources.name(s) + " closes a loop with " + loopPath(treeEdges, plus, minus)
                                + ": the current around a loop of voltage sources and 0-ohm elements is undetermined");
            }
            treeEdges.add(new int[] {plus, minus, s});
        }

        groupOfNode = new int[nodes];
        int[] groupId = new int[nodes];
        Arrays.fill(groupId, -1);
        int groups = 0;
        groupId[find(parent, Circuit.GROUND)] = groups++;
        for (int k = 0; k < nodes; k++) {
            int root = find(parent, k);
            if (groupId[root] < 0) {
                groupId[root] = groups++;
            }
            groupOfNode[k] = groupId[root];
        }
        unknownOfGroup = new int[groups];
        unknownOfGroup[0] = -1;
        for (int g = 1; g < groups; g++) {
            unknownOfGroup[g] = g - 1;
        }
        unknowns = groups - 1;
        groupOfUnknown = new int[unknowns];
        for (int u = 0; u < unknowns; u++) {
            groupOfUnknown[u] = u + 1;
        }

        treeOrder = new int[nodes];
        treeParent = new int[nodes];
        treeSource = new int[nodes];
        treeSign = new double[nodes];
        buildTrees(treeEdges);
        boolean[] carriesOffset = new boolean[nodes];
        for (int n : treeOrder) {
            int p = treeParent[n];
            carriesOffset[n] = p >= 0 && (treeSource[n] >= 0 || carriesOffset[p]);
        }

        requireConnected(groups, resistors);

        SparsePattern pattern = new SparsePattern(unknowns);
        int[] handle = new int[resistors.size()];
        List<Integer> offsets = new ArrayList<>();
        for (int k = 0; k < resistors.size(); k++) {
            handle[k] = -1;
            int a = resistors.first(k);
            int b = resistors.second(k);
            int ga = groupOfNode[a];
            int gb = groupOfNode[b];
            if (resistors.value(k) == 0 || ga == gb) {
                continue;
            }
            int ua = unknownOfGroup[ga];
            int ub = unknownOfGroup[gb];
            handle[k] = ua >= 0 && ub >= 0 ? pattern.reserveConductance(ua, ub)
                    : pattern.reserve(ua >= 0 ? ua : ub, ua >= 0 ? ua : ub);
            if (carriesOffset[a] || carriesOffset[b]) {
                offsets.add(k);
            }
        }
        SparsePattern.Compiled compiled = pattern.compile();
        for (int k = 0; k < resistors.size(); k++) {
            if (handle[k] < 0) {
                continue;
            }
            double g = 1.0 / resistors.value(k);
            int ua = unknownOfGroup[groupOfNode[resistors.first(k)]];
            int ub = unknownOfGroup[groupOfNode[resistors.second(k)]];
            if (ua >= 0 && ub >= 0) {
                compiled.addConductance(handle[k], g);
            } else {
                compiled.add(handle[k], g);
            }
        }
        matrix = compiled.matrix();
        offsetResistors = offsets.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * @param circuit a linear circuit
     * @return its assembled nodal system
     * @throws SingularCircuitException when a node floats or voltage sources form a loop
     */
    public static NodalSystem of(Circuit circuit) {
        return new NodalSystem(circuit);
    }

    private static int find(int[] parent, int k) {
        while (parent[k] != k) {
            parent[k] = parent[parent[k]];
            k = parent[k];
        }
        return k;
    }

    /** @return false when a and b were already joined */
    private static boolean union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra == rb) {
            return false;
        }
        parent[Math.max(ra, rb)] = Math.min(ra, rb);
        return true;
    }

    /** Names the elements of the rigid path from a to b, for the loop error. */
    private String loopPath(List<int[]> treeEdges, int a, int b) {
        int[] via = new int[nodes];
        int[] from = new int[nodes];
        Arrays.fill(via, -2);
        via[a] = -1;
        java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>(List.of(a));
        while (!queue.isEmpty() && via[b] == -2) {
            int n = queue.poll();
            for (int e = 0; e < treeEdges.size(); e++) {
                int[] edge = treeEdges.get(e);
                int other = edge[0] == n ? edge[1] : edge[1] == n ? edge[0] : -1;
                if (other >= 0 && via[other] == -2) {
                    via[other] = e;
                    from[other] = n;
                    queue.add(other);
                }
            }
        }
        List<String> names = new ArrayList<>();
        for (int n = b; n != a && via[n] >= 0; n = from[n]) {
            int[] edge = treeEdges.get(via[n]);
            names.add(edge[2] >= 0 ? "voltage source " + circuit.voltageSources().name(edge[2]) : "a 0-ohm element");
        }
        return String.join(", ", names);
    }

    /** Orders each group's spanning tree breadth-first from its root (ground for the ground group). */
    private void buildTrees(List<int[]> treeEdges) {
        int[] degree = new int[nodes + 1];
        for (int[] e : treeEdges) {
            degree[e[0] + 1]++;
            degree[e[1] + 1]++;
        }
        for (int n = 0; n < nodes; n++) {
            degree[n + 1] += degree[n];
        }
        int[] fill = Arrays.copyOf(degree, nodes);
        int[] edgeOf = new int[degree[nodes]];
        for (int e = 0; e < treeEdges.size(); e++) {
            edgeOf[fill[treeEdges.get(e)[0]]++] = e;
            edgeOf[fill[treeEdges.get(e)[1]]++] = e;
        }
        boolean[] seen = new boolean[nodes];
        Arrays.fill(treeParent, -1);
        Arrays.fill(treeSource, -1);
        int tail = 0;
        for (int start = 0; start < nodes; start++) {
            if (seen[start]) {
                continue;
            }
            seen[start] = true;
            int head = tail;
            treeOrder[tail++] = start;
            while (head < tail) {
                int n = treeOrder[head++];
                for (int p = degree[n]; p < degree[n + 1]; p++) {
                    int[] e = treeEdges.get(edgeOf[p]);
                    int other = e[0] == n ? e[1] : e[0];
                    if (seen[other]) {
                        continue;
                    }
                    seen[other] = true;
                    treeParent[other] = n;
                    treeSource[other] = e[2];
                    treeSign[other] = other == e[0] ? 1.0 : -1.0;
                    treeOrder[tail++] = other;
                }
            }
        }
    }

    private void requireConnected(int groups, ElementList resistors) {
        int[] degree = new int[groups + 1];
        for (int k = 0; k < resistors.size(); k++) {
            int ga = groupOfNode[resistors.first(k)];
            int gb = groupOfNode[resistors.second(k)];
            if (resistors.value(k) > 0 && ga != gb) {
                degree[ga + 1]++;
                degree[gb + 1]++;
            }
        }
        for (int g = 0; g < groups; g++) {
            degree[g + 1] += degree[g];
        }
        int[] fill = Arrays.copyOf(degree, groups);
        int[] neighbour = new int[degree[groups]];
        for (int k = 0; k < resistors.size(); k++) {
            int ga = groupOfNode[resistors.first(k)];
            int gb = groupOfNode[resistors.second(k)];
            if (resistors.value(k) > 0 && ga != gb) {
                neighbour[fill[ga]++] = gb;
                neighbour[fill[gb]++] = ga;
            }
        }
        boolean[] reached = new boolean[groups];
        int[] queue = new int[groups];
        int head = 0;
        int tail = 0;
        reached[0] = true;
        queue[tail++] = 0;
        while (head < tail) {
            int g = queue[head++];
            for (int p = degree[g]; p < degree[g + 1]; p++) {
                int h = neighbour[p];
                if (!reached[h]) {
                    reached[h] = true;
                    queue[tail++] = h;
                }
            }
        }
        if (tail == groups) {
            return;
        }
        List<String> floating = new ArrayList<>();
        for (int node = 1; node < nodes; node++) {
            if (!reached[groupOfNode[node]]) {
                floating.add(circuit.nodeName(node));
            }
        }
        throw new SingularCircuitException(floating,
                "no DC path to ground (floating node" + (floating.size() == 1 ? ")" : "s)"));
    }

    /** @return the circuit this system was assembled from */
    public Circuit circuit() {
        return circuit;
    }

    /** @return number of unknowns (rigid groups other than ground's) */
    public int unknowns() {
        return unknowns;
    }

    /** @return the nodal matrix of the unknown groups; symmetric positive definite */
    public SparseMatrix matrix() {
        return matrix;
    }

    /**
     * @param node node index in the circuit
     * @return its unknown, or -1 when it is in the ground group
     */
    public int unknownOfNode(int node) {
        return unknownOfGroup[groupOfNode[node]];
    }

    /**
     * @param unknown an unknown index
     * @return the name of the first node of its group
     */
    public String unknownName(int unknown) {
        int group = groupOfUnknown[unknown];
        for (int node = 0; node < nodes; node++) {
            if (groupOfNode[node] == group) {
                return circuit.nodeName(node);
            }
        }
        throw new IllegalStateException("unknown " + unknown + " has no node");
    }

    /** @return the source values the circuit was built with, volt */
    public double[] defaultSourceVolts() {
        double[] v = new double[circuit.voltageSources().size()];
        for (int s = 0; s < v.length; s++) {
            v[s] = circuit.voltageSources().value(s);
        }
        return v;
    }

    /** @return the current source values the circuit was built with, ampere */
    public double[] defaultCurrentAmps() {
        double[] i = new double[circuit.currentSources().size()];
        for (int s = 0; s < i.length; s++) {
            i[s] = circuit.currentSources().value(s);
        }
        return i;
    }

    /**
     * @param sourceVolts voltage source values
     * @return every node's offset from its group's voltage, volt
     */
    private double[] offsets(double[] sourceVolts) {
        double[] offset = new double[nodes];
        for (int n : treeOrder) {
            int p = treeParent[n];
            if (p >= 0) {
                int s = treeSource[n];
                offset[n] = offset[p] + (s >= 0 ? treeSign[n] * sourceVolts[s] : 0.0);
            }
        }
        return offset;
    }

    /**
     * Builds the right-hand side for given source values; the matrix stays as it is.
     *
     * @param sourceVolts value of each voltage source, volt, in circuit order
     * @param currentAmps value of each current source, ampere, in circuit order
     * @param rhs         receives the right-hand side, {@link #unknowns()} long
     */
    public void rightHandSide(double[] sourceVolts, double[] currentAmps, double[] rhs) {
        Arrays.fill(rhs, 0, unknowns, 0.0);
        ElementList resistors = circuit.resistors();
        if (offsetResistors.length > 0) {
            double[] offset = offsets(sourceVolts);
            for (int k : offsetResistors) {
                int a = resistors.first(k);
                int b = resistors.second(k);
                double amps = (offset[a] - offset[b]) / resistors.value(k);
                int ua = unknownOfGroup[groupOfNode[a]];
                int ub = unknownOfGroup[groupOfNode[b]];
                if (ua >= 0) {
                    rhs[ua] -= amps;
                }
                if (ub >= 0) {
                    rhs[ub] += amps;
                }
            }
        }
        ElementList currents = circuit.currentSources();
        for (int s = 0; s < currents.size(); s++) {
            int from = unknownOfGroup[groupOfNode[currents.first(s)]];
            int to = unknownOfGroup[groupOfNode[currents.second(s)]];
            if (from >= 0) {
                rhs[from] -= currentAmps[s];
            }
            if (to >= 0) {
                rhs[to] += currentAmps[s];
            }
        }
    }

    /**
     * @param solution    solution of the system, one value per unknown
     * @param sourceVolts source values the right-hand side was built with
     * @return the voltage of every circuit node, volt
     */
    public double[] nodeVoltages(double[] solution, double[] sourceVolts) {
        double[] v = offsets(sourceVolts);
        for (int node = 0; node < nodes; node++) {
            int u = unknownOfGroup[groupOfNode[node]];
            if (u >= 0) {
                v[node] += solution[u];
            }
        }
        return v;
    }

    /**
     * The current of every voltage source, from Kirchhoff's current law: the current a source
     * carries is the net current leaving the part of its rigid group's tree that it feeds.
     *
     * @param nodeVolts   every node's voltage, from {@link #nodeVoltages(double[], double[])}
     * @param currentAmps current source values, ampere
     * @return one current per voltage source, ampere, positive into its plus terminal (SPICE's sign)
     */
    public double[] sourceCurrents(double[] nodeVolts, double[] currentAmps) {
        double[] leaving = new double[nodes];
        ElementList resistors = circuit.resistors();
        for (int k = 0; k < resistors.size(); k++) {
            if (resistors.value(k) == 0) {
                continue;
            }
            int a = resistors.first(k);
            int b = resistors.second(k);
            double amps = (nodeVolts[a] - nodeVolts[b]) / resistors.value(k);
            leaving[a] += amps;
            leaving[b] -= amps;
        }
        ElementList currents = circuit.currentSources();
        for (int s = 0; s < currents.size(); s++) {
            leaving[currents.first(s)] += currentAmps[s];
            leaving[currents.second(s)] -= currentAmps[s];
        }
        double[] amps = new double[circuit.voltageSources().size()];
        for (int t = nodes - 1; t >= 0; t--) {
            int n = treeOrder[t];
            int p = treeParent[n];
            if (p < 0) {
                continue;
            }
            // leaving[n] now holds what leaves n's whole subtree: it enters through the edge from p.
            int s = treeSource[n];
            if (s >= 0) {
                // Current flows from p through the source into n: into the plus terminal when p is plus.
                amps[s] = treeSign[n] > 0 ? -leaving[n] : leaving[n];
            }
            leaving[p] += leaving[n];
        }
        return amps;
    }
}
