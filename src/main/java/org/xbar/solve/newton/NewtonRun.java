package org.xbar.solve.newton;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.xbar.circuit.BehavioralCurrentSource;
import org.xbar.circuit.BehavioralSource;
import org.xbar.circuit.Circuit;
import org.xbar.circuit.Diode;
import org.xbar.circuit.Mosfet;
import org.xbar.results.CircuitSolution;
import org.xbar.results.SolverStatistics;
import org.xbar.solve.sparse.LinearSolver;
import org.xbar.solve.sparse.NodeGroups;
import org.xbar.solve.sparse.SparseLuSolver;
import org.xbar.solve.sparse.SparsePattern;

/**
 * One operating-point computation ({@link NewtonSolver}): the system assembled once, the Newton
 * iteration of ngspice's {@code NIiter} ({@link #iterate}), and the state the continuation methods
 * ({@link Continuation}) step and restore.
 *
 * <p>Each iteration loads the linear part - the resistors' matrix, assembled once and copied, the
 * sources' right-hand side from the same assembly as the linear nodal system
 * ({@link NodeGroups#addSources}), and the stepped gmin - then every {@link Element} in turn
 * (transistors, behavioral voltage sources, behavioral current sources), refactors the sparse LU
 * numerically on the ordering analyzed once, and solves.
 */
final class NewtonRun {
    /**
     * The linear solver of every Newton iteration: a sparse LU ordered once per circuit (approximate
     * minimum degree), refactored numerically each iteration, with a pivot tolerance of 0.1 (the
     * diagonal stays the pivot while it is a tenth of its column's largest, keeping the ordering's
     * sparsity across iterations; an exactly singular linearisation makes the iteration fail).
     */
    private static final LinearSolver LU = new SparseLuSolver(0.1);

    final Circuit circuit;
    final NewtonOptions options;
    private final NodeGroups groups;
    private final int nodes;
    private final int groupUnknowns;
    /** Group unknowns, then one branch current per behavioral voltage source; internal nodes follow. */
    private final int branchUnknowns;
    private final int unknowns;
    private final int vSources;
    private final List<Element> elements = new ArrayList<>();
    private final Stamps stamps;
    private final SparsePattern.Compiled compiled;
    private final double[] linearValues;
    private final int[] offsetResistors;
    private final int[] diagonalHandle;
    private final int[] nodesInGroup;
    private final LinearSolver.Symbolic symbolic;
    private final double[] currentAmps;

    /** Every independent source's scale, 0 to 1 (source stepping). */
    double sourceFactor = 1.0;
    /** A conductance from every node to ground, siemens (dynamic gmin stepping); 0 without. */
    double diagonalGmin;
    private double[] xOld;
    private double[] currentsOld;
    private double[] savedX;
    private double[] savedCurrents;
    private int totalIterations;
    /** Iterations of the last {@link #iterate} call. */
    int lastIterations;
    private String lastWorstNode = "";
    private double lastWorstChange;
    /** Whether the last iteration stopped on a singular linearized matrix. */
    private boolean lastSingular;
    /** The element whose value was not finite in the last load, or null. */
    private Element nonFinite;
    /** The methods tried, for the statistics and messages. */
    final List<String> path = new ArrayList<>();

    NewtonRun(Circuit circuit, NewtonOptions options) {
        this(circuit, options, List.of(), List.of());
    }

    /**
     * @param circuit    the circuit
     * @param options    the settings
     * @param extra      elements the circuit does not hold (a layer's linear multiport), loaded
     *                   after its own
     * @param conductive node pairs the extra elements join, for the check that every node has a
     *                   DC path to ground
     */
    NewtonRun(Circuit circuit, NewtonOptions options, List<Element> extra, List<int[]> conductive) {
        this.circuit = circuit;
        this.options = options;
        this.nodes = circuit.nodeCount();
        List<int[]> joined = new ArrayList<>(conductive);
        for (Mosfet m : circuit.mosfets()) {
            joined.add(new int[] {m.drain(), m.source()});
            joined.add(new int[] {m.drain(), m.bulk()});
            joined.add(new int[] {m.source(), m.bulk()});
        }
        for (BehavioralSource b : circuit.behavioralSources()) {
            joined.add(new int[] {b.plus(), b.minus()});
        }
        for (BehavioralCurrentSource b : circuit.behavioralCurrents()) {
            joined.add(new int[] {b.plus(), b.minus()});
        }
        for (Diode d : circuit.diodes()) {
            joined.add(new int[] {d.anode(), d.cathode()});
        }
        groups = new NodeGroups(circuit, joined);
        groupUnknowns = groups.unknowns();
        branchUnknowns = groupUnknowns + circuit.behavioralSources().size();
        int internalNodes = 0;
        for (Diode d : circuit.diodes()) {
            internalNodes += d.model().seriesOhms() > 0 ? 1 : 0;
        }
        unknowns = branchUnknowns + internalNodes;
        vSources = circuit.voltageSources().size();

        SparsePattern pattern = new SparsePattern(unknowns);
        int[] resistorHandle = groups.reserveResistors(pattern);
        offsetResistors = groups.offsetResistors(resistorHandle);
        diagonalHandle = new int[groupUnknowns];
        nodesInGroup = new int[groupUnknowns];
        for (int u = 0; u < groupUnknowns; u++) {
            diagonalHandle[u] = pattern.reserve(u, u);
        }
        for (int n = 0; n < nodes; n++) {
            if (groups.unknownOf(n) >= 0) {
                nodesInGroup[groups.unknownOf(n)]++;
            }
        }
        for (Mosfet m : circuit.mosfets()) {
            elements.add(new MosfetElement(new LevelOneMosfet(m, options.kelvin(), options.nominalKelvin())));
        }
        List<BehavioralSource> behavioral = circuit.behavioralSources();
        for (int k = 0; k < behavioral.size(); k++) {
            elements.add(new BehavioralVoltageElement(behavioral.get(k), groupUnknowns + k));
        }
        for (BehavioralCurrentSource b : circuit.behavioralCurrents()) {
            elements.add(new BehavioralCurrentElement(b));
        }
        int internal = branchUnknowns;
        for (Diode d : circuit.diodes()) {
            elements.add(new DiodeElement(d, d.model().seriesOhms() > 0 ? internal++ : -1, options));
        }
        elements.addAll(extra);
        stamps = new Stamps(groups, nodes, pattern);
        stamps.junctionGmin = options.gmin();
        for (Element e : elements) {
            e.reserve(stamps);
        }
        compiled = stamps.compile();
        groups.stampResistors(compiled, resistorHandle);
        linearValues = compiled.matrix().values().clone();
        symbolic = LU.analyze(compiled.matrix());
        currentAmps = new double[circuit.currentSources().size()];
        xOld = new double[unknowns];
        currentsOld = new double[vSources];
    }

    // ----- the state continuation steps -----

    /** @return how the transistors are loaded next */
    Stamps.Mode mode() {
        return stamps.mode;
    }

    /** Sets how the transistors are loaded next. */
    void mode(Stamps.Mode mode) {
        stamps.mode = mode;
    }

    /** Sets the conductance across every junction, siemens. */
    void junctionGmin(double gmin) {
        stamps.junctionGmin = gmin;
    }

    /** Starts from 0 V with no element state. */
    void zeroState() {
        Arrays.fill(xOld, 0.0);
        Arrays.fill(currentsOld, 0.0);
        for (Element e : elements) {
            e.reset();
        }
    }

    /** Saves the iterate and the elements' state. */
    void save() {
        savedX = xOld.clone();
        savedCurrents = currentsOld.clone();
        for (Element e : elements) {
            e.save();
        }
    }

    /** Returns to the last {@link #save()}. */
    void restore() {
        xOld = savedX.clone();
        currentsOld = savedCurrents.clone();
        for (Element e : elements) {
            e.restore();
        }
    }

    // ----- one Newton run (ngspice NIiter) -----

    /**
     * @param iterationLimit the cap (at least 100 is used, as ngspice does)
     * @param startMode      how the transistors are loaded in the first iteration
     * @return true when it converged; the iterate then holds the answer
     */
    boolean iterate(int iterationLimit, Stamps.Mode startMode) {
        stamps.mode = startMode;
        int limit = Math.max(iterationLimit, 100);
        int iteration = 0;
        double[] offsets = offsets();
        double[] rhs = new double[unknowns];
        double[] xNew = new double[unknowns];
        while (true) {
            int noncon = load(offsets, rhs);
            iteration++;
            totalIterations++;
            lastIterations = iteration;
            if (nonFinite != null) {
                lastSingular = false;
                return false;
            }
            if (!solve(rhs, xNew)) {
                lastSingular = true;
                return false;
            }
            lastSingular = false;
            double[] currentsNew = branchCurrents(xNew, offsets);
            recordLargestChange(xNew);
            if (iteration > limit) {
                return false;
            }
            boolean converged = noncon == 0 && iteration != 1 && converged(xNew, currentsNew, offsets);
            if (stamps.mode == Stamps.Mode.JUNCTION) {
                stamps.mode = Stamps.Mode.FIX;
            } else if (stamps.mode == Stamps.Mode.FIX) {
                if (converged) {
                    stamps.mode = Stamps.Mode.FLOAT;
                }
            } else if (converged) {
                return true;
            }
            System.arraycopy(xNew, 0, xOld, 0, unknowns);
            currentsOld = currentsNew;
        }
    }

    private double[] offsets() {
        double[] volts = new double[vSources];
        for (int s = 0; s < vSources; s++) {
            volts[s] = sourceFactor * circuit.voltageSources().value(s);
        }
        return groups.offsets(volts);
    }

    /**
     * Loads the matrix and right-hand side at the present iterate: the linear part, then every
     * element.
     *
     * @return the number of elements that limited a voltage
     */
    private int load(double[] offsets, double[] rhs) {
        double[] values = compiled.matrix().values();
        System.arraycopy(linearValues, 0, values, 0, values.length);
        Arrays.fill(rhs, 0.0);
        for (int s = 0; s < currentAmps.length; s++) {
            currentAmps[s] = sourceFactor * circuit.currentSources().value(s);
        }
        groups.addSources(offsets, offsetResistors, currentAmps, rhs);
        if (diagonalGmin > 0) {
            for (int n = 0; n < nodes; n++) {
                int u = groups.unknownOf(n);
                if (u >= 0) {
                    rhs[u] -= diagonalGmin * offsets[n];
                }
            }
            for (int u = 0; u < groupUnknowns; u++) {
                compiled.add(diagonalHandle[u], diagonalGmin * nodesInGroup[u]);
            }
        }
        stamps.begin(xOld, rhs, offsets);
        int noncon = 0;
        nonFinite = null;
        for (Element e : elements) {
            noncon += e.load(stamps);
            if (e.nonFinite() != null) {
                nonFinite = e;
            }
        }
        return noncon;
    }

    private boolean solve(double[] rhs, double[] x) {
        if (unknowns == 0) {
            return true;
        }
        java.util.Optional<LinearSolver.Factorization> factor = symbolic.refactor(compiled.matrix());
        if (factor.isEmpty()) {
            return false;
        }
        factor.get().solve(rhs, x);
        for (double v : x) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private double[] allVoltages(double[] x, double[] offsets) {
        double[] v = new double[nodes];
        for (int n = 0; n < nodes; n++) {
            int u = groups.unknownOf(n);
            v[n] = u >= 0 ? x[u] + offsets[n] : offsets[n];
        }
        return v;
    }

    /**
     * Independent voltage-source currents at a new iterate, as ngspice's branch unknowns would
     * hold them: Kirchhoff's law with every element at its stamped linearisation.
     */
    private double[] branchCurrents(double[] x, double[] offsets) {
        if (vSources == 0) {
            return new double[0];
        }
        double[] volts = allVoltages(x, offsets);
        double[] leaving = new double[nodes];
        for (Element e : elements) {
            e.addLeaving(volts, x, leaving);
        }
        if (diagonalGmin > 0) {
            for (int n = 1; n < nodes; n++) {
                leaving[n] += diagonalGmin * volts[n];
            }
        }
        double[] amps = new double[circuit.currentSources().size()];
        for (int s = 0; s < amps.length; s++) {
            amps[s] = sourceFactor * circuit.currentSources().value(s);
        }
        return groups.sourceCurrents(volts, amps, leaving);
    }

    /** Remembers the node that moved most in the last iteration, for the failure message. */
    private void recordLargestChange(double[] xNew) {
        double worst = -1;
        for (int n = 1; n < nodes; n++) {
            int u = groups.unknownOf(n);
            if (u < 0) {
                continue;
            }
            double change = Math.abs(xNew[u] - xOld[u]);
            // a node whose voltage is no longer a number is the worst of all
            if (Double.isNaN(change) || change > worst) {
                worst = Double.isNaN(change) ? Double.POSITIVE_INFINITY : change;
                lastWorstNode = circuit.nodeName(n);
                lastWorstChange = change;
            }
        }
    }

    /** ngspice's NIconvTest on the new iterate. */
    private boolean converged(double[] xNew, double[] currentsNew, double[] offsets) {
        boolean ok = true;
        for (int n = 1; n < nodes; n++) {
            int u = groups.unknownOf(n);
            if (u < 0) {
                continue;
            }
            double a = xNew[u] + offsets[n];
            double b = xOld[u] + offsets[n];
            double change = Math.abs(a - b);
            if (!(change <= options.reltol() * Math.max(Math.abs(a), Math.abs(b)) + options.vntol())) {
                ok = false;
            }
        }
        for (int s = 0; s < currentsNew.length; s++) {
            double a = currentsNew[s];
            double b = currentsOld[s];
            if (!(Math.abs(a - b) <= options.reltol() * Math.max(Math.abs(a), Math.abs(b)) + options.abstol())) {
                ok = false;
            }
        }
        for (int k = groupUnknowns; k < branchUnknowns; k++) {
            double a = xNew[k];
            double b = xOld[k];
            if (!(Math.abs(a - b) <= options.reltol() * Math.max(Math.abs(a), Math.abs(b)) + options.abstol())) {
                ok = false;
            }
        }
        // internal nodes (a diode's behind its series resistance) are node voltages
        for (int k = branchUnknowns; k < unknowns; k++) {
            double a = xNew[k];
            double b = xOld[k];
            if (!(Math.abs(a - b) <= options.reltol() * Math.max(Math.abs(a), Math.abs(b)) + options.vntol())) {
                ok = false;
            }
        }
        // ngspice's device tests (CKTconvTest, called by NIconvTest once the nodes pass) count
        // non-convergence in CKTnoncon, which NIiter then overwrites with NIconvTest's return value,
        // OK: as there, only the unknowns and the limiting decide
        return ok;
    }

    // ----- the outcome -----

    /** @return iterations over every method tried */
    int totalIterations() {
        return totalIterations;
    }

    /** @return the node that moved most in the last iteration */
    String lastWorstNode() {
        return lastWorstNode;
    }

    /** @return how much it moved, volt */
    double lastWorstChange() {
        return lastWorstChange;
    }

    /** @return whether the last iteration stopped on a singular matrix */
    boolean lastSingular() {
        return lastSingular;
    }

    /** @return the element whose value was not finite in the last load, or null */
    Element nonFinite() {
        return nonFinite;
    }

    /**
     * @param nanos the time the whole computation took
     * @return every node voltage and every voltage-source and behavioral-source current
     */
    CircuitSolution solution(long nanos) {
        double[] volts = allVoltages(xOld, offsets());
        List<BehavioralSource> behavioral = circuit.behavioralSources();
        String[] names = new String[vSources + behavioral.size()];
        double[] amps = new double[names.length];
        for (int s = 0; s < vSources; s++) {
            names[s] = circuit.voltageSources().name(s);
            amps[s] = currentsOld[s];
        }
        for (int k = 0; k < behavioral.size(); k++) {
            names[vSources + k] = behavioral.get(k).name();
            amps[vSources + k] = xOld[groupUnknowns + k];
        }
        String[] nodeNames = new String[nodes];
        for (int n = 0; n < nodes; n++) {
            nodeNames[n] = circuit.nodeName(n);
        }
        SolverStatistics stats = new SolverStatistics("newton (" + String.join(", then ", path) + ")",
                totalIterations, 0.0, nanos, SolverStatistics.Path.NEWTON);
        return new CircuitSolution(nodeNames, volts, names, amps, circuit::nodeIndex, stats);
    }
}
