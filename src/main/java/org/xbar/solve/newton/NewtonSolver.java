package org.xbar.solve.newton;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.xbar.circuit.BehavioralCurrentSource;
import org.xbar.circuit.BehavioralSource;
import org.xbar.circuit.Circuit.ElementList;
import org.xbar.circuit.Circuit;
import org.xbar.circuit.Mosfet;
import org.xbar.error.InvalidParameterException;
import org.xbar.error.NoConvergenceException;
import org.xbar.results.CircuitSolution;
import org.xbar.results.SolverStatistics;
import org.xbar.solve.sparse.LinearSolver;
import org.xbar.solve.sparse.NodeGroups;
import org.xbar.solve.sparse.SparseLuSolver;
import org.xbar.solve.sparse.SparseMatrix;
import org.xbar.solve.sparse.SparsePattern;

/**
 * DC operating point of a circuit with level-1 MOSFETs and behavioral sources, by Newton-Raphson
 * iteration, following ngspice 39's {@code .op} step by step so that both report the same numbers:
 *
 * <ul>
 *   <li><b>Iteration</b> ({@code NIiter}): the first iteration loads every transistor at its
 *       junction-initialising voltages ({@code vbs = -1}, {@code vgs = VTO}, {@code vds = 0}), the
 *       second fixes them from the solution, later ones float. Each evaluates the devices at the
 *       previous solution after voltage limiting ({@link LevelOneMosfet}), stamps their linearised
 *       companion models into the sparse system - assembled once, two-phase - and solves it by
 *       sparse LU. The first iteration never counts as converged.</li>
 *   <li><b>Convergence</b> ({@code NIconvTest}): every node voltage within
 *       {@code reltol max(|new|, |old|) + vntol} of the previous iterate, every voltage-source and
 *       behavioral-source current within {@code reltol max + abstol}, and no junction limiting in
 *       the iteration. The answer reported is, as in ngspice, the iterate the last system was built
 *       from.</li>
 *   <li><b>When plain Newton fails</b> ({@code CKTop}): dynamic gmin stepping (a conductance from
 *       every node to ground, from 1e-3 S down by an adaptive factor of up to 10), then "true"
 *       gmin stepping (the junctions' gmin itself), then Gillespie source stepping (every
 *       independent source scaled from 0 up to 100 %, adaptively). With {@code gminsteps > 1} or
 *       {@code srcsteps > 1}, SPICE3's fixed-step variants run instead.</li>
 *   <li><b>Failure</b>: a {@link NoConvergenceException} naming the node that changed most in the
 *       last iteration and by how much.</li>
 * </ul>
 *
 * <p>Independent voltage sources and ideal wires are supernodes (see {@link NodeGroups}): this
 * eliminates their branch unknowns but gives the same iterates. Behavioral voltage sources keep a
 * branch current unknown. A behavioral current source {@code I = f(v)} (a nonlinear crossbar device
 * among them) is stamped as ngspice's ASRC load does: its linearization
 * {@code f(v0) + grad f(v0) . (v - v0)} with the exact gradient in the rows of its two terminals,
 * at positions reserved once; ngspice's device convergence test for it compares the expression at
 * the iterate it was loaded from with itself, so, as there, only the node voltages decide
 * convergence. An expression that is not finite at an iterate (a logarithm of a negative number,
 * an overflow) fails that iteration as a singular matrix does: continuation follows, and in the end
 * a {@link NoConvergenceException} names the source. Defaults are ngspice's: {@code reltol} 1e-3, {@code vntol} 1e-6 V,
 * {@code abstol} 1e-12 A, {@code gmin} 1e-12 S, {@code itl1} 100, {@code itl2} 50, 27 C.
 */
public final class NewtonSolver {
    /**
     * The linear solver of every Newton iteration: a sparse LU ordered once per circuit (approximate
     * minimum degree), refactored numerically each iteration, with a pivot tolerance of 0.1 (the
     * diagonal stays the pivot while it is a tenth of its column's largest, keeping the ordering's
     * sparsity across iterations; an exactly singular linearisation makes the iteration fail).
     */
    private static final LinearSolver LU = new SparseLuSolver(0.1);

    private final Options options;

    /**
     * Solver settings, named as ngspice's {@code .options}.
     *
     * @param reltol       relative tolerance of the convergence test
     * @param vntol        absolute voltage tolerance, volt
     * @param abstol       absolute current tolerance, ampere
     * @param gmin         conductance across every junction, siemens
     * @param itl1         iteration limit of a plain solve (at least 100 is used, as ngspice does)
     * @param itl2         iteration limit of a stepping solve, which also paces the stepping
     * @param gminSteps    1: dynamic then true gmin stepping; more: SPICE3 gmin stepping; 0: none
     * @param sourceSteps  1: Gillespie source stepping; more: SPICE3 source stepping; 0: none
     * @param noOpIter     skip plain Newton and start with gmin stepping
     * @param kelvin       circuit temperature, K
     * @param nominalKelvin nominal temperature of models without their own TNOM, K
     */
    public record Options(double reltol, double vntol, double abstol, double gmin, int itl1, int itl2, int gminSteps,
            int sourceSteps, boolean noOpIter, double kelvin, double nominalKelvin) {
        /** ngspice's defaults. */
        public static final Options DEFAULT = new Options(1e-3, 1e-6, 1e-12, 1e-12, 100, 50, 1, 1, false,
                LevelOneMosfet.REFERENCE_KELVIN, LevelOneMosfet.REFERENCE_KELVIN);

        /** Validates the settings. */
        public Options {
            positive("reltol", reltol);
            positive("vntol", vntol);
            positive("abstol", abstol);
            if (!(gmin >= 0)) {
                throw new InvalidParameterException("gmin", gmin, "must be >= 0 S");
            }
            if (itl1 < 1 || itl2 < 1) {
                throw new InvalidParameterException(itl1 < 1 ? "itl1" : "itl2", Math.min(itl1, itl2), "must be >= 1");
            }
            if (gminSteps < 0 || sourceSteps < 0) {
                throw new InvalidParameterException(gminSteps < 0 ? "gminsteps" : "srcsteps",
                        Math.min(gminSteps, sourceSteps), "must be >= 0");
            }
            positive("temp", kelvin);
            positive("tnom", nominalKelvin);
        }

        private static void positive(String name, double value) {
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new InvalidParameterException(name, value, "must be finite and > 0");
            }
        }

        /**
         * @param spice options as a netlist sets them, by lower-case ngspice name ({@code reltol},
         *              {@code vntol}, {@code abstol}, {@code gmin}, {@code itl1}, {@code itl2},
         *              {@code gminsteps}, {@code srcsteps}, {@code noopiter}, {@code temp} and
         *              {@code tnom} in Celsius); others are ignored
         * @return the defaults with those options applied
         */
        public static Options fromSpice(java.util.Map<String, Double> spice) {
            Options d = DEFAULT;
            java.util.function.BiFunction<String, Double, Double> get = (k, v) -> spice.getOrDefault(k, v);
            return new Options(get.apply("reltol", d.reltol), get.apply("vntol", d.vntol), get.apply("abstol", d.abstol),
                    get.apply("gmin", d.gmin), (int) Math.round(get.apply("itl1", (double) d.itl1)),
                    (int) Math.round(get.apply("itl2", (double) d.itl2)),
                    (int) Math.round(get.apply("gminsteps", (double) d.gminSteps)),
                    (int) Math.round(get.apply("srcsteps", (double) d.sourceSteps)), get.apply("noopiter", 0.0) != 0,
                    get.apply("temp", d.kelvin - 273.15) + 273.15, get.apply("tnom", d.nominalKelvin - 273.15) + 273.15);
        }

        /**
         * @param gminStepping  allow gmin stepping
         * @param sourceStepping allow source stepping
         * @return a copy with the continuation methods switched on or off
         */
        public Options withContinuation(boolean gminStepping, boolean sourceStepping) {
            return new Options(reltol, vntol, abstol, gmin, itl1, itl2, gminStepping ? Math.max(1, gminSteps) : 0,
                    sourceStepping ? Math.max(1, sourceSteps) : 0, noOpIter, kelvin, nominalKelvin);
        }

        /**
         * @param newReltol relative tolerance
         * @param newVntol  voltage tolerance, volt
         * @param newAbstol current tolerance, ampere
         * @return a copy with other convergence tolerances
         */
        public Options withTolerances(double newReltol, double newVntol, double newAbstol) {
            return new Options(newReltol, newVntol, newAbstol, gmin, itl1, itl2, gminSteps, sourceSteps, noOpIter, kelvin,
                    nominalKelvin);
        }
    }

    /** ngspice's defaults. */
    public NewtonSolver() {
        this(Options.DEFAULT);
    }

    /**
     * @param options solver settings
     */
    public NewtonSolver(Options options) {
        this.options = options;
    }

    /**
     * @param circuit a circuit, linear or not
     * @return every node voltage and every voltage-source and behavioral-source current
     * @throws NoConvergenceException when no method converges, naming the node that moved most
     */
    public CircuitSolution solve(Circuit circuit) {
        long start = System.nanoTime();
        Run run = new Run(circuit, options);
        run.operatingPoint();
        return run.solution(System.nanoTime() - start);
    }

    private enum Mode { JUNCTION, FIX, FLOAT }

    /** One operating-point computation: the assembled system and the Newton state. */
    private static final class Run {
        private final Circuit circuit;
        private final Options options;
        private final NodeGroups groups;
        private final int nodes;
        private final int groupUnknowns;
        private final int unknowns;
        private final List<LevelOneMosfet> devices = new ArrayList<>();
        private final LevelOneMosfet.State[] states;
        private final LevelOneMosfet.State[] savedStates;
        private final LevelOneMosfet.Evaluation[] evaluations;
        private final SparsePattern.Compiled compiled;
        private final double[] linearValues;
        private final int[] diagonalHandle;
        private final int[] nodesInGroup;
        private final int[][] deviceHandle;
        private final int[][] behavioralHandle;
        private final int[][] behavioralNodes;
        /** Per behavioral current source: the nodes its expression reads (ground left out). */
        private final int[][] currentNodes;
        /** Per behavioral current source: handles of (plus, node r) then (minus, node r), -1 where nothing is written. */
        private final int[][] currentHandle;
        /** Per behavioral current source: its value at the iterate it was last loaded from, ampere. */
        private final double[] currentValue;
        /** Per behavioral current source: its derivative by each node it reads, at that iterate, siemens. */
        private final double[][] currentGradient;
        /** Node voltages of the iterate last loaded (every node), and a gradient buffer, by node. */
        private final double[] loadVolts;
        private final double[] gradient;
        /** The behavioral source whose expression was not finite in the last load, or null. */
        private String nonFiniteSource;
        private double nonFiniteValue;
        private final LinearSolver.Symbolic symbolic;
        private final int vSources;

        private double sourceFactor = 1.0;
        private double diagonalGmin = 0.0;
        private double junctionGmin;
        private Mode mode = Mode.JUNCTION;
        private double[] xOld;
        private double[] currentsOld;
        private double[] savedX;
        private double[] savedCurrents;
        private int totalIterations;
        private int lastIterations;
        private String lastWorstNode = "";
        private double lastWorstChange;
        /** Whether the last iteration stopped on a singular linearized matrix. */
        private boolean lastSingular;
        private final List<String> path = new ArrayList<>();

        Run(Circuit circuit, Options options) {
            this.circuit = circuit;
            this.options = options;
            this.nodes = circuit.nodeCount();
            this.junctionGmin = options.gmin();
            List<int[]> conductive = new ArrayList<>();
            for (Mosfet m : circuit.mosfets()) {
                conductive.add(new int[] {m.drain(), m.source()});
                conductive.add(new int[] {m.drain(), m.bulk()});
                conductive.add(new int[] {m.source(), m.bulk()});
            }
            for (BehavioralSource b : circuit.behavioralSources()) {
                conductive.add(new int[] {b.plus(), b.minus()});
            }
            for (BehavioralCurrentSource b : circuit.behavioralCurrents()) {
                conductive.add(new int[] {b.plus(), b.minus()});
            }
            groups = new NodeGroups(circuit, conductive);
            groupUnknowns = groups.unknowns();
            unknowns = groupUnknowns + circuit.behavioralSources().size();
            vSources = circuit.voltageSources().size();

            SparsePattern pattern = new SparsePattern(unknowns);
            int[] resistorHandle = groups.reserveResistors(pattern);
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
            deviceHandle = new int[circuit.mosfets().size()][16];
            for (int d = 0; d < circuit.mosfets().size(); d++) {
                Mosfet m = circuit.mosfets().get(d);
                devices.add(new LevelOneMosfet(m, options.kelvin(), options.nominalKelvin()));
                int[] terminals = {m.drain(), m.gate(), m.source(), m.bulk()};
                for (int a = 0; a < 4; a++) {
                    for (int b = 0; b < 4; b++) {
                        int ua = groups.unknownOf(terminals[a]);
                        int ub = groups.unknownOf(terminals[b]);
                        deviceHandle[d][4 * a + b] = ua >= 0 && ub >= 0 ? pattern.reserve(ua, ub) : -1;
                    }
                }
            }
            List<BehavioralSource> behavioral = circuit.behavioralSources();
            behavioralHandle = new int[behavioral.size()][];
            behavioralNodes = new int[behavioral.size()][];
            for (int k = 0; k < behavioral.size(); k++) {
                BehavioralSource b = behavioral.get(k);
                int row = groupUnknowns + k;
                List<Integer> read = b.value().nodes();
                behavioralNodes[k] = read.stream().mapToInt(Integer::intValue).toArray();
                int[] h = new int[4 + read.size()];
                int up = groups.unknownOf(b.plus());
                int um = groups.unknownOf(b.minus());
                h[0] = up >= 0 ? pattern.reserve(up, row) : -1;
                h[1] = um >= 0 ? pattern.reserve(um, row) : -1;
                h[2] = up >= 0 ? pattern.reserve(row, up) : -1;
                h[3] = um >= 0 ? pattern.reserve(row, um) : -1;
                for (int r = 0; r < read.size(); r++) {
                    int un = groups.unknownOf(read.get(r));
                    h[4 + r] = un >= 0 ? pattern.reserve(row, un) : -1;
                }
                behavioralHandle[k] = h;
            }
            List<BehavioralCurrentSource> currents = circuit.behavioralCurrents();
            currentNodes = new int[currents.size()][];
            currentHandle = new int[currents.size()][];
            currentValue = new double[currents.size()];
            currentGradient = new double[currents.size()][];
            for (int k = 0; k < currents.size(); k++) {
                BehavioralCurrentSource b = currents.get(k);
                int[] read = b.value().nodes().stream().mapToInt(Integer::intValue).toArray();
                currentNodes[k] = read;
                currentGradient[k] = new double[read.length];
                int[] h = new int[2 * read.length];
                int up = groups.unknownOf(b.plus());
                int um = groups.unknownOf(b.minus());
                for (int r = 0; r < read.length; r++) {
                    int un = groups.unknownOf(read[r]);
                    h[r] = up >= 0 && un >= 0 ? pattern.reserve(up, un) : -1;
                    h[read.length + r] = um >= 0 && un >= 0 ? pattern.reserve(um, un) : -1;
                }
                currentHandle[k] = h;
            }
            loadVolts = new double[nodes];
            gradient = new double[nodes];
            compiled = pattern.compile();
            groups.stampResistors(compiled, resistorHandle);
            linearValues = compiled.matrix().values().clone();
            states = new LevelOneMosfet.State[devices.size()];
            savedStates = new LevelOneMosfet.State[devices.size()];
            evaluations = new LevelOneMosfet.Evaluation[devices.size()];
            for (int d = 0; d < states.length; d++) {
                states[d] = new LevelOneMosfet.State();
                savedStates[d] = new LevelOneMosfet.State();
                evaluations[d] = new LevelOneMosfet.Evaluation();
            }
            SparseMatrix a = compiled.matrix();
            symbolic = LU.analyze(a);
            xOld = new double[unknowns];
            currentsOld = new double[vSources];
        }

        // ----- continuation strategy (ngspice CKTop) -----

        void operatingPoint() {
            if (!options.noOpIter()) {
                path.add("Newton");
                if (iterate(options.itl1(), Mode.JUNCTION)) {
                    return;
                }
            }
            if (options.gminSteps() == 1) {
                path.add("dynamic gmin stepping");
                if (dynamicGmin(false)) {
                    return;
                }
                path.add("true gmin stepping");
                if (dynamicGmin(true)) {
                    return;
                }
            } else if (options.gminSteps() > 1) {
                path.add("gmin stepping");
                if (spice3Gmin()) {
                    return;
                }
            }
            if (options.sourceSteps() == 1) {
                path.add("source stepping");
                if (gillespieSource()) {
                    return;
                }
            } else if (options.sourceSteps() > 1) {
                path.add("source stepping");
                if (spice3Source()) {
                    return;
                }
            }
            if (nonFiniteSource != null) {
                throw NoConvergenceException.nonFiniteSource(String.join(", then ", path), totalIterations, nonFiniteSource,
                        nonFiniteValue);
            }
            throw NoConvergenceException.newton(String.join(", then ", path), totalIterations, lastWorstNode,
                    lastWorstChange, lastSingular);
        }

        private void zeroState() {
            Arrays.fill(xOld, 0.0);
            Arrays.fill(currentsOld, 0.0);
            for (LevelOneMosfet.State s : states) {
                s.vgs = 0;
                s.vds = 0;
                s.vbs = 0;
                s.vbd = 0;
                s.von = 0;
            }
        }

        private void save() {
            savedX = xOld.clone();
            savedCurrents = currentsOld.clone();
            for (int d = 0; d < states.length; d++) {
                copy(states[d], savedStates[d]);
            }
        }

        private void restore() {
            xOld = savedX.clone();
            currentsOld = savedCurrents.clone();
            for (int d = 0; d < states.length; d++) {
                copy(savedStates[d], states[d]);
            }
        }

        private static void copy(LevelOneMosfet.State from, LevelOneMosfet.State to) {
            to.vgs = from.vgs;
            to.vds = from.vds;
            to.vbs = from.vbs;
            to.vbd = from.vbd;
            to.von = from.von;
        }

        /** ngspice's dynamic_gmin (diagonal gmin) or new_gmin (junction gmin, {@code trueGmin}). */
        private boolean dynamicGmin(boolean trueGmin) {
            mode = Mode.JUNCTION;
            zeroState();
            double factor = 10;
            double oldGmin = 1e-2;
            double stepped = oldGmin / factor;
            double target = options.gmin();
            setStepped(trueGmin, stepped);
            save();
            while (true) {
                boolean ok = iterate(options.itl2(), mode);
                int n = lastIterations;
                if (ok) {
                    mode = Mode.FLOAT;
                    if (stepped <= target) {
                        break;
                    }
                    save();
                    if (n <= options.itl2() / 4) {
                        factor = Math.min(Math.pow(factor, 1.5), 10);
                    }
                    if (n > 3 * options.itl2() / 4) {
                        factor = Math.max(Math.sqrt(factor), 1.00005);
                    }
                    oldGmin = stepped;
                    if (stepped < factor * target) {
                        factor = stepped / target;
                        stepped = target;
                    } else {
                        stepped /= factor;
                    }
                } else {
                    if (factor < 1.00005) {
                        break;
                    }
                    factor = Math.sqrt(Math.sqrt(factor));
                    stepped = oldGmin / factor;
                    restore();
                }
                setStepped(trueGmin, stepped);
            }
            diagonalGmin = 0;
            junctionGmin = options.gmin();
            return iterate(options.itl1(), mode);
        }

        private void setStepped(boolean trueGmin, double value) {
            if (trueGmin) {
                junctionGmin = value;
                diagonalGmin = 0;
            } else {
                diagonalGmin = value;
            }
        }

        /** ngspice's spice3_gmin: fixed steps of 10 from gmin * 10^gminsteps. */
        private boolean spice3Gmin() {
            diagonalGmin = options.gmin() * Math.pow(10, options.gminSteps());
            for (int step = 0; step <= options.gminSteps(); step++) {
                if (!iterate(options.itl2(), mode)) {
                    diagonalGmin = 0;
                    return false;
                }
                diagonalGmin /= 10;
                mode = Mode.FLOAT;
            }
            diagonalGmin = 0;
            return iterate(options.itl1(), mode);
        }

        /** ngspice's gillespie_src: sources raised from 0 to 100 % by an adaptive step. */
        private boolean gillespieSource() {
            mode = Mode.JUNCTION;
            sourceFactor = 0;
            double converged = 0;
            zeroState();
            boolean ok = iterate(options.itl2(), mode);
            if (!ok) {
                diagonalGmin = options.gmin() * 1e10;
                for (int step = 0; step <= 10; step++) {
                    ok = iterate(options.itl2(), mode);
                    if (!ok) {
                        break;
                    }
                    diagonalGmin /= 10;
                    mode = Mode.FLOAT;
                }
                diagonalGmin = 0;
            }
            if (ok) {
                save();
                double raise = 0.001;
                sourceFactor = 0.001;
                do {
                    ok = iterate(options.itl2(), mode);
                    int n = lastIterations;
                    mode = Mode.FLOAT;
                    if (ok) {
                        converged = sourceFactor;
                        save();
                        sourceFactor = converged + raise;
                        if (n <= options.itl2() / 4) {
                            raise *= 1.5;
                        }
                        if (n > 3 * options.itl2() / 4) {
                            raise *= 0.5;
                        }
                    } else {
                        if (sourceFactor - converged < 1e-8) {
                            break;
                        }
                        raise = Math.min(raise / 10, 0.01);
                        sourceFactor = converged;
                        restore();
                    }
                    sourceFactor = Math.min(sourceFactor, 1);
                } while (raise >= 1e-7 && converged < 1);
                diagonalGmin = options.gmin();
                junctionGmin = options.gmin();
            }
            sourceFactor = 1;
            boolean done = converged == 1;
            diagonalGmin = 0;
            return done;
        }

        /** ngspice's spice3_src: sources at i/N of their value, i = 0..N. */
        private boolean spice3Source() {
            int steps = options.sourceSteps();
            mode = Mode.JUNCTION;
            for (int i = 0; i <= steps; i++) {
                sourceFactor = (double) i / steps;
                if (!iterate(options.itl2(), mode)) {
                    sourceFactor = 1;
                    return false;
                }
                mode = Mode.FLOAT;
            }
            sourceFactor = 1;
            return true;
        }

        // ----- one Newton run (ngspice NIiter) -----

        /** @return true when it converged; {@link #xOld} then holds the answer */
        private boolean iterate(int iterationLimit, Mode startMode) {
            mode = startMode;
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
                if (nonFiniteSource != null) {
                    lastSingular = false;
                    return false;
                }
                if (!solve(rhs, xNew)) {
                    lastSingular = true;
                    return false;
                }
                lastSingular = false;
                double[] currentsNew = branchCurrents(xNew, offsets);
                recordLargestChange(xNew, offsets);
                if (iteration > limit) {
                    return false;
                }
                boolean converged = noncon == 0 && iteration != 1 && converged(xNew, currentsNew, offsets);
                if (mode == Mode.JUNCTION) {
                    mode = Mode.FIX;
                } else if (mode == Mode.FIX) {
                    if (converged) {
                        mode = Mode.FLOAT;
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

        private double nodeVoltage(double[] x, double[] offsets, int node) {
            int u = groups.unknownOf(node);
            return u >= 0 ? x[u] + offsets[node] : offsets[node];
        }

        /**
         * Loads the matrix and right-hand side at {@link #xOld}; returns the number of devices whose
         * junction limiting acted.
         */
        private int load(double[] offsets, double[] rhs) {
            double[] values = compiled.matrix().values();
            System.arraycopy(linearValues, 0, values, 0, values.length);
            Arrays.fill(rhs, 0.0);
            ElementList resistors = circuit.resistors();
            for (int k = 0; k < resistors.size(); k++) {
                int a = resistors.first(k);
                int b = resistors.second(k);
                if (resistors.value(k) == 0 || groups.sameGroup(a, b)) {
                    continue;
                }
                double amps = (offsets[a] - offsets[b]) / resistors.value(k);
                if (amps != 0) {
                    addRhs(rhs, a, -amps);
                    addRhs(rhs, b, amps);
                }
            }
            ElementList currents = circuit.currentSources();
            for (int s = 0; s < currents.size(); s++) {
                double amps = sourceFactor * currents.value(s);
                addRhs(rhs, currents.first(s), -amps);
                addRhs(rhs, currents.second(s), amps);
            }
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
            int noncon = 0;
            for (int d = 0; d < devices.size(); d++) {
                LevelOneMosfet device = devices.get(d);
                Mosfet m = device.instance;
                LevelOneMosfet.Evaluation e = evaluations[d];
                boolean fixedOff = m.off() && mode == Mode.FIX;
                if (mode == Mode.JUNCTION || fixedOff) {
                    device.initialJunction(states[d], junctionGmin, e);
                } else {
                    device.evaluate(nodeVoltage(xOld, offsets, m.drain()), nodeVoltage(xOld, offsets, m.gate()),
                            nodeVoltage(xOld, offsets, m.source()), nodeVoltage(xOld, offsets, m.bulk()), states[d], true,
                            junctionGmin, e);
                    if (e.limited) {
                        noncon++;
                    }
                }
                stampDevice(d, device, e, offsets, rhs);
            }
            List<BehavioralSource> behavioral = circuit.behavioralSources();
            List<BehavioralCurrentSource> deviceSources = circuit.behavioralCurrents();
            nonFiniteSource = null;
            double[] volts = loadVolts;
            if (!behavioral.isEmpty() || !deviceSources.isEmpty()) {
                allVoltages(xOld, offsets, volts);
            }
            for (int k = 0; k < behavioral.size(); k++) {
                BehavioralSource b = behavioral.get(k);
                int[] h = behavioralHandle[k];
                int row = groupUnknowns + k;
                if (h[0] >= 0) {
                    compiled.add(h[0], 1.0);
                }
                if (h[1] >= 0) {
                    compiled.add(h[1], -1.0);
                }
                if (h[2] >= 0) {
                    compiled.add(h[2], 1.0);
                }
                if (h[3] >= 0) {
                    compiled.add(h[3], -1.0);
                }
                // v(+) - v(-) - [f(v0) + grad f . (v - v0)] = 0, offsets moved to the right.
                double f = b.value().value(volts);
                for (int n : behavioralNodes[k]) {
                    gradient[n] = 0;
                }
                b.value().addGradient(volts, 1.0, gradient);
                double right = f - offsets[b.plus()] + offsets[b.minus()];
                int[] read = behavioralNodes[k];
                for (int r = 0; r < read.length; r++) {
                    int n = read[r];
                    right -= gradient[n] * volts[n];
                    right += gradient[n] * offsets[n];
                    if (h[4 + r] >= 0) {
                        compiled.add(h[4 + r], -gradient[n]);
                    }
                }
                rhs[row] += right;
            }
            for (int k = 0; k < deviceSources.size(); k++) {
                BehavioralCurrentSource b = deviceSources.get(k);
                int[] read = currentNodes[k];
                int[] h = currentHandle[k];
                double[] slope = currentGradient[k];
                for (int n : read) {
                    gradient[n] = 0;
                }
                double f = b.value().value(volts);
                b.value().addGradient(volts, 1.0, gradient);
                currentValue[k] = f;
                if (!Double.isFinite(f)) {
                    nonFiniteSource = b.name();
                    nonFiniteValue = f;
                }
                // The current leaving plus, linearized: f + sum_n g_n (v_n - v0_n), with v_n = x_u + offset_n.
                double constant = f;
                for (int r = 0; r < read.length; r++) {
                    int n = read[r];
                    double g = gradient[n];
                    slope[r] = g;
                    if (!Double.isFinite(g)) {
                        nonFiniteSource = b.name();
                        nonFiniteValue = f;
                    }
                    constant += g * (offsets[n] - volts[n]);
                    if (h[r] >= 0) {
                        compiled.add(h[r], g);
                    }
                    if (h[read.length + r] >= 0) {
                        compiled.add(h[read.length + r], -g);
                    }
                }
                addRhs(rhs, b.plus(), -constant);
                addRhs(rhs, b.minus(), constant);
            }
            return noncon;
        }

        private void addRhs(double[] rhs, int node, double amps) {
            int u = groups.unknownOf(node);
            if (u >= 0) {
                rhs[u] += amps;
            }
        }

        private double[] allVoltages(double[] x, double[] offsets) {
            double[] v = new double[nodes];
            allVoltages(x, offsets, v);
            return v;
        }

        private void allVoltages(double[] x, double[] offsets, double[] v) {
            for (int n = 0; n < nodes; n++) {
                int u = groups.unknownOf(n);
                v[n] = u >= 0 ? x[u] + offsets[n] : offsets[n];
            }
        }

        /** The node-space companion stamp of one device (ngspice mos1load), mapped to the unknowns. */
        private void stampDevice(int d, LevelOneMosfet device, LevelOneMosfet.Evaluation e, double[] offsets, double[] rhs) {
            double[][] y = deviceMatrix(e);
            double[] j = deviceInjection(device.type, e);
            Mosfet m = device.instance;
            int[] terminals = {m.drain(), m.gate(), m.source(), m.bulk()};
            for (int a = 0; a < 4; a++) {
                int ua = groups.unknownOf(terminals[a]);
                if (ua < 0) {
                    continue;
                }
                double r = j[a];
                for (int b = 0; b < 4; b++) {
                    double g = y[a][b];
                    if (g == 0) {
                        continue;
                    }
                    int h = deviceHandle[d][4 * a + b];
                    if (h >= 0) {
                        compiled.add(h, g);
                    }
                    r -= g * offsets[terminals[b]];
                }
                rhs[ua] += r;
            }
        }

        /** The conductance stamp on (drain, gate, source, bulk), real space. */
        private static double[][] deviceMatrix(LevelOneMosfet.Evaluation e) {
            double xn = e.mode > 0 ? 1 : 0;
            double xr = e.mode > 0 ? 0 : 1;
            double[][] y = new double[4][4];
            int dr = 0;
            int gt = 1;
            int sr = 2;
            int bk = 3;
            y[bk][bk] += e.gbd + e.gbs;
            y[bk][dr] -= e.gbd;
            y[bk][sr] -= e.gbs;
            y[dr][dr] += e.gds + e.gbd + xr * (e.gm + e.gmbs);
            y[sr][sr] += e.gds + e.gbs + xn * (e.gm + e.gmbs);
            y[dr][gt] += (xn - xr) * e.gm;
            y[sr][gt] -= (xn - xr) * e.gm;
            y[dr][bk] += -e.gbd + (xn - xr) * e.gmbs;
            y[sr][bk] += -e.gbs - (xn - xr) * e.gmbs;
            y[dr][sr] += -e.gds - xn * (e.gm + e.gmbs);
            y[sr][dr] += -e.gds - xr * (e.gm + e.gmbs);
            return y;
        }

        /** The equivalent currents injected into (drain, gate, source, bulk), real space. */
        private static double[] deviceInjection(int type, LevelOneMosfet.Evaluation e) {
            double ceqbs = type * (e.cbs - e.gbs * e.vbs);
            double ceqbd = type * (e.cbd - e.gbd * e.vbd);
            double cdreq;
            if (e.mode > 0) {
                cdreq = type * (e.ids - e.gds * e.vds - e.gm * e.vgs - e.gmbs * e.vbs);
            } else {
                double vgd = e.vgs - e.vds;
                cdreq = -type * (e.ids + e.gds * e.vds - e.gm * vgd - e.gmbs * e.vbd);
            }
            return new double[] {ceqbd - cdreq, 0, cdreq + ceqbs, -(ceqbs + ceqbd)};
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

        /**
         * Independent voltage-source currents at a new iterate, as ngspice's branch unknowns would
         * hold them: Kirchhoff's law with every device at its stamped linearisation.
         */
        private double[] branchCurrents(double[] x, double[] offsets) {
            if (vSources == 0) {
                return new double[0];
            }
            double[] volts = allVoltages(x, offsets);
            double[] leaving = new double[nodes];
            for (int d = 0; d < devices.size(); d++) {
                LevelOneMosfet device = devices.get(d);
                Mosfet m = device.instance;
                int[] terminals = {m.drain(), m.gate(), m.source(), m.bulk()};
                double[][] y = deviceMatrix(evaluations[d]);
                double[] j = deviceInjection(device.type, evaluations[d]);
                for (int a = 0; a < 4; a++) {
                    double amps = -j[a];
                    for (int b = 0; b < 4; b++) {
                        amps += y[a][b] * volts[terminals[b]];
                    }
                    leaving[terminals[a]] += amps;
                }
            }
            List<BehavioralSource> behavioral = circuit.behavioralSources();
            for (int k = 0; k < behavioral.size(); k++) {
                leaving[behavioral.get(k).plus()] += x[groupUnknowns + k];
                leaving[behavioral.get(k).minus()] -= x[groupUnknowns + k];
            }
            List<BehavioralCurrentSource> currents = circuit.behavioralCurrents();
            for (int k = 0; k < currents.size(); k++) {
                double amps = currentValue[k];
                int[] read = currentNodes[k];
                for (int r = 0; r < read.length; r++) {
                    amps += currentGradient[k][r] * (volts[read[r]] - loadVolts[read[r]]);
                }
                leaving[currents.get(k).plus()] += amps;
                leaving[currents.get(k).minus()] -= amps;
            }
            if (diagonalGmin > 0) {
                for (int n = 1; n < nodes; n++) {
                    leaving[n] += diagonalGmin * volts[n];
                }
            }
            double[] currentAmps = new double[circuit.currentSources().size()];
            for (int s = 0; s < currentAmps.length; s++) {
                currentAmps[s] = sourceFactor * circuit.currentSources().value(s);
            }
            return groups.sourceCurrents(volts, currentAmps, leaving);
        }

        /** Remembers the node that moved most in the last iteration, for the failure message. */
        private void recordLargestChange(double[] xNew, double[] offsets) {
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
            for (int k = groupUnknowns; k < unknowns; k++) {
                double a = xNew[k];
                double b = xOld[k];
                if (!(Math.abs(a - b) <= options.reltol() * Math.max(Math.abs(a), Math.abs(b)) + options.abstol())) {
                    ok = false;
                }
            }
            return ok;
        }

        CircuitSolution solution(long nanos) {
            double[] offsets = offsets();
            double[] volts = allVoltages(xOld, offsets);
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
}
