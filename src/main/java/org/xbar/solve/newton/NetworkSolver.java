package org.xbar.solve.newton;

import org.xbar.circuit.NetworkCircuit;
import org.xbar.results.CircuitSolution;
import org.xbar.results.NetworkSolution;
import org.xbar.results.SolverStatistics;
import org.xbar.spec.NetworkSpec;

/**
 * Solves inverter-neuron networks (PHAX) at circuit level, two ways:
 * <ul>
 *   <li>{@link #solve}: the whole network as one circuit ({@link NetworkCircuit}), by the
 *       {@link NewtonSolver}: every inverter is loaded by the crossbar it drives;</li>
 *   <li>{@link #solveWithIdealDrivers}: layer after layer, each layer's rows driven by ideal
 *       voltage sources at the previous layer's unloaded outputs, the usual behavioral assumption.
 *       The difference between the two is what loading costs. Behavioral inverters are ideal
 *       sources already, so for them the two agree.</li>
 * </ul>
 */
public final class NetworkSolver {
    private final NewtonSolver newton;

    /** ngspice's default Newton options. */
    public NetworkSolver() {
        this(new NewtonSolver());
    }

    /**
     * @param newton the Newton solver to use
     */
    public NetworkSolver(NewtonSolver newton) {
        this.newton = newton;
    }

    /**
     * @param spec  the network
     * @param input one voltage per input, volt
     * @return every neuron's net voltage and outputs, with the inverters loaded
     */
    public NetworkSolution solve(NetworkSpec spec, double[] input) {
        long start = System.nanoTime();
        NetworkCircuit network = NetworkCircuit.of(spec, input);
        CircuitSolution s = newton.solve(network.circuit());
        int layers = network.layers();
        double[][] net = new double[layers][];
        double[][] inv = new double[layers][];
        double[][] out = new double[layers][];
        for (int l = 0; l < layers; l++) {
            net[l] = values(s, network.senseNodes(l));
            inv[l] = values(s, network.invertedNodes(l));
            out[l] = values(s, network.nonInvertedNodes(l));
        }
        return new NetworkSolution(net, inv, out, new SolverStatistics(s.statistics().solver(),
                s.statistics().iterations(), 0.0, System.nanoTime() - start, s.statistics().path()));
    }

    /**
     * @param spec  the network
     * @param input one voltage per input, volt
     * @return every neuron's net voltage and outputs, each layer driven by ideal sources
     */
    public NetworkSolution solveWithIdealDrivers(NetworkSpec spec, double[] input) {
        long start = System.nanoTime();
        int layers = spec.layers().size();
        double[][] net = new double[layers][];
        double[][] inv = new double[layers][];
        double[][] out = new double[layers][];
        double[] positive = input.clone();
        double[] negative = new double[input.length];
        for (int i = 0; i < input.length; i++) {
            negative[i] = -input[i];
        }
        int iterations = 0;
        for (int l = 0; l < layers; l++) {
            NetworkCircuit layer = NetworkCircuit.layerWithIdealDrivers(spec, l, positive, negative);
            CircuitSolution s = newton.solve(layer.circuit());
            iterations += s.statistics().iterations();
            net[l] = values(s, layer.senseNodes(0));
            inv[l] = values(s, layer.invertedNodes(0));
            out[l] = values(s, layer.nonInvertedNodes(0));
            positive = inv[l];
            negative = out[l];
        }
        return new NetworkSolution(net, inv, out, new SolverStatistics("newton, layer by layer with ideal drivers",
                iterations, 0.0, System.nanoTime() - start, SolverStatistics.Path.NEWTON));
    }

    private static double[] values(CircuitSolution s, int[] nodes) {
        double[] v = new double[nodes.length];
        for (int k = 0; k < nodes.length; k++) {
            v[k] = s.voltage(nodes[k]);
        }
        return v;
    }
}
