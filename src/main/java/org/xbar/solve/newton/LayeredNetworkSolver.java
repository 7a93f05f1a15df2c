package org.xbar.solve.newton;

import java.util.ArrayList;
import java.util.List;
import org.xbar.circuit.Circuit;
import org.xbar.circuit.CrossbarCircuit;
import org.xbar.circuit.InverterCircuits;
import org.xbar.results.CircuitSolution;
import org.xbar.results.NetworkSolution;
import org.xbar.results.SolverStatistics;
import org.xbar.solve.sparse.CholeskySolver;
import org.xbar.solve.sparse.LinearSolver;
import org.xbar.solve.sparse.NodalSystem;
import org.xbar.spec.NetworkLayer;
import org.xbar.spec.NetworkSpec;

/**
 * An inverter-neuron network (PHAX) solved layer by layer, exactly: the same operating point as
 * the whole network's circuit ({@link NetworkSolver#solve}), by a per-layer decomposition.
 *
 * <p><b>Why it is exact.</b> At DC a transistor's gate draws no current, so a layer's crossbar
 * sees the neurons before it only through the nodes that drive its rows (the previous inverters'
 * outputs and the rails), and the neurons after it only through its sense nodes, which are gates.
 * Each crossbar with its wires and source resistances is linear, so it reduces exactly to a
 * multiport on its driver nodes: the currents it draws, {@code I = Y V}, and its sense voltages,
 * {@code s = S V}, both linear in the driver voltages {@code V}. {@code Y} and {@code S} come from
 * one solve per driver node (that node at 1 V, the others at 0 V) of the layer's circuit, factored
 * once by sparse Cholesky; the first layer, whose drivers are the ideal inputs, needs only
 * {@code S}, one adjoint solve per sense node - once per network, whatever the number of input
 * vectors. Then, per
 * input vector: the first layer's drivers are the inputs and rails, so its sense voltages are
 * {@code S V}; every later stage is a small circuit - the previous neurons' inverter pairs with
 * their gates held at those sense voltages, loaded by the next layer's multiport - solved by the
 * Newton solver with ngspice's limiting, convergence test and continuation ({@link NewtonRun},
 * {@link Continuation}, {@link MultiportElement}); its inverter outputs give the next sense
 * voltages. The last neurons drive nothing. A 196-20-10 network becomes one 394x20 crossbar solve
 * (a product with {@code S}) and two Newton solves of 40 and 20 transistor pairs, against the whole
 * circuit's sparse LU at every Newton iteration.
 *
 * <p>Each stage stops at ngspice's convergence test, so the answer agrees with the whole-circuit
 * solve within the tolerances of that test (not to the last digit: the iterations differ).
 */
public final class LayeredNetworkSolver {
    private final NetworkSpec spec;
    private final NewtonOptions options;
    private final List<Multiport> layers = new ArrayList<>();
    private final long setupNanos;

    /**
     * A layer's crossbar reduced to its driver nodes: ports {@code 0..n-1} drive the positive rows,
     * {@code n..2n-1} the negative rows, {@code 2n} and {@code 2n+1} the bias rows (the rails).
     *
     * @param ports      2n + 2
     * @param admittance {@code Y}, ports x ports, row-major, siemens; null for the first layer,
     *                   whose drivers are ideal
     * @param sense      {@code S}, outputs x ports, row-major, volt per volt
     */
    private record Multiport(int ports, double[] admittance, double[] sense) {
    }

    /**
     * Reduces every layer (one factorization and one solve per driver node each).
     *
     * @param spec the network
     */
    public LayeredNetworkSolver(NetworkSpec spec) {
        this(spec, NewtonOptions.DEFAULT);
    }

    /**
     * @param spec    the network
     * @param options the Newton solver's settings for every stage
     */
    public LayeredNetworkSolver(NetworkSpec spec, NewtonOptions options) {
        long start = System.nanoTime();
        this.spec = spec;
        this.options = options;
        for (int l = 0; l < spec.layers().size(); l++) {
            layers.add(reduce(spec.layers().get(l), l > 0));
        }
        setupNanos = System.nanoTime() - start;
    }

    /** @return the time the reduction took, nanoseconds */
    public long setupNanos() {
        return setupNanos;
    }

    /**
     * The layer's circuit with a voltage source at every driver node and a current source (0 A) at
     * every sense node, factored once. With {@code admittance}, one solve per driver node (1 V
     * there, 0 V at the others) gives a column of {@code Y} (the currents the sources deliver) and
     * of {@code S} (the sense voltages). Without (the first layer, driven by ideal inputs), only
     * {@code S} is needed, and by reciprocity one solve per sense node gives a row of it: 1 A
     * injected at sense node j with every driver at 0 V sends {@code S[j][p]} amperes into driver
     * p's source - as many solves as outputs instead of inputs.
     */
    private Multiport reduce(NetworkLayer layer, boolean withAdmittance) {
        int n = layer.inputs();
        int m = layer.outputs();
        int rows = 2 * n + 2;
        Circuit.Builder b = Circuit.builder();
        int[] port = new int[rows];
        for (int p = 0; p < rows; p++) {
            port[p] = b.node("port" + p);
            b.voltageSource("vport" + p, port[p], Circuit.GROUND, 0);
        }
        double[] g = new double[rows * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                g[i * m + j] = layer.positive().get(i, j);
                g[(n + i) * m + j] = layer.negative().get(i, j);
            }
        }
        for (int j = 0; j < m; j++) {
            g[2 * n * m + j] = layer.biasHigh()[j];
            g[(2 * n + 1) * m + j] = layer.biasLow()[j];
        }
        CrossbarCircuit.ArrayNodes array = CrossbarCircuit.addArray(b, "x", rows, m, g, spec.wireOhms(), spec.wireOhms());
        for (int p = 0; p < rows; p++) {
            b.resistor("rs" + p, port[p], array.rowNode()[p * m], spec.sourceOhms());
        }
        int[] senseNode = new int[m];
        for (int j = 0; j < m; j++) {
            senseNode[j] = array.columnNode()[(rows - 1) * m + j];
            b.currentSource("isense" + j, Circuit.GROUND, senseNode[j], 0);
        }
        Circuit circuit = b.build();
        NodalSystem system = NodalSystem.of(circuit);
        LinearSolver.Factorization factor = new CholeskySolver().factor(system.matrix(), system::unknownName);
        double[] admittance = withAdmittance ? new double[rows * rows] : null;
        double[] sense = new double[m * rows];
        double[] volts = new double[rows];
        double[] currents = new double[m];
        double[] rhs = new double[system.unknowns()];
        double[] x = new double[system.unknowns()];
        if (!withAdmittance) {
            for (int j = 0; j < m; j++) {
                java.util.Arrays.fill(currents, 0.0);
                currents[j] = 1.0;
                system.rightHandSide(volts, currents, rhs);
                factor.solve(rhs, x);
                double[] amps = system.sourceCurrents(system.nodeVoltages(x, volts), currents);
                // SPICE's sign: positive into the plus terminal, from the network into the source
                System.arraycopy(amps, 0, sense, j * rows, rows);
            }
            return new Multiport(rows, null, sense);
        }
        for (int p = 0; p < rows; p++) {
            java.util.Arrays.fill(volts, 0.0);
            volts[p] = 1.0;
            system.rightHandSide(volts, currents, rhs);
            factor.solve(rhs, x);
            double[] nodeVolts = system.nodeVoltages(x, volts);
            double[] amps = system.sourceCurrents(nodeVolts, currents);
            for (int q = 0; q < rows; q++) {
                // the current the network draws from driver node q: what its source delivers
                admittance[q * rows + p] = -amps[q];
            }
            for (int j = 0; j < m; j++) {
                sense[j * rows + p] = nodeVolts[senseNode[j]];
            }
        }
        return new Multiport(rows, admittance, sense);
    }

    /**
     * @param input one voltage per input, volt
     * @return every neuron's net voltage and outputs, with the inverters loaded
     */
    public NetworkSolution solve(double[] input) {
        long start = System.nanoTime();
        if (input.length != spec.inputs()) {
            throw org.xbar.error.InvalidParameterException.inconsistent("input", "input vector has " + input.length
                    + " values, the network has " + spec.inputs() + " inputs");
        }
        int depth = layers.size();
        double[][] net = new double[depth][];
        double[][] inv = new double[depth][];
        double[][] out = new double[depth][];
        int n0 = input.length;
        double[] drive = new double[2 * n0 + 2];
        for (int i = 0; i < n0; i++) {
            drive[i] = input[i];
            drive[n0 + i] = -input[i];
        }
        drive[2 * n0] = spec.inverter().highRail();
        drive[2 * n0 + 1] = spec.inverter().lowRail();
        net[0] = senseVoltages(layers.get(0), drive);
        int iterations = 0;
        for (int l = 0; l < depth; l++) {
            Multiport load = l + 1 < depth ? layers.get(l + 1) : null;
            Stage stage = stage(net[l], load);
            iterations += stage.iterations;
            inv[l] = stage.inverted;
            out[l] = stage.nonInverted;
            if (load != null) {
                int m = net[l].length;
                double[] next = new double[2 * m + 2];
                System.arraycopy(inv[l], 0, next, 0, m);
                System.arraycopy(out[l], 0, next, m, m);
                next[2 * m] = spec.inverter().highRail();
                next[2 * m + 1] = spec.inverter().lowRail();
                net[l + 1] = senseVoltages(load, next);
            }
        }
        return new NetworkSolution(net, inv, out, new SolverStatistics("newton, layer by layer (exact multiports)",
                iterations, 0.0, System.nanoTime() - start, SolverStatistics.Path.NEWTON));
    }

    private static double[] senseVoltages(Multiport layer, double[] drive) {
        int rows = layer.ports();
        int m = layer.sense().length / rows;
        double[] s = new double[m];
        for (int j = 0; j < m; j++) {
            double v = 0;
            for (int p = 0; p < rows; p++) {
                v += layer.sense()[j * rows + p] * drive[p];
            }
            s[j] = v;
        }
        return s;
    }

    /** A stage's answer: the neurons' two outputs and the Newton iterations it took. */
    private record Stage(double[] inverted, double[] nonInverted, int iterations) {
    }

    /**
     * The neurons of one layer, their gates held at its sense voltages, loaded by the next layer's
     * multiport (or by nothing after the last layer).
     */
    private Stage stage(double[] gates, Multiport load) {
        int m = gates.length;
        Circuit.Builder b = Circuit.builder();
        InverterCircuits neurons = new InverterCircuits(b, spec.inverter());
        int[] inverted = new int[m];
        int[] nonInverted = new int[m];
        for (int j = 0; j < m; j++) {
            int gate = b.node("g" + j);
            b.voltageSource("vg" + j, gate, Circuit.GROUND, gates[j]);
            InverterCircuits.Outputs o = neurons.neuron(b, "", j, gate);
            inverted[j] = o.inverted();
            nonInverted[j] = o.nonInverted();
        }
        Circuit circuit = b.build();
        List<Element> extra = new ArrayList<>();
        List<int[]> joined = new ArrayList<>();
        if (load != null) {
            int[] ports = new int[2 * m + 2];
            System.arraycopy(inverted, 0, ports, 0, m);
            System.arraycopy(nonInverted, 0, ports, m, m);
            ports[2 * m] = neurons.highRail();
            ports[2 * m + 1] = neurons.lowRail();
            extra.add(new MultiportElement(ports, load.admittance()));
            for (int p : ports) {
                joined.add(new int[] {p, Circuit.GROUND});
            }
        }
        NewtonRun run = new NewtonRun(circuit, options, extra, joined);
        new Continuation(run).operatingPoint();
        CircuitSolution s = run.solution(0);
        double[] inv = new double[m];
        double[] out = new double[m];
        for (int j = 0; j < m; j++) {
            inv[j] = s.voltage(inverted[j]);
            out[j] = s.voltage(nonInverted[j]);
        }
        return new Stage(inv, out, run.totalIterations());
    }
}
