package org.xbar.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xbar.TestCrossbars.assertAllClose;

import org.junit.jupiter.api.Test;
import org.xbar.circuit.CrossbarCircuit;
import org.xbar.dense.DenseOps;
import org.xbar.device.Distribution;
import org.xbar.device.StuckOff;
import org.xbar.device.Technology;
import org.xbar.device.Variation;
import org.xbar.error.InvalidParameterException;
import org.xbar.results.PowerBreakdown;
import org.xbar.solve.DirectCrossbarSolver;

/**
 * The power of one inference from each tile's quadratic form equals solving every tile's circuit
 * for every vector and adding up its breakdown; and building the forms changes none of the exact
 * evaluator's numbers.
 */
class NetworkPowerTest {
    private static final DenseOps OPS = DenseOps.ejml(1);
    /** 13 inputs, 9 hidden, 4 outputs; tiled 5x4, so layer 1 has 9 tiles and layer 2 six. */
    private static final Network NET = TestNetworks.random(11, 13, 9, 4);
    private static final double[] X = TestNetworks.inputs(12, 6, 13);

    private static Hardware hardware(double rs, double rn, double wire) {
        return Hardware.ideal(Technology.TIO2).withTile(new TileShape(5, 4)).withTerminations(rs, rn).withWires(wire)
                .withVariation(new Variation(0.1, Distribution.LOGNORMAL, 0, 0, 0.02, 0.02, StuckOff.GMIN, 5));
    }

    @Test
    void formsEqualSolvingEveryTileForEveryVector() {
        for (Hardware h : new Hardware[] {hardware(800, 200, 2.5), hardware(0, 0, 2.5), hardware(800, 200, 0)}) {
            CrossbarNetwork mapped = CrossbarNetwork.map(NET, h);
            NetworkPower power = mapped.effectiveWithPower();
            assertTrue(power.asymmetry() < 1e-9, "reciprocity of the unit solves: " + power.asymmetry());
            double[] watts = power.watts(X, 6, OPS);
            double[] expected = new double[6];
            double[] input = X;
            int width = 13;
            for (int l = 0; l < 2; l++) {
                MappedLayer layer = mapped.layers().get(l);
                for (Tile tile : layer.tiles()) {
                    CrossbarCircuit circuit = CrossbarCircuit.of(tile.crossbar());
                    var prepared = new DirectCrossbarSolver().prepare(circuit);
                    for (int k = 0; k < 6; k++) {
                        double[] volts = new double[tile.rows()];
                        for (int i = 0; i < tile.rows(); i++) {
                            int row = tile.firstRow() + i;
                            volts[i] = h.readVolts() * (row == layer.inputs() ? 1.0 : input[k * width + row]);
                        }
                        PowerBreakdown p = PowerBreakdown.of(circuit, volts, prepared.solve(volts));
                        assertTrue(p.imbalance() < 1e-9, "energy balance of a tile: " + p);
                        expected[k] += p.dissipated();
                    }
                }
                if (l == 0) {
                    input = EffectiveNetwork.forward(power.effective().network().layer(0), X, 6, OPS, true);
                    width = layer.outputs();
                }
            }
            assertAllClose("watts per inference at R_S " + h.sourceOhms() + ", R_N " + h.neuronOhms() + ", wire "
                    + h.wireOhms(), watts, expected, 1e-9, 0);
            assertArrayEquals(mapped.effective(Evaluator.NODAL).outputs(X, 6, OPS), power.effective().outputs(X, 6, OPS), 0.0,
                    "the same unit solves give the same exact outputs");
        }
    }

    /** More than a block of images: the blocks add up to what one image at a time gives. */
    @Test
    void blocksOfImagesGiveWhatSingleImagesGive() {
        NetworkPower power = CrossbarNetwork.map(NET, hardware(800, 200, 2.5)).effectiveWithPower();
        double[] many = TestNetworks.inputs(3, 1100, 13);
        double[] watts = power.watts(many, 1100, OPS);
        for (int k : new int[] {0, 1023, 1024, 1099}) {
            double[] one = power.watts(java.util.Arrays.copyOfRange(many, k * 13, (k + 1) * 13), 1, OPS);
            assertEquals(one[0], watts[k], 1e-12 * one[0], "image " + k);
        }
        assertEquals(java.util.Arrays.stream(watts).average().orElseThrow() * 10e-9, NetworkPower.meanJoules(watts, 10e-9),
                1e-24);
        assertEquals("readSeconds", assertThrows(InvalidParameterException.class, () -> NetworkPower.meanJoules(watts, 0))
                .parameter());
        assertEquals("inputs", assertThrows(InvalidParameterException.class, () -> power.watts(many, 3, OPS)).parameter());
    }
}
