package org.xbar.solve.newton;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xbar.TestCrossbars.assertAllClose;
import static org.xbar.TestCrossbars.assertClose;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xbar.circuit.CrossbarCircuit;
import org.xbar.circuit.NetworkCircuit;
import org.xbar.error.InvalidParameterException;
import org.xbar.results.CrossbarSolution;
import org.xbar.results.NetworkSolution;
import org.xbar.solve.LineRelaxationSolver;
import org.xbar.spec.ConductanceMatrix;
import org.xbar.spec.CrossbarSpec;
import org.xbar.spec.Drive;
import org.xbar.spec.InputBatch;
import org.xbar.spec.InverterSpec;
import org.xbar.spec.NetworkLayer;
import org.xbar.spec.NetworkSpec;
import org.xbar.spec.Sensing;
import org.xbar.spec.WeightMapping;
import org.xbar.study.LoadingStudy;

/** Inverter-neuron networks: hand-checked behavioral layers, loading, and the neuron evaluator. */
class NetworkSolverTest {
    private static final double US = 1e-6;

    /**
     * One behavioral layer without parasitics: the net voltage of a neuron is the conductance-weighted
     * mean of its rows (DESIGN section 4) - inputs x on the positive rows, -x on the negative ones,
     * the rails on the bias rows - and its outputs are the two PHAX curves of that voltage.
     */
    @Test
    void behavioralLayerIsTheWeightedMeanThroughTheCurves() {
        NetworkLayer layer = new NetworkLayer(ConductanceMatrix.of(new double[][] {{2 * US, 0}, {0, 1 * US}}),
                ConductanceMatrix.of(new double[][] {{0, 3 * US}, {1 * US, 0}}), new double[] {0.5 * US, 0},
                new double[] {0, 2 * US});
        NetworkSpec spec = new NetworkSpec(List.of(layer), InverterSpec.phax(InverterSpec.Kind.BEHAVIORAL), 0, 0);
        double[] x = {0.2, -0.1};
        NetworkSolution s = new NetworkSolver().solve(spec, x);
        double net0 = (2 * 0.2 + 1 * 0.1 + 0.5 * 0.25) / (2 + 1 + 0.5);
        double net1 = (3 * -0.2 + 1 * -0.1 + 2 * -0.25) / (3 + 1 + 2);
        assertAllClose("net", s.net(0), new double[] {net0, net1}, 1e-12, 1e-15);
        assertAllClose("inverted", s.inverted(0), new double[] {InverterSpec.curve(InverterSpec.PHAX_FIRST, net0),
            InverterSpec.curve(InverterSpec.PHAX_FIRST, net1)}, 1e-12, 1e-15);
        assertAllClose("outputs", s.outputs(), new double[] {InverterSpec.curve(InverterSpec.PHAX_SECOND, net0),
            InverterSpec.curve(InverterSpec.PHAX_SECOND, net1)}, 1e-12, 1e-15);
    }

    /**
     * Two behavioral layers: the second layer's positive rows carry the first layer's inverted
     * outputs, its negative rows the non-inverted ones (PHAX wiring), and ideal sources cannot be
     * loaded, so the whole-network solve equals the layer-by-layer one.
     */
    @Test
    void behavioralNetworksAreNotLoaded() {
        LoadingStudy.Case c = new LoadingStudy.Case(new int[] {10, 5, 3}, InverterSpec.Kind.BEHAVIORAL, 300, 1.5, 1, 4);
        NetworkSpec spec = c.network();
        double[] x = c.inputs().vector(0);
        NetworkSolution loaded = new NetworkSolver().solve(spec, x);
        NetworkSolution ideal = new NetworkSolver().solveWithIdealDrivers(spec, x);
        for (int l = 0; l < 2; l++) {
            assertAllClose("net " + l, loaded.net(l), ideal.net(l), 1e-9, 1e-12);
            assertAllClose("outputs " + l, loaded.nonInverted(l), ideal.nonInverted(l), 1e-9, 1e-12);
        }
    }

    /**
     * Transistor neurons: the first layer's gates see ideal inputs either way, so its net voltages
     * agree; its outputs sag under the second crossbar's load, so they do not.
     */
    @Test
    void transistorNeuronsAreLoadedByTheNextCrossbar() {
        LoadingStudy.Case c = new LoadingStudy.Case(new int[] {12, 6, 3}, InverterSpec.Kind.MOSFET, 0, 0, 1, 5);
        NetworkSpec spec = c.network();
        double[] x = c.inputs().vector(0);
        NetworkSolution loaded = new NetworkSolver().solve(spec, x);
        NetworkSolution ideal = new NetworkSolver().solveWithIdealDrivers(spec, x);
        assertAllClose("layer 1 net", loaded.net(0), ideal.net(0), 1e-6, 1e-9);
        double largest = 0;
        for (int j = 0; j < 6; j++) {
            largest = Math.max(largest, Math.abs(loaded.inverted(0)[j] - ideal.inverted(0)[j]));
        }
        assertTrue(largest > 1e-4, "the load moves some inverted output by more than 0.1 mV: " + largest);
    }

    /**
     * The neuron evaluator agrees with a one-layer network solved as a circuit (neurons on the
     * columns of a voltage-sensed crossbar): the gates draw no current, so evaluating them after the
     * crossbar is exact.
     */
    @Test
    void neuronsAfterTheCrossbarEqualTheWholeCircuit() {
        LoadingStudy.Case c = new LoadingStudy.Case(new int[] {8, 4}, InverterSpec.Kind.MOSFET, 200, 2, 1, 6);
        NetworkSpec spec = c.network();
        double[] x = c.inputs().vector(0);
        NetworkSolution whole = new NetworkSolver().solve(spec, x);
        InverterNeurons.Outputs after = new InverterNeurons(spec.inverter()).evaluate(whole.net(0));
        assertAllClose("inverted", after.inverted(), whole.inverted(0), 1e-9, 1e-12);
        assertAllClose("non-inverted", after.nonInverted(), whole.nonInverted(0), 1e-9, 1e-12);
    }

    /** A voltage-sensed crossbar with neurons, as a circuit, gives what its structured solve plus the neurons give. */
    @Test
    void neuronSensedCrossbarAsOneCircuit() {
        CrossbarSpec spec = org.xbar.TestCrossbars.random(6, 4, WeightMapping.ROW_PAIR, 2.5, Drive.ONE_END, 9)
                .withSensing(Sensing.VOLTAGE);
        InverterSpec neurons = InverterSpec.phax(InverterSpec.Kind.MOSFET);
        double[] v = InputBatch.random(1, 6, 0.5, 3).vector(0);
        CrossbarCircuit crossbar = CrossbarCircuit.of(spec);
        CrossbarSolution columns = new LineRelaxationSolver().prepare(crossbar).solve(v);
        double[] outputs = new InverterNeurons(neurons).evaluate(columns.outputs()).nonInverted();
        org.xbar.results.CircuitSolution whole = new NewtonSolver().solve(crossbar.toCircuit(v, neurons));
        for (int j = 0; j < 4; j++) {
            assertClose("out" + j, whole.voltage("out" + j), outputs[j], 1e-6, 1e-9);
        }
        CrossbarSpec pair = org.xbar.TestCrossbars.random(6, 4, WeightMapping.COLUMN_PAIR, 0, Drive.ONE_END, 9)
                .withSensing(Sensing.VOLTAGE);
        assertThrows(InvalidParameterException.class, () -> CrossbarCircuit.of(pair).toCircuit(v, neurons));
    }

    @Test
    void networkNodesFollowTheNaming() {
        LoadingStudy.Case c = new LoadingStudy.Case(new int[] {3, 2, 2}, InverterSpec.Kind.MOSFET, 0, 1, 1, 7);
        NetworkCircuit n = NetworkCircuit.of(c.network(), new double[] {0.1, 0.2, 0.3});
        assertEquals("l1_c7_1", n.circuit().nodeName(n.senseNodes(0)[1]));
        assertEquals("l2_inv0", n.circuit().nodeName(n.invertedNodes(1)[0]));
        assertEquals("l1_out1", n.circuit().nodeName(n.nonInvertedNodes(0)[1]));
        assertEquals(16, n.circuit().mosfets().size());
        assertArrayEquals(new int[] {2, 2}, new int[] {n.senseNodes(0).length, n.senseNodes(1).length});
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> NetworkCircuit.of(c.network(), new double[] {0.1}));
        assertEquals("input", e.parameter(), e.getMessage());
        assertEquals(Optional.empty(), e.value(), "a length mismatch, not one bad value: " + e.getMessage());
    }

    /** The fitted level-1 inverter follows PHAX's first-stage curve within a few millivolts. */
    @Test
    void fittedInverterFollowsThePhaxCurve() {
        InverterSpec spec = InverterSpec.phax(InverterSpec.Kind.MOSFET);
        double[] net = new double[101];
        for (int k = 0; k < net.length; k++) {
            net[k] = -0.25 + 0.005 * k;
        }
        double[] inv = new InverterNeurons(spec).evaluate(net).inverted();
        double sq = 0;
        for (int k = 0; k < net.length; k++) {
            double d = inv[k] - InverterSpec.curve(InverterSpec.PHAX_FIRST, net[k]);
            sq += d * d;
        }
        double rms = Math.sqrt(sq / net.length);
        assertTrue(rms < 5e-3, "RMS distance to the curve " + rms + " V");
        assertTrue(inv[0] > 0.24 && inv[100] < -0.24, "it inverts rail to rail");
    }
}
