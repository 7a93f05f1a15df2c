package org.xbar.solve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.xbar.circuit.Circuit;
import org.xbar.circuit.Circuit.ElementList;
import org.xbar.error.SingularCircuitException;
import org.xbar.error.XbarException;

/**
 * The nodal conductance system {@code G v = i} of a linear {@link Circuit}, assembled once.
 *
 * <p>Before numbering the unknowns, nodes joined by 0-ohm resistors are merged into one group (an
 * ideal wire is a merge, never a division by zero) and every group tied to ground by a voltage
 * source is fixed at that source's voltage and eliminated: its conductances to free groups go to
 * the diagonal and its voltage times them to the right-hand side. A driver {@code V} behind
 * {@code R_S} thereby becomes its Norton equivalent ({@code 1/R_S} on the diagonal, {@code V/R_S}
 * on the right), and the remaining matrix is symmetric positive definite. The matrix does not
 * depend on the source values, so a batch of inputs factors it once and only rebuilds the
 * right-hand side ({@link #rightHandSide(double[], double[], double[])}).
 *
 * <p>Groups with no conductive path to a fixed group are found before any arithmetic and
 * reported by node name ({@link SingularCircuitException}). Voltage sources between two nodes
 * that are both away from ground are not supported by this elimination and are refused.
 */
public final class NodalSystem {
    private final Circuit circuit;
    private final int[] groupOfNode;
    private final int[] unknownOfGroup;
    private final int[] sourceOfGroup;
    private final double[] signOfGroup;
    private final int[] groupOfUnknown;
    private final int unknowns;
    private final SparseMatrix matrix;
    private final int[] couplingUnknown;
    private final int[] couplingGroup;
    private final double[] couplingSiemens;
    private final int[] fixedGroupOfSource;

    private NodalSystem(Circuit circuit) {
        this.circuit = circuit;
        int nodes = circuit.nodeCount();
        ElementList resistors = circuit.resistors();
        ElementList sources = circuit.voltageSources();

        int[] parent = new int[nodes];
        for (int k = 0; k < nodes; k++) {
            parent[k] = k;
        }
        for (int k = 0; k < resistors.size(); k++) {
            if (resistors.value(k) == 0) {
                union(parent, resistors.first(k), resistors.second(k));
            }
        }
        groupOfNode = new int[nodes];
        int[] groupId = new int[nodes];
        Arrays.fill(groupId, -1);
        int groups = 0;
        int groundRoot = find(parent, Circuit.GROUND);
        groupId[groundRoot] = groups++;
        for (int k = 0; k < nodes; k++) {
            int root = find(parent, k);
            if (groupId[root] < 0) {
                groupId[root] = groups++;
            }
            groupOfNode[k] = groupId[root];
        }

        sourceOfGroup = new int[groups];
        signOfGroup = new double[groups];
        Arrays.fill(sourceOfGroup, -2);
        sourceOfGroup[0] = -1;
        fixedGroupOfSource = new int[sources.size()];
        for (int s = 0; s < sources.size(); s++) {
            int plus = groupOfNode[sources.first(s)];
            int minus = groupOfNode[sources.second(s)];
            if (plus == minus) {
                throw new SingularCircuitException(List.of(circuit.nodeName(sources.first(s)),
                        circuit.nodeName(sources.second(s))),
                        "voltage source " + sources.name(s) + " is short-circuited (its terminals are joined by 0-ohm elements)");
            }
            int fixed;
            double sign;
            if (minus == 0) {
                fixed = plus;
                sign = 1.0;
            } else if (plus == 0) {
                fixed = minus;
                sign = -1.0;
            } else {
                throw new XbarException("voltage source " + sources.name(s) + " sits between nodes "
                        + circuit.nodeName(sources.first(s)) + " and " + circuit.nodeName(sources.second(s))
                        + ", neither of them ground: the nodal solver needs every voltage source tied to ground");
            }
            if (sourceOfGroup[fixed] != -2) {
                String other = sourceOfGroup[fixed] == -1 ? "ground" : "voltage source " + sources.name(sourceOfGroup[fixed]);
                int node = sign > 0 ? sources.first(s) : sources.second(s);
                throw new SingularCircuitException(List.of(circuit.nodeName(node)),
                        "voltage source " + sources.name(s) + " and " + other + " both fix its voltage (a loop of voltage sources)");
            }
            sourceOfGroup[fixed] = s;
            signOfGroup[fixed] = sign;
            fixedGroupOfSource[s] = fixed;
        }

        unknownOfGroup = new int[groups];
        int free = 0;
        for (int g = 0; g < groups; g++) {
            unknownOfGroup[g] = sourceOfGroup[g] == -2 ? free++ : -1;
        }
        unknowns = free;
        groupOfUnknown = new int[free];
        for (int g = 0; g < groups; g++) {
            if (unknownOfGroup[g] >= 0) {
                groupOfUnknown[unknownOfGroup[g]] = g;
            }
        }
        requireConnected(groups, resistors);

        SparsePattern pattern = new SparsePattern(unknowns);
        int[] handle = new int[resistors.size()];
        int couplings = 0;
        for (int k = 0; k < resistors.size(); k++) {
            handle[k] = -1;
            int ga = groupOfNode[resistors.first(k)];
            int gb = groupOfNode[resistors.second(k)];
            if (resistors.value(k) == 0 || ga == gb) {
                continue;
            }
            int ua = unknownOfGroup[ga];
            int ub = unknownOfGroup[gb];
            if (ua >= 0 && ub >= 0) {
                handle[k] = pattern.reserveConductance(ua, ub);
            } else if (ua >= 0 || ub >= 0) {
                int u = ua >= 0 ? ua : ub;
                handle[k] = pattern.reserve(u, u);
                couplings++;
            }
        }
        SparsePattern.Compiled compiled = pattern.compile();
        couplingUnknown = new int[couplings];
        couplingGroup = new int[couplings];
        couplingSiemens = new double[couplings];
        int c = 0;
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
                couplingUnknown[c] = ua >= 0 ? ua : ub;
                couplingGroup[c] = ua >= 0 ? groupOfNode[resistors.second(k)] : groupOfNode[resistors.first(k)];
                couplingSiemens[c] = g;
                c++;
            }
        }
        matrix = compiled.matrix();
    }

    /**
     * @param circuit a linear circuit
     * @return its assembled nodal system
     * @throws SingularCircuitException when a node floats or voltage sources conflict
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

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
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
        for (int g = 0; g < groups; g++) {
            if (unknownOfGroup[g] < 0) {
                reached[g] = true;
                queue[tail++] = g;
            }
        }
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
        for (int node = 1; node < circuit.nodeCount(); node++) {
            if (!reached[groupOfNode[node]]) {
                floating.add(circuit.nodeName(node));
            }
        }
        throw new SingularCircuitException(floating,
                "no DC path to ground or to a voltage source (floating node" + (floating.size() == 1 ? ")" : "s)"));
    }

    /** @return the circuit this system was assembled from */
    public Circuit circuit() {
        return circuit;
    }

    /** @return number of unknowns (free node groups) */
    public int unknowns() {
        return unknowns;
    }

    /** @return the nodal matrix of the free groups; symmetric positive definite */
    public SparseMatrix matrix() {
        return matrix;
    }

    /**
     * @param node node index in the circuit
     * @return its unknown, or -1 when its voltage is fixed by a source or ground
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
        for (int node = 0; node < circuit.nodeCount(); node++) {
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

    private double groupVolts(int group, double[] sourceVolts) {
        int s = sourceOfGroup[group];
        return s < 0 ? 0.0 : signOfGroup[group] * sourceVolts[s];
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
        for (int c = 0; c < couplingUnknown.length; c++) {
            rhs[couplingUnknown[c]] += couplingSiemens[c] * groupVolts(couplingGroup[c], sourceVolts);
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
        double[] v = new double[circuit.nodeCount()];
        for (int node = 0; node < v.length; node++) {
            int g = groupOfNode[node];
            int u = unknownOfGroup[g];
            v[node] = u >= 0 ? solution[u] : groupVolts(g, sourceVolts);
        }
        return v;
    }

    /**
     * The current of every voltage source from Kirchhoff's current law at the node group it fixes.
     *
     * @param nodeVolts   every node's voltage, from {@link #nodeVoltages(double[], double[])}
     * @param currentAmps current source values, ampere
     * @return one current per voltage source, ampere, positive into its plus terminal
     */
    public double[] sourceCurrents(double[] nodeVolts, double[] currentAmps) {
        int groups = sourceOfGroup.length;
        double[] leaving = new double[groups];
        ElementList resistors = circuit.resistors();
        for (int k = 0; k < resistors.size(); k++) {
            int a = resistors.first(k);
            int b = resistors.second(k);
            int ga = groupOfNode[a];
            int gb = groupOfNode[b];
            if (ga == gb) {
                continue;
            }
            double amps = (nodeVolts[a] - nodeVolts[b]) / resistors.value(k);
            leaving[ga] += amps;
            leaving[gb] -= amps;
        }
        ElementList currents = circuit.currentSources();
        for (int s = 0; s < currents.size(); s++) {
            leaving[groupOfNode[currents.first(s)]] += currentAmps[s];
            leaving[groupOfNode[currents.second(s)]] -= currentAmps[s];
        }
        double[] amps = new double[fixedGroupOfSource.length];
        for (int s = 0; s < amps.length; s++) {
            int g = fixedGroupOfSource[s];
            amps[s] = signOfGroup[g] > 0 ? -leaving[g] : leaving[g];
        }
        return amps;
    }
}
