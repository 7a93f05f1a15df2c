package org.xbar.solve.newton;

import org.xbar.solve.sparse.NodeGroups;
import org.xbar.solve.sparse.SparsePattern;

/**
 * Where the elements of a Newton run write, in SPICE's two phases: while the system is assembled
 * ({@link Element#reserve}) each element reserves the matrix positions it will write and keeps
 * their handles; at every iteration ({@link Element#load}) it adds its linearization at the
 * present iterate through those handles and into the right-hand side. Nodes are mapped to
 * unknowns through the run's {@link NodeGroups} (a node held by a voltage source, or tied by an
 * ideal wire, shares its group's unknown plus an offset); a handle of -1 (a position in the ground
 * group) is skipped.
 */
final class Stamps {
    /** How the transistors are loaded in an iteration (ngspice's MODEINITJCT, MODEINITFIX, MODEINITFLOAT). */
    enum Mode { JUNCTION, FIX, FLOAT }

    final NodeGroups groups;
    final int nodes;
    private SparsePattern pattern;
    private SparsePattern.Compiled compiled;
    /** The right-hand side being loaded, one value per unknown. */
    double[] rhs;
    /** Every node's offset from its group's unknown, volt. */
    double[] offsets;
    /** The iterate being loaded from, one value per unknown. */
    double[] x;
    /** How the transistors are loaded. */
    Mode mode = Mode.JUNCTION;
    /** The conductance across every junction, siemens (stepped by true gmin stepping). */
    double junctionGmin;
    private final double[] volts;
    private boolean voltsCurrent;
    /** Scratch for expression gradients, by node. */
    final double[] gradient;

    /**
     * @param groups  the run's node groups
     * @param nodes   the circuit's nodes, ground included
     * @param pattern the pattern under construction (the reserve phase)
     */
    Stamps(NodeGroups groups, int nodes, SparsePattern pattern) {
        this.groups = groups;
        this.nodes = nodes;
        this.pattern = pattern;
        this.volts = new double[nodes];
        this.gradient = new double[nodes];
    }

    /**
     * Ends the reserve phase.
     *
     * @return the compiled pattern, whose matrix the loads write
     */
    SparsePattern.Compiled compile() {
        compiled = pattern.compile();
        pattern = null;
        return compiled;
    }

    /** @return the unknown of a node's group, -1 for ground's */
    int unknownOf(int node) {
        return groups.unknownOf(node);
    }

    /**
     * Reserve phase: the position (row of node a, column of node b).
     *
     * @return its handle, or -1 when either node is in the ground group
     */
    int reserve(int nodeA, int nodeB) {
        int ua = groups.unknownOf(nodeA);
        int ub = groups.unknownOf(nodeB);
        return ua >= 0 && ub >= 0 ? pattern.reserve(ua, ub) : -1;
    }

    /**
     * Reserve phase: a position by unknowns (a branch row or column), -1 when either is negative.
     *
     * @return its handle, or -1
     */
    int reserveUnknowns(int ua, int ub) {
        return ua >= 0 && ub >= 0 ? pattern.reserve(ua, ub) : -1;
    }

    /** Starts the load of an iterate: the node voltages are computed again when first asked for. */
    void begin(double[] iterate, double[] rhsToLoad, double[] nodeOffsets) {
        this.x = iterate;
        this.rhs = rhsToLoad;
        this.offsets = nodeOffsets;
        this.voltsCurrent = false;
    }

    /** Load phase: adds to a reserved position (nothing for -1). */
    void add(int handle, double value) {
        if (handle >= 0) {
            compiled.add(handle, value);
        }
    }

    /** Load phase: adds a current into a node's row of the right-hand side (nothing in the ground group). */
    void addRhs(int node, double amps) {
        int u = groups.unknownOf(node);
        if (u >= 0) {
            rhs[u] += amps;
        }
    }

    /** @return a node's voltage at the iterate being loaded, volt */
    double nodeVoltage(int node) {
        int u = groups.unknownOf(node);
        return u >= 0 ? x[u] + offsets[node] : offsets[node];
    }

    /** @return every node's voltage at the iterate being loaded, computed once per load (do not write) */
    double[] nodeVoltages() {
        if (!voltsCurrent) {
            for (int n = 0; n < nodes; n++) {
                volts[n] = nodeVoltage(n);
            }
            voltsCurrent = true;
        }
        return volts;
    }
}
