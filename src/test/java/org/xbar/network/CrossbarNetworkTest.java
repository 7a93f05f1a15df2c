package org.xbar.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xbar.TestCrossbars.assertAllClose;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.xbar.dense.DenseOps;
import org.xbar.device.Distribution;
import org.xbar.device.StuckOff;
import org.xbar.device.Technology;
import org.xbar.device.Variation;
import org.xbar.error.InvalidParameterException;
import org.xbar.results.OutputBatch;
import org.xbar.solve.DirectCrossbarSolver;
import org.xbar.solve.NodalEngine;
import org.xbar.spec.InputBatch;

/**
 * The mapping of DESIGN section 9 and the four evaluators on a tiled two-layer network: where
 * theory says they must agree, they do; and the exact evaluator's test-set shortcut (each tile's
 * transfer matrix) equals solving every tile's circuit for every vector.
 */
class CrossbarNetworkTest {
    private static final DenseOps OPS = DenseOps.ejml(1);
    /** 13 inputs, 9 hidden, 4 outputs; [W; b] of layer 1 is 14x9, tiled 5x4: row groups 5, 5, 4 and column groups 4, 4, 1. */
    private static final Network NET = TestNetworks.random(11, 13, 9, 4);
    private static final TileShape TILE = new TileShape(5, 4);
    private static final double[] X = TestNetworks.inputs(12, 6, 13);

    private static Hardware tio2(double rs, double rn, double wire) {
        return Hardware.ideal(Technology.TIO2).withTile(TILE).withTerminations(rs, rn).withWires(wire);
    }

    private static double[] outputs(Network network, Hardware hardware, Evaluator evaluator) {
        return CrossbarNetwork.map(network, hardware).effective(evaluator).outputs(X, 6, OPS);
    }

    @Test
    void levelsAndTilesFollowDesignSectionNine() {
        CrossbarNetwork mapped = CrossbarNetwork.map(NET, tio2(0, 0, 0));
        MappedLayer first = mapped.layers().get(0);
        double[] a = NET.layer(0).augmented();
        double wMax = 0;
        for (double w : a) {
            wMax = Math.max(wMax, Math.abs(w));
        }
        assertEquals(wMax, first.fullScale(), 0.0);
        assertEquals(9, first.tiles().size());
        Tile last = first.tiles().get(8);
        assertEquals(10, last.firstRow());
        assertEquals(14, last.endRow(), "the bias row falls in the last row group");
        assertEquals(8, last.firstOutput());
        assertEquals(9, last.endOutput());
        // 4 bits on TiO2: G = q G_min, the sign on the positive or the negative array
        double gMin = 1 / 600e3;
        for (Tile tile : first.tiles()) {
            for (int i = 0; i < tile.rows(); i++) {
                for (int j = 0; j < tile.outputs(); j++) {
                    double w = a[(tile.firstRow() + i) * 9 + tile.firstOutput() + j];
                    long q = Math.round(15 * Math.abs(w) / wMax);
                    double pos = tile.programmed().positive().get(i, j);
                    double neg = tile.programmed().negative().get(i, j);
                    assertEquals(w > 0 ? q * gMin : 0, pos, 1e-20);
                    assertEquals(w < 0 ? q * gMin : 0, neg, 1e-20);
                }
            }
        }
    }

    @Test
    void idealOutputsAreTheQuantizedWeightsInWeightUnits() {
        CrossbarNetwork mapped = CrossbarNetwork.map(NET, tio2(800, 200, 2.5));
        EffectiveNetwork ideal = mapped.effective(Evaluator.IDEAL);
        for (int l = 0; l < 2; l++) {
            double[] a = NET.layer(l).augmented();
            double wMax = mapped.layers().get(l).fullScale();
            double[] expected = new double[a.length];
            for (int k = 0; k < a.length; k++) {
                expected[k] = Math.signum(a[k]) * Math.round(15 * Math.abs(a[k]) / wMax) * wMax / 15;
            }
            assertAllClose("layer " + l, ideal.network().layer(l).augmented(), expected, 1e-12, 1e-15);
        }
        // and y = [x, 1] W^ for the last layer, sigmoid between
        double[] y = ideal.outputs(X, 6, OPS);
        double[] hidden = new double[6 * 9];
        DenseLayer l1 = ideal.network().layer(0);
        DenseLayer l2 = ideal.network().layer(1);
        for (int k = 0; k < 6; k++) {
            for (int j = 0; j < 9; j++) {
                double s = l1.get(13, j);
                for (int i = 0; i < 13; i++) {
                    s += X[k * 13 + i] * l1.get(i, j);
                }
                hidden[k * 9 + j] = 1 / (1 + Math.exp(-s));
            }
            for (int j = 0; j < 4; j++) {
                double s = l2.get(9, j);
                for (int i = 0; i < 9; i++) {
                    s += hidden[k * 9 + i] * l2.get(i, j);
                }
                assertEquals(s, y[k * 4 + j], 1e-12);
            }
        }
    }

    @Test
    void allEvaluatorsAgreeOnIdealCrossbars() {
        Hardware ideal = tio2(0, 0, 0);
        double[] reference = outputs(NET, ideal, Evaluator.IDEAL);
        for (Evaluator e : new Evaluator[] {Evaluator.MODEL, Evaluator.WIRE_AWARE, Evaluator.NODAL}) {
            assertAllClose(e.label(), outputs(NET, ideal, e), reference, 1e-9, 1e-12);
        }
    }

    @Test
    void modelIsExactWithoutSourceOrWithoutNeuronResistance() {
        for (Hardware h : new Hardware[] {tio2(0, 200, 0), tio2(800, 0, 0)}) {
            double[] exact = outputs(NET, h, Evaluator.NODAL);
            assertAllClose("model at R_S " + h.sourceOhms() + ", R_N " + h.neuronOhms(), outputs(NET, h, Evaluator.MODEL),
                    exact, 1e-9, 1e-12);
            assertAllClose("wire-aware at R_S " + h.sourceOhms() + ", R_N " + h.neuronOhms(),
                    outputs(NET, h, Evaluator.WIRE_AWARE), exact, 1e-9, 1e-12);
            double[] ideal = outputs(NET, h, Evaluator.IDEAL);
            assertTrue(maxDifference(ideal, exact) > 1e-4, "the parasitics must change the outputs");
        }
    }

    @Test
    void modelIsAnApproximationWithBothResistances() {
        Hardware h = Hardware.ideal(Technology.TAOX).withTerminations(800, 200);
        Network wide = TestNetworks.random(5, 60, 40, 3);
        double[] x = TestNetworks.inputs(6, 4, 60);
        double[] exact = CrossbarNetwork.map(wide, h).effective(Evaluator.NODAL).outputs(x, 4, OPS);
        double[] model = CrossbarNetwork.map(wide, h).effective(Evaluator.MODEL).outputs(x, 4, OPS);
        double[] ideal = CrossbarNetwork.map(wide, h).effective(Evaluator.IDEAL).outputs(x, 4, OPS);
        double modelError = maxDifference(model, exact);
        assertTrue(modelError > 1e-9, "with R_S and R_N both non-zero the model is not exact");
        assertTrue(modelError < 0.1 * maxDifference(ideal, exact), "but far closer than the ideal product");
    }

    /**
     * The exact evaluator builds each tile's transfer matrix; here every tile's circuit is solved
     * for every vector instead, by the direct solver, and layer by layer through the sigmoid.
     */
    @Test
    void nodalTransferMatricesEqualSolvingEveryTileForEveryVector() {
        Hardware h = tio2(800, 200, 2.5).withVariation(new Variation(0.1, Distribution.LOGNORMAL, 0.1, -1.5, 0.05, 0.05, StuckOff.GMIN, 99));
        CrossbarNetwork mapped = CrossbarNetwork.map(NET, h);
        double[] fast = mapped.effective(Evaluator.NODAL).outputs(X, 6, OPS);
        NodalEngine direct = new NodalEngine(new DirectCrossbarSolver());
        double[] h0 = X;
        int width = 13;
        for (int l = 0; l < 2; l++) {
            MappedLayer layer = mapped.layers().get(l);
            double[] y = new double[6 * layer.outputs()];
            for (Tile tile : layer.tiles()) {
                double[][] volts = new double[6][tile.rows()];
                for (int k = 0; k < 6; k++) {
                    for (int i = 0; i < tile.rows(); i++) {
                        int row = tile.firstRow() + i;
                        volts[k][i] = h.readVolts() * (row == layer.inputs() ? 1.0 : h0[k * width + row]);
                    }
                }
                OutputBatch amps = direct.evaluate(tile.crossbar(), InputBatch.of(volts));
                for (int k = 0; k < 6; k++) {
                    for (int j = 0; j < tile.outputs(); j++) {
                        y[k * layer.outputs() + tile.firstOutput() + j] += amps.get(k, j) * layer.fullScale()
                                / (15 * (1 / 600e3) * h.readVolts());
                    }
                }
            }
            if (l == 0) {
                for (int k = 0; k < y.length; k++) {
                    y[k] = 1 / (1 + Math.exp(-y[k]));
                }
            }
            h0 = y;
            width = layer.outputs();
        }
        assertAllClose("outputs", fast, h0, 1e-7, 1e-10);
    }

    @Test
    void chipToChipVariationScalesEveryConductance() {
        Variation chip = new Variation(0, Distribution.LOGNORMAL, 0.1, -2, 0, 0, StuckOff.GMIN, 3);
        Hardware h = tio2(0, 0, 0).withVariation(chip);
        EffectiveNetwork model = CrossbarNetwork.map(NET, h).effective(Evaluator.MODEL);
        EffectiveNetwork ideal = CrossbarNetwork.map(NET, h).effective(Evaluator.IDEAL);
        for (int l = 0; l < 2; l++) {
            double[] expected = ideal.network().layer(l).augmented();
            for (int k = 0; k < expected.length; k++) {
                expected[k] *= 0.8;
            }
            assertAllClose("layer " + l, model.network().layer(l).augmented(), expected, 1e-12, 1e-15);
        }
    }

    @Test
    void theSameSeedGivesTheSameChipAndAnotherSeedAnother() {
        Variation a = new Variation(0.2, Distribution.LOGNORMAL, 0, 0, 0.01, 0.01, StuckOff.OPEN, 7);
        Variation b = new Variation(0.2, Distribution.LOGNORMAL, 0, 0, 0.01, 0.01, StuckOff.OPEN, 8);
        double[] one = outputs(NET, tio2(0, 0, 0).withVariation(a), Evaluator.MODEL);
        double[] two = outputs(NET, tio2(0, 0, 0).withVariation(a), Evaluator.MODEL);
        double[] other = outputs(NET, tio2(0, 0, 0).withVariation(b), Evaluator.MODEL);
        assertTrue(Arrays.equals(one, two));
        assertTrue(maxDifference(one, other) > 1e-3);
    }

    @Test
    void percentileFullScaleClipsTheLargestWeights() {
        Hardware h = tio2(0, 0, 0).withFullScale(FullScale.parse("p50"));
        MappedLayer layer = CrossbarNetwork.map(NET, h).layers().get(0);
        double[] a = NET.layer(0).augmented();
        double[] sorted = a.clone();
        for (int k = 0; k < sorted.length; k++) {
            sorted[k] = Math.abs(sorted[k]);
        }
        Arrays.sort(sorted);
        assertEquals(sorted[(int) Math.ceil(0.5 * sorted.length) - 1], layer.fullScale(), 0.0);
        int clipped = 0;
        for (int k = 0; k < a.length; k++) {
            if (Math.abs(layer.levels()[k]) == 15) {
                clipped++;
            }
        }
        assertTrue(clipped >= a.length / 2 - 2, "about half the weights sit at the top level");
    }

    @Test
    void selectionFindsWhatASortPutsAtEachRank() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (int trial = 0; trial < 500; trial++) {
            int n = 1 + random.nextInt(200);
            double[] a = new double[n];
            for (int k = 0; k < n; k++) {
                // ties on purpose: many equal magnitudes, as quantized or zero weights have
                a[k] = random.nextInt(4) == 0 ? random.nextInt(5) : random.nextDouble();
            }
            double[] sorted = a.clone();
            Arrays.sort(sorted);
            int rank = random.nextInt(n);
            assertEquals(sorted[rank], FullScale.kthSmallest(a.clone(), rank), 0.0);
        }
    }

    @Test
    void refusesLayersThatDoNotChainAndBadTiles() {
        DenseLayer a = DenseLayer.ofAugmented(3, 4, new double[16]);
        DenseLayer b = DenseLayer.ofAugmented(5, 2, new double[12]);
        InvalidParameterException chain = assertThrows(InvalidParameterException.class,
                () -> Network.of(java.util.List.of(a, b)));
        assertEquals("layers", chain.parameter());
        assertThrows(InvalidParameterException.class, () -> TileShape.parse("0x5"));
        assertThrows(InvalidParameterException.class, () -> TileShape.parse("64by64"));
        assertEquals(new TileShape(64, 32), TileShape.parse("64x32"));
        assertTrue(TileShape.parse("full").full());
        double[] bad = new double[16];
        bad[13] = Double.NaN;
        InvalidParameterException nan = assertThrows(InvalidParameterException.class,
                () -> DenseLayer.ofAugmented(3, 4, bad));
        assertEquals("bias[1]", nan.parameter());
    }

    private static double maxDifference(double[] a, double[] b) {
        double max = 0;
        for (int k = 0; k < a.length; k++) {
            max = Math.max(max, Math.abs(a[k] - b[k]));
        }
        return max;
    }
}
