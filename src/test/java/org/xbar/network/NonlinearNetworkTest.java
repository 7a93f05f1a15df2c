package org.xbar.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xbar.TestCrossbars.assertAllClose;

import org.junit.jupiter.api.Test;
import org.xbar.circuit.CrossbarCircuit;
import org.xbar.dense.DenseOps;
import org.xbar.device.Distribution;
import org.xbar.device.StuckOff;
import org.xbar.device.Technology;
import org.xbar.device.Variation;
import org.xbar.results.CrossbarSolution;
import org.xbar.results.PowerBreakdown;
import org.xbar.solve.DirectCrossbarSolver;
import org.xbar.spec.DeviceIv;

/**
 * A network on crossbars of nonlinear devices, every tile solved per image: the linear limit is
 * the nodal effective network; with sinh devices the outputs and the power are those of the
 * generic Newton solver run tile by tile, by hand; the worker count changes nothing.
 */
class NonlinearNetworkTest {
    private static final DenseOps OPS = DenseOps.ejml(1);
    /** 13 inputs, 9 hidden, 4 outputs; tiled 5x4, so layer 1 has 9 tiles and layer 2 six. */
    private static final Network NET = TestNetworks.random(11, 13, 9, 4);
    private static final double[] X = TestNetworks.inputs(12, 6, 13);

    private static Hardware hardware(double wire) {
        return Hardware.ideal(Technology.TIO2).withTile(new TileShape(5, 4)).withTerminations(800, 200).withWires(wire)
                .withVariation(new Variation(0.1, Distribution.LOGNORMAL, 0, 0, 0.02, 0.02, StuckOff.GMIN, 5));
    }

    @Test
    void aTinyNonlinearityIsTheNodalEffectiveNetwork() {
        for (double wire : new double[] {0, 2.5}) {
            CrossbarNetwork mapped = CrossbarNetwork.map(NET, hardware(wire));
            double[] linear = mapped.effective(Evaluator.NODAL).outputs(X, 6, OPS);
            NonlinearNetwork.Result nearly = NonlinearNetwork.evaluate(mapped, DeviceIv.sinh(1e-7), X, 6, 2, false);
            assertAllClose("wire " + wire, nearly.outputs(), linear, 1e-8, 1e-12);
            assertEquals(0, nearly.watts().length, "no power asked for");
        }
    }

    /** Every tile of every layer by the generic Newton solver, the layers chained by hand. */
    @Test
    void sinhOutputsAndPowerAreEveryTileSolvedByHand() {
        DeviceIv law = DeviceIv.sinh(4);
        Hardware h = hardware(2.5);
        CrossbarNetwork mapped = CrossbarNetwork.map(NET, h);
        NonlinearNetwork.Result result = NonlinearNetwork.evaluate(mapped, law, X, 6, 3, true);
        double volts = h.readVolts();
        double[] expectedWatts = new double[6];
        double[] expected = new double[6 * 4];
        double[] linear = mapped.effective(Evaluator.NODAL).outputs(X, 6, OPS);
        for (int k = 0; k < 6; k++) {
            double[] x = java.util.Arrays.copyOfRange(X, k * 13, (k + 1) * 13);
            for (int l = 0; l < 2; l++) {
                MappedLayer layer = mapped.layers().get(l);
                double[] y = new double[layer.outputs()];
                for (Tile tile : layer.tiles()) {
                    CrossbarCircuit circuit = CrossbarCircuit.of(tile.crossbar().withDevice(law));
                    double[] v = new double[tile.rows()];
                    for (int i = 0; i < v.length; i++) {
                        int row = tile.firstRow() + i;
                        v[i] = volts * (row == layer.inputs() ? 1.0 : x[row]);
                    }
                    CrossbarSolution s = new DirectCrossbarSolver().prepare(circuit).solve(v);
                    for (int j = 0; j < tile.outputs(); j++) {
                        y[tile.firstOutput() + j] += mapped.weightsPerSiemens(l) / volts * s.outputs()[j];
                    }
                    expectedWatts[k] += PowerBreakdown.of(circuit, v, s).drawn();
                }
                for (int j = 0; j < y.length && l == 0; j++) {
                    y[j] = EffectiveNetwork.sigmoid(y[j]);
                }
                x = y;
            }
            System.arraycopy(x, 0, expected, k * 4, 4);
        }
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        // two Newton iterations, each stopped by ngspice's test
        assertAllClose("outputs", result.outputs(), expected, 1e-5, 1e-6 * scale);
        assertAllClose("watts", result.watts(), expectedWatts, 1e-5, 0);
        boolean differs = false;
        for (int i = 0; i < linear.length; i++) {
            differs |= Math.abs(result.outputs()[i] - linear[i]) > 1e-3 * scale;
        }
        assertTrue(differs, "K = 4 at V_read = " + volts + " V changes the outputs");
        assertTrue(result.maxSteps() >= 2, "Newton steps " + result.maxSteps());
    }

    @Test
    void theNumberOfWorkersChangesNothing() {
        CrossbarNetwork mapped = CrossbarNetwork.map(NET, hardware(2.5));
        NonlinearNetwork.Result one = NonlinearNetwork.evaluate(mapped, DeviceIv.sinh(3), X, 6, 1, true);
        NonlinearNetwork.Result four = NonlinearNetwork.evaluate(mapped, DeviceIv.sinh(3), X, 6, 4, true);
        assertArrayEquals(one.outputs(), four.outputs(), 0.0);
        assertArrayEquals(one.watts(), four.watts(), 0.0);
    }
}
