package org.xbar.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.xbar.device.DeviceArrays;
import org.xbar.model.AnalyticalModel;
import org.xbar.model.WireAwareModel;
import org.xbar.network.CrossbarNetwork;
import org.xbar.network.Hardware;
import org.xbar.network.TileChip;
import org.xbar.spec.ConductanceMatrix;
import org.xbar.spec.CrossbarSpec;
import org.xbar.spec.WeightMapping;

/**
 * What the forward pass of training sees of every layer at one step, from the full-precision
 * shadow weights (DESIGN section 9, seed 004 section III-C and III-D): the layer's effective
 * augmented matrix {@code W~} in weight units, and the slope {@code dW~_ij / dw_ij} that the
 * straight-through gradient passes back to the shadow weight.
 *
 * <p>Every step re-discretizes: {@code W_max} from the shadow weights by the hardware's rule, the
 * levels {@code q = sign(w) min(L, round(L |w| / W_max))}, the programmed conductances
 * {@code G = |q| G_unit} on the positive or negative array of each tile, and the conductances the
 * chip has ({@link TileChip}). Then, by awareness:
 * <ul>
 *   <li>{@link Awareness#NONE}: {@code W~ = q W_max / L}, slope 1 (straight through the quantizer);</li>
 *   <li>{@link Awareness#SEED}: per tile, seed 004's model of the chip's conductances,
 *       <pre>  W~_ij = (W_max / (L G_unit)) beta_j (alpha+_i G+_ij - alpha-_i G-_ij)</pre>
 *       with {@code alpha}, {@code beta} of {@link AnalyticalModel#attenuation}; holding them constant
 *       (seed 004 eqs. 8-9, {@code dW+- = -+ eta alpha+-_i beta_j x_i delta_j}) the slope is
 *       {@code beta_j alpha+_i s+_ij} for {@code w >= 0} and {@code beta_j alpha-_i s-_ij} for
 *       {@code w < 0}, {@code s} the device's factor on the chip (0 when stuck);</li>
 *   <li>{@link Awareness#WIRE}: the same plus {@code C = W~_wire-aware - W~_seed} of each tile,
 *       evaluated every {@code refreshSteps} steps ({@link #refresh()}) and held between: a
 *       first-order correction for the wires and for the sense-node coupling the seed model
 *       neglects, exact at every refresh.</li>
 * </ul>
 */
final class HardwareView {
    private final Hardware hardware;
    private final Awareness awareness;
    private final List<LayerState> layers = new ArrayList<>();

    /** One layer: geometry, chips and the current view. */
    static final class LayerState {
        final int inputs;
        final int outputs;
        final int[][] tiles;
        final TileChip[] chips;
        final double[] effective;
        final double[] slope;
        final double[] correction;
        double fullScale;
        int[] levels;

        LayerState(int inputs, int outputs, int[][] tiles, TileChip[] chips) {
            this.inputs = inputs;
            this.outputs = outputs;
            this.tiles = tiles;
            this.chips = chips;
            int size = (inputs + 1) * outputs;
            this.effective = new double[size];
            this.slope = new double[size];
            this.correction = new double[size];
        }
    }

    /**
     * @param sizes     layer sizes, inputs first
     * @param hardware  the crossbars
     * @param awareness what the forward pass knows of them
     */
    HardwareView(int[] sizes, Hardware hardware, Awareness awareness) {
        this.hardware = hardware;
        this.awareness = awareness;
        for (int l = 0; l + 1 < sizes.length; l++) {
            int rows = sizes[l] + 1;
            int outputs = sizes[l + 1];
            int tileRows = Math.min(rows, hardware.tile().rows());
            int tileCols = Math.min(outputs, hardware.tile().cols());
            List<int[]> tiles = new ArrayList<>();
            List<TileChip> chips = new ArrayList<>();
            for (int r0 = 0; r0 < rows; r0 += tileRows) {
                for (int c0 = 0; c0 < outputs; c0 += tileCols) {
                    int[] t = {r0, Math.min(rows, r0 + tileRows), c0, Math.min(outputs, c0 + tileCols)};
                    chips.add(TileChip.of(CrossbarNetwork.tileVariation(hardware, l, tiles.size()), hardware.technology(),
                            2 * (t[1] - t[0]) * (t[3] - t[2])));
                    tiles.add(t);
                }
            }
            layers.add(new LayerState(sizes[l], outputs, tiles.toArray(new int[0][]), chips.toArray(new TileChip[0])));
        }
    }

    /** @return the layers' current views */
    List<LayerState> layers() {
        return layers;
    }

    /**
     * Re-discretizes every layer from its shadow weights and recomputes {@code W~} and the slopes.
     *
     * @param shadow each layer's {@code [W; b]}, full precision
     */
    void update(List<double[]> shadow) {
        for (int l = 0; l < layers.size(); l++) {
            LayerState s = layers.get(l);
            double[] w = shadow.get(l);
            s.fullScale = hardware.fullScale().of(w);
            if (s.levels == null) {
                s.levels = new int[w.length];
                if (awareness == Awareness.NONE) {
                    Arrays.fill(s.slope, 1.0);
                }
            }
            int maxLevel = hardware.maxLevel();
            double perWeight = maxLevel / s.fullScale;
            double step = s.fullScale / maxLevel;
            int[] levels = s.levels;
            double[] effective = s.effective;
            blocks(w.length, (from, to) -> {
                for (int k = from; k < to; k++) {
                    double v = w[k];
                    int q = CrossbarNetwork.level(Math.abs(v) * perWeight, maxLevel);
                    levels[k] = v < 0 ? -q : q;
                    effective[k] = levels[k] * step;
                }
            });
            if (awareness == Awareness.NONE) {
                continue;
            }
            for (int t = 0; t < s.tiles.length; t++) {
                seedTile(s, t, w);
            }
            if (awareness == Awareness.WIRE) {
                for (int k = 0; k < w.length; k++) {
                    s.effective[k] += s.correction[k];
                }
            }
        }
    }

    /** The chip's conductances of tile t, positive rows first: {@code 2h x w}, row-major. */
    private double[] conductances(LayerState s, int t) {
        int[] tile = s.tiles[t];
        int h = tile[1] - tile[0];
        int width = tile[3] - tile[2];
        double unit = hardware.unitSiemens();
        TileChip chip = s.chips[t];
        double[] g = new double[2 * h * width];
        for (int i = 0; i < h; i++) {
            int base = (tile[0] + i) * s.outputs + tile[2];
            for (int j = 0; j < width; j++) {
                int q = s.levels[base + j];
                int k = i * width + j;
                if (q > 0) {
                    g[k] = chip.actual(k, q * unit);
                } else if (q < 0) {
                    g[h * width + k] = chip.actual(h * width + k, -q * unit);
                }
            }
        }
        return g;
    }

    /**
     * Seed 004's model of tile t at the current levels, written into the layer's {@code W~} and
     * slopes: the attenuations of {@link AnalyticalModel#attenuation} in one pass over the levels
     * (the hot loop of technology-aware training; a test holds it equal to the model evaluator).
     */
    private void seedTile(LayerState s, int t, double[] shadow) {
        int[] tile = s.tiles[t];
        int h = tile[1] - tile[0];
        int width = tile[3] - tile[2];
        double unit = hardware.unitSiemens();
        double rs = hardware.sourceOhms();
        double rn = hardware.neuronOhms();
        TileChip chip = s.chips[t];
        int maxLevel = hardware.maxLevel();
        int negative = h * width;
        int[] levels = s.levels;
        double[] alphaPositive = new double[h];
        double[] alphaNegative = new double[h];
        double[] columnSum = new double[width];
        double[] beta = new double[width];
        double toWeights = s.fullScale / (maxLevel * unit);
        if (chip.uniform()) {
            // every device has the chip factor: tabulate a level's load g / (1 + R_N g)
            double factor = chip.uniformFactor();
            double[] loadOfLevel = new double[2 * maxLevel + 1];
            for (int q = 1; q <= maxLevel; q++) {
                double g = q * unit * factor;
                loadOfLevel[maxLevel + q] = g / (1 + rn * g);
            }
            // integer sums of levels per column: exact, so the blocks of rows may run in any order
            int rowsPerBlock = Math.max(1, ROWS_WORK / width);
            int[][] blockLevels = new int[(h + rowsPerBlock - 1) / rowsPerBlock][width];
            java.util.stream.IntStream.range(0, blockLevels.length).parallel().forEach(b -> {
                int[] columnLevels = blockLevels[b];
                for (int i = b * rowsPerBlock; i < Math.min(h, (b + 1) * rowsPerBlock); i++) {
                    int base = (tile[0] + i) * s.outputs + tile[2];
                    double loadPositive = 0;
                    double loadNegative = 0;
                    for (int j = 0; j < width; j++) {
                        int q = levels[base + j];
                        loadPositive += loadOfLevel[maxLevel + Math.max(q, 0)];
                        loadNegative += loadOfLevel[maxLevel + Math.max(-q, 0)];
                        columnLevels[j] += Math.abs(q);
                    }
                    alphaPositive[i] = 1.0 / (1.0 + rs * loadPositive);
                    alphaNegative[i] = 1.0 / (1.0 + rs * loadNegative);
                }
            });
            int[] columnLevels = new int[width];
            for (int[] block : blockLevels) {
                for (int j = 0; j < width; j++) {
                    columnLevels[j] += block[j];
                }
            }
            double[] effectiveScale = new double[width];
            double[] slopeScale = new double[width];
            for (int j = 0; j < width; j++) {
                beta[j] = 1.0 / (1.0 + rn * columnLevels[j] * unit * factor);
                effectiveScale[j] = toWeights * beta[j] * unit * factor;
                slopeScale[j] = beta[j] * factor;
            }
            blocks(h * width, width, (from, to) -> {
                for (int i = from / width; i < to / width; i++) {
                    int base = (tile[0] + i) * s.outputs + tile[2];
                    double ap = alphaPositive[i];
                    double an = alphaNegative[i];
                    for (int j = 0; j < width; j++) {
                        int q = levels[base + j];
                        s.effective[base + j] = effectiveScale[j] * q * (q >= 0 ? ap : an);
                        s.slope[base + j] = slopeScale[j] * (shadow[base + j] >= 0 ? ap : an);
                    }
                }
            });
            return;
        }
        double[] g = new double[2 * h * width];
        for (int i = 0; i < h; i++) {
            int base = (tile[0] + i) * s.outputs + tile[2];
            double loadPositive = 0;
            double loadNegative = 0;
            for (int j = 0; j < width; j++) {
                int q = levels[base + j];
                int k = i * width + j;
                if (q > 0) {
                    double v = chip.actual(k, q * unit);
                    g[k] = v;
                    loadPositive += v / (1 + rn * v);
                    columnSum[j] += v;
                } else if (q < 0) {
                    double v = chip.actual(negative + k, -q * unit);
                    g[negative + k] = v;
                    loadNegative += v / (1 + rn * v);
                    columnSum[j] += v;
                }
            }
            alphaPositive[i] = 1.0 / (1.0 + rs * loadPositive);
            alphaNegative[i] = 1.0 / (1.0 + rs * loadNegative);
        }
        for (int j = 0; j < width; j++) {
            beta[j] = 1.0 / (1.0 + rn * columnSum[j]);
        }
        for (int i = 0; i < h; i++) {
            int base = (tile[0] + i) * s.outputs + tile[2];
            double ap = alphaPositive[i];
            double an = alphaNegative[i];
            for (int j = 0; j < width; j++) {
                int k = i * width + j;
                double b = beta[j];
                s.effective[base + j] = toWeights * b * (ap * g[k] - an * g[negative + k]);
                boolean positive = shadow[base + j] >= 0;
                s.slope[base + j] = b * (positive ? ap * chip.slope(k) : an * chip.slope(negative + k));
            }
        }
    }

    /** Entries of a layer per block of the parallel passes. */
    private static final int ROWS_WORK = 1 << 15;

    /** A pass over a range of entries. */
    @FunctionalInterface
    private interface Range {
        void run(int from, int to);
    }

    /** Runs a pass over {@code [0, n)} in blocks of whole entries, on the common pool when it is large. */
    private static void blocks(int n, Range pass) {
        blocks(n, 1, pass);
    }

    /**
     * Runs a pass over {@code [0, n)} in blocks that are multiples of {@code unit} (whole rows), on
     * the common pool when the pass is large. Every entry is computed alone, so the numbers do not
     * depend on how the blocks are shared out.
     */
    private static void blocks(int n, int unit, Range pass) {
        if (n < 2 * ROWS_WORK) {
            pass.run(0, n);
            return;
        }
        int size = Math.max(unit, ROWS_WORK / unit * unit);
        int count = (n + size - 1) / size;
        java.util.stream.IntStream.range(0, count).parallel().forEach(b -> pass.run(b * size, Math.min(n, (b + 1) * size)));
    }

    /**
     * With {@link Awareness#WIRE}: evaluates the wire-aware model of every tile at the current
     * levels and keeps its difference from the seed model, in weight units, in place of the one
     * before: {@code W~} then holds the wire-aware model exactly, and every {@link #update} until
     * the next refresh adds this correction to the seed model.
     */
    void refresh() {
        if (awareness != Awareness.WIRE) {
            return;
        }
        for (LayerState s : layers) {
            double toWeights = s.fullScale / (hardware.maxLevel() * hardware.unitSiemens());
            for (int t = 0; t < s.tiles.length; t++) {
                int[] tile = s.tiles[t];
                int h = tile[1] - tile[0];
                int width = tile[3] - tile[2];
                double[] g = conductances(s, t);
                CrossbarSpec spec = new DeviceArrays(ConductanceMatrix.ofRowMajor(h, width, Arrays.copyOfRange(g, 0, h * width)),
                        ConductanceMatrix.ofRowMajor(h, width, Arrays.copyOfRange(g, h * width, 2 * h * width)),
                        WeightMapping.ROW_PAIR).toSpec().sourceOhms(hardware.sourceOhms())
                        .neuronOhms(hardware.neuronOhms()).wireOhms(hardware.wireOhms()).build();
                double[] wire = new WireAwareModel().prepare(spec).matrix();
                double[] seed = new AnalyticalModel().prepare(spec).matrix();
                for (int i = 0; i < h; i++) {
                    int base = (tile[0] + i) * s.outputs + tile[2];
                    for (int j = 0; j < width; j++) {
                        double c = toWeights * (wire[i * width + j] - seed[i * width + j]);
                        s.effective[base + j] += c - s.correction[base + j];
                        s.correction[base + j] = c;
                    }
                }
            }
        }
    }
}
