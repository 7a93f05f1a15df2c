package org.xbar.solve.sparse;

import java.util.Arrays;
import java.util.List;
import org.xbar.circuit.Circuit;
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
    private final NodeGroups groups;
    private final int unknowns;
    private final SparseMatrix matrix;
    /** Resistors between groups whose ends can carry an offset: their offsets go to the right-hand side. */
    private final int[] offsetResistors;

    private NodalSystem(Circuit circuit) {
        this.circuit = circuit;
        this.groups = new NodeGroups(circuit, List.of());
        this.unknowns = groups.unknowns();
        SparsePattern pattern = new SparsePattern(unknowns);
        int[] handle = groups.reserveResistors(pattern);
        SparsePattern.Compiled compiled = pattern.compile();
        groups.stampResistors(compiled, handle);
        matrix = compiled.matrix();
        offsetResistors = groups.offsetResistors(handle);
    }

    /**
     * @param circuit a linear circuit
     * @return its assembled nodal system
     * @throws SingularCircuitException when a node floats or voltage sources form a loop
     */
    public static NodalSystem of(Circuit circuit) {
        return new NodalSystem(circuit);
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
        return groups.unknownOf(node);
    }

    /**
     * @param unknown an unknown index
     * @return the name of the first node of its group
     */
    public String unknownName(int unknown) {
        return groups.unknownName(unknown);
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
     * Builds the right-hand side for given source values; the matrix stays as it is.
     *
     * @param sourceVolts value of each voltage source, volt, in circuit order
     * @param currentAmps value of each current source, ampere, in circuit order
     * @param rhs         receives the right-hand side, {@link #unknowns()} long
     */
    public void rightHandSide(double[] sourceVolts, double[] currentAmps, double[] rhs) {
        Arrays.fill(rhs, 0, unknowns, 0.0);
        double[] offset = offsetResistors.length > 0 ? groups.offsets(sourceVolts) : null;
        groups.addSources(offset, offsetResistors, currentAmps, rhs);
    }

    /**
     * @param solution    solution of the system, one value per unknown
     * @param sourceVolts source values the right-hand side was built with
     * @return the voltage of every circuit node, volt
     */
    public double[] nodeVoltages(double[] solution, double[] sourceVolts) {
        return groups.nodeVoltages(solution, sourceVolts);
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
        return groups.sourceCurrents(nodeVolts, currentAmps, new double[circuit.nodeCount()]);
    }
}
