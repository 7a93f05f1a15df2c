package org.xbar.network;

import org.xbar.dense.DenseOps;
import org.xbar.error.InvalidParameterException;
import org.xbar.spec.Checks;

/**
 * The power a network's crossbars draw while they read one input (DESIGN section 10), exact for
 * every image and without a circuit solve per image.
 *
 * <p>Every tile is linear, so the power its drivers deliver is a quadratic form of its input volts,
 * {@code P = v^T Q v} ({@code org.xbar.solve.PowerForm}), with {@code Q} from the same unit solves
 * as the tile's transfer matrix. A tile of layer l reads {@code v = V_read [h, 1]} restricted to its
 * rows, {@code h} the layer's input: the image for the first layer, the previous layer's sigmoid
 * outputs under exact evaluation for the others. One inference reads every tile of every layer
 * once, so its power is the sum over tiles and layers of {@code V_read^2 x^T Q x}, and its energy
 * that times the read time. Per image this costs {@code rows^2} operations per tile, like the
 * tile's own product, done as dense products over blocks of images.
 *
 * <p>What is counted is what the crossbars dissipate: devices, wires, source and neuron
 * resistances (equal to what their drivers deliver). The digital summation of partial outputs, the
 * activation function and the converters are not.
 */
public final class NetworkPower {
    /** Images per block (bounds memory on large test sets). */
    private static final int BLOCK = 1024;

    private final CrossbarNetwork mapped;
    private final EffectiveNetwork effective;
    /** {@code forms[layer][tile]}: the tile's {@code Q}, {@code rows x rows}, row-major, siemens. */
    private final double[][][] forms;
    private final double asymmetry;

    /**
     * @param mapped    the network on its crossbars
     * @param effective its exact effective network
     * @param forms     the power form of every tile, by layer and tile index
     * @param asymmetry the largest {@code PowerForm.asymmetry()} of the tiles
     */
    NetworkPower(CrossbarNetwork mapped, EffectiveNetwork effective, double[][][] forms, double asymmetry) {
        this.mapped = mapped;
        this.effective = effective;
        this.forms = forms;
        this.asymmetry = asymmetry;
    }

    /** @return the exact effective network (as {@code effective(Evaluator.NODAL)} gives it) */
    public EffectiveNetwork effective() {
        return effective;
    }

    /**
     * @return the largest departure from reciprocity of any tile's unit solves (relative; 0 up to
     *         their accuracy)
     */
    public double asymmetry() {
        return asymmetry;
    }

    /**
     * @param inputs {@code count x inputs}, row-major, each value an input in [0, 1]
     * @param count  number of images
     * @param ops    the dense products
     * @return the power the crossbars draw while reading each image, every tile of every layer
     *         once, watt
     */
    public double[] watts(double[] inputs, int count, DenseOps ops) {
        Network network = effective.network();
        int n0 = network.inputs();
        if (inputs.length != (long) count * n0) {
            throw InvalidParameterException.inconsistent("inputs", inputs.length + " values for " + count + " vectors of " + n0);
        }
        double volts = mapped.hardware().readVolts();
        double[] watts = new double[count];
        for (int from = 0; from < count; from += BLOCK) {
            int rows = Math.min(BLOCK, count - from);
            double[] h = java.util.Arrays.copyOfRange(inputs, from * n0, (from + rows) * n0);
            for (int l = 0; l < network.depth(); l++) {
                MappedLayer layer = mapped.layers().get(l);
                for (Tile tile : layer.tiles()) {
                    addTile(tile, layer.inputs(), forms[l][tile.index()], h, rows, volts, ops, watts, from);
                }
                if (l + 1 < network.depth()) {
                    h = EffectiveNetwork.forward(network.layer(l), h, rows, ops, true);
                }
            }
        }
        return watts;
    }

    /** Adds {@code V_read^2 x^T Q x} of one tile for every image of a block. */
    private static void addTile(Tile tile, int layerInputs, double[] q, double[] h, int rows, double volts, DenseOps ops,
            double[] watts, int from) {
        int n = tile.rows();
        double[] x = new double[rows * n];
        for (int k = 0; k < rows; k++) {
            for (int i = 0; i < n; i++) {
                int row = tile.firstRow() + i;
                x[k * n + i] = row == layerInputs ? 1.0 : h[k * layerInputs + row];
            }
        }
        double[] xq = new double[rows * n];
        ops.multiply(x, q, xq, rows, n, n);
        double scale = volts * volts;
        for (int k = 0; k < rows; k++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += x[k * n + i] * xq[k * n + i];
            }
            watts[from + k] += scale * sum;
        }
    }

    /**
     * @param watts       power per image, watt
     * @param readSeconds how long one read of a tile lasts, second, {@code > 0}
     * @return the mean energy per inference, {@code t_read} times the mean power, joule
     */
    public static double meanJoules(double[] watts, double readSeconds) {
        Checks.positive("readSeconds", readSeconds, "s");
        if (watts.length == 0) {
            throw InvalidParameterException.inconsistent("watts", "no images");
        }
        double sum = 0;
        for (double w : watts) {
            sum += w;
        }
        return sum / watts.length * readSeconds;
    }
}
