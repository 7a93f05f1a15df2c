package org.xbar.network;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.xbar.device.DeviceArrays;
import org.xbar.device.Variation;
import org.xbar.solve.NodalEngine;
import org.xbar.solve.UnitResponses;
import org.xbar.spec.Checks;
import org.xbar.spec.ConductanceMatrix;
import org.xbar.spec.CrossbarSpec;
import org.xbar.spec.WeightMapping;

/**
 * A network mapped onto tiled row-pair crossbars (DESIGN section 9, seed 004 Fig. 2b): each layer's
 * augmented matrix {@code [W; b]} gets its full scale and levels ({@link Hardware}), is split into
 * tiles, and each tile becomes a crossbar with its own drivers ({@code R_S} per row), senses
 * ({@code R_N} per column) and wire segments, its devices after the chip's variation. The positive
 * array of a tile is driven by {@code +x V_read}, the negative one by {@code -x V_read}.
 *
 * <p>Every random draw of the variation comes from the hardware's seed, the layer and the tile
 * ({@link TileChip}: one draw per device position, whatever is programmed there), so the same seed
 * gives the same chip for inference and for training.
 */
public final class CrossbarNetwork {
    private final Network network;
    private final Hardware hardware;
    private final List<MappedLayer> layers;

    private CrossbarNetwork(Network network, Hardware hardware, List<MappedLayer> layers) {
        this.network = network;
        this.hardware = hardware;
        this.layers = layers;
    }

    /**
     * @param network  the network in weight units
     * @param hardware the crossbars
     * @return the network on the crossbars
     */
    public static CrossbarNetwork map(Network network, Hardware hardware) {
        List<MappedLayer> mapped = new ArrayList<>();
        for (int l = 0; l < network.depth(); l++) {
            mapped.add(mapLayer(l, network.layer(l), hardware));
        }
        return new CrossbarNetwork(network, hardware, List.copyOf(mapped));
    }

    /**
     * The signed levels of a layer: {@code q = sign(w) min(L, round(L |w| / W_max))}.
     *
     * @param augmented {@code [W; b]}
     * @param fullScale {@code W_max}, {@code > 0}
     * @param maxLevel  {@code L}
     * @return one level per entry
     */
    public static int[] levels(double[] augmented, double fullScale, int maxLevel) {
        int[] q = new int[augmented.length];
        double scale = maxLevel / fullScale;
        for (int k = 0; k < q.length; k++) {
            double w = augmented[k];
            int level = level(Math.abs(w) * scale, maxLevel);
            q[k] = w < 0 ? -level : level;
        }
        return q;
    }

    /**
     * @param x        {@code L |w| / W_max}, {@code >= 0}
     * @param maxLevel {@code L}
     * @return {@code min(L, floor(x + 1/2))}: the nearest level, halves rounded up
     */
    public static int level(double x, int maxLevel) {
        return (int) Math.min(maxLevel, (long) (x + 0.5));
    }

    /**
     * @param hardware  the crossbars
     * @param layer     layer index
     * @param tileIndex tile index within the layer
     * @return the variation of that tile: the hardware's, with a seed of its own
     */
    public static Variation tileVariation(Hardware hardware, int layer, int tileIndex) {
        Variation v = hardware.variation();
        long seed = new SplittableRandom(v.seed() + 0x9E3779B97F4A7C15L * (1 + 65_537L * layer + tileIndex)).nextLong();
        return new Variation(v.deviceSigma(), v.distribution(), v.chipSigma(), v.chipDeviations(), v.stuckOnRate(),
                v.stuckOffRate(), v.stuckOff(), seed);
    }

    /**
     * @param variation a variation
     * @return true when it changes no conductance
     */
    public static boolean changesNothing(Variation variation) {
        return variation.deviceSigma() == 0 && variation.chipSigma() * variation.chipDeviations() == 0
                && variation.stuckOnRate() == 0 && variation.stuckOffRate() == 0;
    }

    private static MappedLayer mapLayer(int l, DenseLayer layer, Hardware hardware) {
        int rows = layer.inputs() + 1;
        int outputs = layer.outputs();
        double[] augmented = layer.augmented();
        double fullScale = hardware.fullScale().of(augmented);
        int[] q = levels(augmented, fullScale, hardware.maxLevel());
        int tileRows = Math.min(rows, hardware.tile().rows());
        int tileCols = Math.min(outputs, hardware.tile().cols());
        double unit = hardware.unitSiemens();
        List<Tile> tiles = new ArrayList<>();
        for (int r0 = 0; r0 < rows; r0 += tileRows) {
            int r1 = Math.min(rows, r0 + tileRows);
            for (int c0 = 0; c0 < outputs; c0 += tileCols) {
                int c1 = Math.min(outputs, c0 + tileCols);
                int h = r1 - r0;
                int w = c1 - c0;
                double[] pos = new double[h * w];
                double[] neg = new double[h * w];
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        int level = q[(r0 + i) * outputs + c0 + j];
                        if (level > 0) {
                            pos[i * w + j] = level * unit;
                        } else if (level < 0) {
                            neg[i * w + j] = -level * unit;
                        }
                    }
                }
                DeviceArrays programmed = new DeviceArrays(ConductanceMatrix.ofRowMajor(h, w, pos),
                        ConductanceMatrix.ofRowMajor(h, w, neg), WeightMapping.ROW_PAIR);
                DeviceArrays actual = programmed;
                Variation variation = tileVariation(hardware, l, tiles.size());
                if (!changesNothing(variation)) {
                    TileChip chip = TileChip.of(variation, hardware.technology(), 2 * h * w);
                    for (int k = 0; k < h * w; k++) {
                        pos[k] = chip.actual(k, pos[k]);
                        neg[k] = chip.actual(h * w + k, neg[k]);
                    }
                    actual = new DeviceArrays(ConductanceMatrix.ofRowMajor(h, w, pos), ConductanceMatrix.ofRowMajor(h, w, neg),
                            WeightMapping.ROW_PAIR);
                }
                CrossbarSpec crossbar = actual.toSpec().sourceOhms(hardware.sourceOhms()).neuronOhms(hardware.neuronOhms())
                        .wireOhms(hardware.wireOhms()).build();
                tiles.add(new Tile(l, tiles.size(), r0, r1, c0, c1, programmed, crossbar));
            }
        }
        return new MappedLayer(layer.inputs(), outputs, fullScale, q, tiles);
    }

    /** @return the network in weight units */
    public Network network() {
        return network;
    }

    /** @return the crossbars */
    public Hardware hardware() {
        return hardware;
    }

    /** @return the mapped layers, first to last */
    public List<MappedLayer> layers() {
        return layers;
    }

    /**
     * @param l layer index
     * @return the factor from a tile map (siemens) to weight units: {@code W_max / (L G_unit)}
     */
    public double weightsPerSiemens(int l) {
        return layers.get(l).fullScale() / (hardware.maxLevel() * hardware.unitSiemens());
    }

    /**
     * Reduces every layer to its effective matrix under an evaluator: each tile's exact map from
     * its inputs to its outputs, scaled to weight units and summed over the row groups.
     *
     * @param evaluator how each tile is evaluated
     * @return the effective network
     */
    public EffectiveNetwork effective(Evaluator evaluator) {
        return effective(evaluator.label(), evaluator::map);
    }

    /**
     * As {@link #effective(Evaluator)}, with the exact solves on a given number of threads (a study
     * that runs several evaluations at once gives each one thread); the numbers do not depend on it.
     *
     * @param evaluator how each tile is evaluated
     * @param threads   threads of the exact solver, at least 1
     * @return the effective network
     */
    public EffectiveNetwork effective(Evaluator evaluator, int threads) {
        Checks.inRange("threads", threads, 1, 1024);
        return effective(evaluator.label(), tile -> evaluator.map(tile, threads));
    }

    /**
     * Exact nodal analysis of every tile, as {@code effective(Evaluator.NODAL)} and with the same
     * numbers, plus the power every tile draws as a quadratic form of its inputs, from one unit
     * solve per input ({@link UnitResponses}): a tile with fewer outputs than inputs, whose exact
     * map comes from one adjoint solve per output, costs those unit solves on top.
     *
     * @return the exact effective network and the power of its reads
     */
    public NetworkPower effectiveWithPower() {
        double[][][] forms = new double[layers.size()][][];
        for (int l = 0; l < layers.size(); l++) {
            forms[l] = new double[layers.get(l).tiles().size()][];
        }
        double[] asymmetry = new double[1];
        EffectiveNetwork exact = effective(Evaluator.NODAL.label(), tile -> {
            UnitResponses responses = new NodalEngine().unitResponses(tile.crossbar());
            forms[tile.layer()][tile.index()] = responses.power().siemens();
            asymmetry[0] = Math.max(asymmetry[0], responses.power().asymmetry());
            return Evaluator.TileMap.of(responses.transfer());
        });
        return new NetworkPower(this, exact, forms, asymmetry[0]);
    }

    private EffectiveNetwork effective(String label, Function<Tile, Evaluator.TileMap> evaluator) {
        long start = System.nanoTime();
        List<DenseLayer> effective = new ArrayList<>();
        int iterations = 0;
        double residual = 0;
        for (int l = 0; l < layers.size(); l++) {
            MappedLayer layer = layers.get(l);
            int outputs = layer.outputs();
            double[] a = new double[(layer.inputs() + 1) * outputs];
            double scale = weightsPerSiemens(l);
            for (Tile tile : layer.tiles()) {
                Evaluator.TileMap map = evaluator.apply(tile);
                iterations = Math.max(iterations, map.iterations());
                residual = Math.max(residual, map.residual());
                double[] t = map.siemens();
                int w = tile.outputs();
                for (int i = 0; i < tile.rows(); i++) {
                    int base = (tile.firstRow() + i) * outputs + tile.firstOutput();
                    for (int j = 0; j < w; j++) {
                        a[base + j] += scale * t[i * w + j];
                    }
                }
            }
            effective.add(DenseLayer.ofAugmented(layer.inputs(), outputs, a));
        }
        return new EffectiveNetwork(label, Network.of(effective), iterations, residual,
                System.nanoTime() - start);
    }
}
