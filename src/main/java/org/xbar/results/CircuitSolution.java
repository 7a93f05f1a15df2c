package org.xbar.results;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.ToIntFunction;

/**
 * The DC operating point of a generic circuit: the voltage of every node and the current of every
 * voltage source (positive into the source's plus terminal, as SPICE reports it), with lookup by
 * name and the solver's statistics.
 */
public final class CircuitSolution {
    private final String[] nodeNames;
    private final double[] nodeVolts;
    private final String[] sourceNames;
    private final double[] sourceAmps;
    private final ToIntFunction<String> nodeIndex;
    private final SolverStatistics statistics;

    /**
     * @param nodeNames   node names by index (index 0 is ground)
     * @param nodeVolts   node voltages by index, volt
     * @param sourceNames voltage source names by index
     * @param sourceAmps  voltage source currents by index, ampere
     * @param nodeIndex   maps a lower-case node name to its index, -1 when absent
     * @param statistics  the solver's statistics
     */
    public CircuitSolution(String[] nodeNames, double[] nodeVolts, String[] sourceNames, double[] sourceAmps,
            ToIntFunction<String> nodeIndex, SolverStatistics statistics) {
        this.nodeNames = nodeNames.clone();
        this.nodeVolts = nodeVolts.clone();
        this.sourceNames = sourceNames.clone();
        this.sourceAmps = sourceAmps.clone();
        this.nodeIndex = nodeIndex;
        this.statistics = statistics;
    }

    /**
     * @param node node name, case-insensitive
     * @return its voltage, volt
     * @throws IllegalArgumentException when there is no such node
     */
    public double voltage(String node) {
        int index = nodeIndex.applyAsInt(node.toLowerCase(Locale.ROOT));
        if (index < 0) {
            throw new IllegalArgumentException("no node named " + node);
        }
        return nodeVolts[index];
    }

    /**
     * @param node node index
     * @return its voltage, volt
     */
    public double voltage(int node) {
        return nodeVolts[node];
    }

    /**
     * @param source voltage source name, case-insensitive
     * @return its current, ampere, positive into its plus terminal
     * @throws IllegalArgumentException when there is no such source
     */
    public double sourceCurrent(String source) {
        for (int k = 0; k < sourceNames.length; k++) {
            if (sourceNames[k].equalsIgnoreCase(source)) {
                return sourceAmps[k];
            }
        }
        throw new IllegalArgumentException("no voltage source named " + source);
    }

    /** @return node voltages by index, volt (a copy) */
    public double[] nodeVoltages() {
        return nodeVolts.clone();
    }

    /** @return node names by index (a copy) */
    public String[] nodeNames() {
        return nodeNames.clone();
    }

    /** @return voltage source currents by index, ampere (a copy) */
    public double[] sourceCurrents() {
        return sourceAmps.clone();
    }

    /** @return voltage source names by index (a copy) */
    public String[] sourceNames() {
        return sourceNames.clone();
    }

    /** @return the solver's statistics */
    public SolverStatistics statistics() {
        return statistics;
    }

    @Override
    public String toString() {
        return "CircuitSolution[" + nodeNames.length + " nodes, " + sourceNames.length + " sources, "
                + statistics + ", v=" + Arrays.toString(Arrays.copyOf(nodeVolts, Math.min(4, nodeVolts.length))) + "...]";
    }
}
