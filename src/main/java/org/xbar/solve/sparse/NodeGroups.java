package org.xbar.solve.sparse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.xbar.circuit.Circuit.ElementList;
import org.xbar.circuit.Circuit;
import org.xbar.error.SingularCircuitException;

/**
 * The rigid groups of a circuit: nodes joined by 0-ohm resistors (ideal wires) and by independent
 * voltage sources. Inside a group every node's voltage is the group's voltage plus a known offset,
 * a signed sum of source values along the group's spanning tree; the group that holds ground has
 * voltage 0 and every other group is one unknown (the supernode formulation of modified nodal
 * analysis). Shared by the linear {@link NodalSystem} and the Newton solver ({@code solve.newton}).
 *
 * <p>Loops of voltage sources (a source shorted, or two in parallel) and groups without a DC path
 * to ground are refused by node name before any arithmetic.
 */
public final class NodeGroups {
    private final Circuit circuit;
    private final int nodes;
    private final int[] groupOfNode;
    private final int unknowns;
    /** Nodes in breadth-first order over each group's spanning tree, roots first. */
    private final int[] treeOrder;
    /** Parent of each node in its group's tree (-1 for a root). */
    private final int[] treeParent;
    /** Source on the edge to the parent, -1 for a 0-ohm edge or a root. */
    private final int[] treeSource;
    /** +1 when the node is the source's plus terminal (v(node) = v(parent) + V), else -1. */
    private final double[] treeSign;
    /** True when a node's offset can be non-zero (a source lies on its path to the root). */
    final boolean[] carriesOffset;

    /**
     * @param circuit    the circuit
     * @param conductive extra pairs of nodes with a DC path between them (nonlinear elements),
     *                   for the floating-node check; each entry {@code {a, b}}
     */
    public NodeGroups(Circuit circuit, List<int[]> conductive) {
        this.circuit = circuit;
        this.nodes = circuit.nodeCount();
        ElementList resistors = circuit.resistors();
        ElementList sources = circuit.voltageSources();

        int[] parent = new int[nodes];
        for (int k = 0; k < nodes; k++) {
            parent[k] = k;
        }
        List<int[]> treeEdges = new ArrayList<>();
        for (int k = 0; k < resistors.size(); k++) {
            if (resistors.value(k) == 0 && union(parent, resistors.first(k), resistors.second(k))) {
                // the third entry: a source's index, or -(k + 2) for the 0-ohm resistor k (no source)
                treeEdges.add(new int[] {resistors.first(k), resistors.second(k), -(k + 2)});
            }
        }
        for (int s = 0; s < sources.size(); s++) {
            int plus = sources.first(s);
            int minus = sources.second(s);
            if (!union(parent, plus, minus)) {
                List<String> elements = new ArrayList<>(List.of(sources.name(s)));
                List<String> described = new ArrayList<>();
                for (int[] edge : loopEdges(treeEdges, plus, minus)) {
                    boolean source = edge[2] >= 0;
                    String name = source ? sources.name(edge[2]) : resistors.name(-edge[2] - 2);
                    elements.add(name);
                    described.add((source ? "voltage source " : "0-ohm ") + name);
                }
                throw new SingularCircuitException(List.of(circuit.nodeName(plus), circuit.nodeName(minus)), elements,
                        "voltage source " + sources.name(s) + " closes a loop with " + String.join(", ", described)
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
        unknowns = groups - 1;

        treeOrder = new int[nodes];
        treeParent = new int[nodes];
        treeSource = new int[nodes];
        treeSign = new double[nodes];
        buildTrees(treeEdges);
        carriesOffset = new boolean[nodes];
        for (int n : treeOrder) {
            int p = treeParent[n];
            carriesOffset[n] = p >= 0 && (treeSource[n] >= 0 || carriesOffset[p]);
        }
        requireConnected(groups, conductive);
    }

    /**
     * First phase of the resistors' stamps: reserves the positions each resistor between two
     * groups writes (both diagonals and the couplings, or one diagonal next to the ground group).
     *
     * @param pattern the pattern under construction
     * @return a handle per resistor, -1 for those that write nothing (0 ohm, or inside one group)
     */
    public int[] reserveResistors(SparsePattern pattern) {
        ElementList resistors = circuit.resistors();
        int[] handle = new int[resistors.size()];
        for (int k = 0; k < resistors.size(); k++) {
            handle[k] = -1;
            int a = resistors.first(k);
            int b = resistors.second(k);
            if (resistors.value(k) == 0 || groupOfNode[a] == groupOfNode[b]) {
                continue;
            }
            int ua = unknownOf(a);
            int ub = unknownOf(b);
            handle[k] = ua >= 0 && ub >= 0 ? pattern.reserveConductance(ua, ub) : pattern.reserve(Math.max(ua, ub), Math.max(ua, ub));
        }
        return handle;
    }

    /**
     * Second phase of the resistors' stamps: adds their conductances where
     * {@link #reserveResistors} reserved them.
     *
     * @param compiled the compiled pattern
     * @param handle   the handles it returned
     */
    public void stampResistors(SparsePattern.Compiled compiled, int[] handle) {
        ElementList resistors = circuit.resistors();
        for (int k = 0; k < resistors.size(); k++) {
            if (handle[k] < 0) {
                continue;
            }
            double g = 1.0 / resistors.value(k);
            if (unknownOf(resistors.first(k)) >= 0 && unknownOf(resistors.second(k)) >= 0) {
                compiled.addConductance(handle[k], g);
            } else {
                compiled.add(handle[k], g);
            }
        }
    }

    /**
     * @param handle the handles {@link #reserveResistors} returned
     * @return the resistors that write into the matrix and touch a node that can carry an offset
     *         (a node held by a voltage source): the only ones whose offsets reach the right-hand
     *         side, in circuit order
     */
    public int[] offsetResistors(int[] handle) {
        ElementList resistors = circuit.resistors();
        List<Integer> found = new ArrayList<>();
        for (int k = 0; k < resistors.size(); k++) {
            if (handle[k] >= 0 && (carriesOffset[resistors.first(k)] || carriesOffset[resistors.second(k)])) {
                found.add(k);
            }
        }
        return found.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The sources' part of the right-hand side, shared by the linear nodal system and every Newton
     * load: each resistor of {@code offsetResistors} carries {@code (offset_a - offset_b) / R} out
     * of its first group into its second, and each current source its current from its first node
     * to its second. Added to {@code rhs}.
     *
     * @param offsets         every node's offset from its group's unknown ({@link #offsets}), volt
     * @param offsetResistors {@link #offsetResistors}
     * @param currentAmps     each current source's current, ampere, in circuit order
     * @param rhs             the right-hand side, one value per unknown, added to
     */
    public void addSources(double[] offsets, int[] offsetResistors, double[] currentAmps, double[] rhs) {
        ElementList resistors = circuit.resistors();
        for (int k : offsetResistors) {
            int a = resistors.first(k);
            int b = resistors.second(k);
            double amps = (offsets[a] - offsets[b]) / resistors.value(k);
            int ua = unknownOf(a);
            int ub = unknownOf(b);
            if (ua >= 0) {
                rhs[ua] -= amps;
            }
            if (ub >= 0) {
                rhs[ub] += amps;
            }
        }
        ElementList currents = circuit.currentSources();
        for (int s = 0; s < currents.size(); s++) {
            int from = unknownOf(currents.first(s));
            int to = unknownOf(currents.second(s));
            if (from >= 0) {
                rhs[from] -= currentAmps[s];
            }
            if (to >= 0) {
                rhs[to] += currentAmps[s];
            }
        }
    }

    /**
     * @param node a node
     * @return the unknown of its group, or -1 in the ground group
     */
    public int unknownOf(int node) {
        return groupOfNode[node] - 1;
    }

    /** @return the unknowns: one per group other than ground's */
    public int unknowns() {
        return unknowns;
    }

    /**
     * @param a a node
     * @param b another node
     * @return whether they lie in one rigid group
     */
    public boolean sameGroup(int a, int b) {
        return groupOfNode[a] == groupOfNode[b];
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
    /** @return the tree edges on the path from a to b, from b's end */
    private List<int[]> loopEdges(List<int[]> treeEdges, int a, int b) {
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
        List<int[]> path = new ArrayList<>();
        for (int n = b; n != a && via[n] >= 0; n = from[n]) {
            path.add(treeEdges.get(via[n]));
        }
        return path;
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

    private void requireConnected(int groups, List<int[]> conductive) {
        ElementList resistors = circuit.resistors();
        List<int[]> edges = new ArrayList<>(conductive);
        for (int k = 0; k < resistors.size(); k++) {
            if (resistors.value(k) > 0) {
                edges.add(new int[] {resistors.first(k), resistors.second(k)});
            }
        }
        int[] degree = new int[groups + 1];
        for (int[] e : edges) {
            int ga = groupOfNode[e[0]];
            int gb = groupOfNode[e[1]];
            if (ga != gb) {
                degree[ga + 1]++;
                degree[gb + 1]++;
            }
        }
        for (int g = 0; g < groups; g++) {
            degree[g + 1] += degree[g];
        }
        int[] fill = Arrays.copyOf(degree, groups);
        int[] neighbour = new int[degree[groups]];
        for (int[] e : edges) {
            int ga = groupOfNode[e[0]];
            int gb = groupOfNode[e[1]];
            if (ga != gb) {
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

    /**
     * @param unknown an unknown index
     * @return the name of the first node of its group
     */
    String unknownName(int unknown) {
        for (int node = 0; node < nodes; node++) {
            if (groupOfNode[node] == unknown + 1) {
                return circuit.nodeName(node);
            }
        }
        throw new IllegalStateException("unknown " + unknown + " has no node");
    }

    /**
     * @param sourceVolts voltage source values
     * @return every node's offset from its group's voltage, volt
     */
    public double[] offsets(double[] sourceVolts) {
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
     * @param solution    one value per unknown group
     * @param sourceVolts source values
     * @return the voltage of every node, volt
     */
    public double[] nodeVoltages(double[] solution, double[] sourceVolts) {
        double[] v = offsets(sourceVolts);
        for (int node = 0; node < nodes; node++) {
            int u = unknownOf(node);
            if (u >= 0) {
                v[node] += solution[u];
            }
        }
        return v;
    }

    /**
     * The current of every voltage source from Kirchhoff's current law on the part of its group's
     * tree that the source feeds.
     *
     * @param nodeVolts   every node's voltage
     * @param currentAmps current source values, ampere
     * @param leaving     current leaving each node through elements other than resistors and
     *                    current sources (nonlinear devices), ampere; consumed (modified)
     * @return one current per voltage source, positive into its plus terminal
     */
    public double[] sourceCurrents(double[] nodeVolts, double[] currentAmps, double[] leaving) {
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
