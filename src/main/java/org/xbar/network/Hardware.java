package org.xbar.network;

import java.io.Serializable;
import java.util.Objects;
import org.xbar.device.Technology;
import org.xbar.device.Variation;
import org.xbar.spec.Checks;

/**
 * The crossbars a network is mapped onto (DESIGN section 9): the device technology and levels,
 * the read voltage, the parasitics every tile has, the tile size, the rule for each layer's full
 * scale and the chip's device variation.
 *
 * <p><b>Levels.</b> A weight {@code w} of a layer with full scale {@code W_max} gets the level
 * {@code q = min(L, round(L |w| / W_max))}, {@code L = 2^bits - 1}, and a device of conductance
 * {@code G = q G_unit} on the positive array ({@code w > 0}) or the negative one ({@code w < 0});
 * level 0 is no device. {@code G_unit = 15 G_min / L} with {@code G_min = 1 / R_max} of the
 * technology: for seed 004's 4 bits {@code G_unit = G_min} and {@code G_max / G_min = 15}, as the
 * paper has it; other bit widths divide the same conductance range (up to {@code 15 G_min}) into
 * finer or coarser levels, so the parasitics see the same conductances whatever the bit width.
 *
 * <p><b>Units.</b> Input {@code x_i} in [0, 1] drives {@code x_i V_read}; output current {@code I_j}
 * reads as {@code y_j = I_j W_max / (L G_unit V_read)} in weight units, which is
 * {@code sum_i x_i w^_ij + b^_j} with the quantized weights when everything is ideal.
 *
 * @param technology  device range ({@code R_max} sets {@code G_min}; {@code R_min} the stuck-on value)
 * @param bits        bits per device, 1 to 16
 * @param readVolts   {@code V_read}, volt, {@code > 0}
 * @param sourceOhms  source resistance of every row, ohm
 * @param neuronOhms  neuron resistance of every column, ohm
 * @param wireOhms    resistance of every row and column wire segment, ohm
 * @param tile        the largest crossbar a layer is split into
 * @param fullScale   how each layer's {@code W_max} is chosen
 * @param variation   device-to-device and chip-to-chip variation and stuck devices; its seed is
 *                    the chip's, and every tile draws from its own stream of it
 */
public record Hardware(Technology technology, int bits, double readVolts, double sourceOhms, double neuronOhms,
        double wireOhms, TileShape tile, FullScale fullScale, Variation variation) implements Serializable {

    /** Seed 004's read voltage, volt. */
    public static final double DEFAULT_READ_VOLTS = 0.2;
    /** Seed 004's ratio of the top conductance to {@code G_min}. */
    public static final double CONDUCTANCE_RATIO = 15;

    /** Validates every field. */
    public Hardware {
        Objects.requireNonNull(technology, "technology");
        Checks.inRange("bits", bits, 1, 16);
        Checks.positive("readVolts", readVolts, "V");
        Checks.nonNegative("sourceOhms", sourceOhms, "ohm");
        Checks.nonNegative("neuronOhms", neuronOhms, "ohm");
        Checks.nonNegative("wireOhms", wireOhms, "ohm");
        Objects.requireNonNull(tile, "tile");
        Objects.requireNonNull(fullScale, "fullScale");
        Objects.requireNonNull(variation, "variation");
    }

    /**
     * @param technology device range
     * @return seed 004's ideal crossbars: 4 bits, 0.2 V, no parasitics, one tile per layer, full
     *         scale {@code max |[W; b]|}, no variation
     */
    public static Hardware ideal(Technology technology) {
        return new Hardware(technology, 4, DEFAULT_READ_VOLTS, 0, 0, 0, TileShape.FULL, FullScale.MAX, Variation.NONE);
    }

    /** @return {@code L = 2^bits - 1} */
    public int maxLevel() {
        return (1 << bits) - 1;
    }

    /** @return {@code G_unit = 15 G_min / L}, the conductance of level 1, siemens */
    public double unitSiemens() {
        return CONDUCTANCE_RATIO * technology.minSiemens() / maxLevel();
    }

    /**
     * @param source source resistance, ohm
     * @param neuron neuron resistance, ohm
     * @return a copy with other terminations
     */
    public Hardware withTerminations(double source, double neuron) {
        return new Hardware(technology, bits, readVolts, source, neuron, wireOhms, tile, fullScale, variation);
    }

    /**
     * @param ohms wire segment resistance
     * @return a copy with other wires
     */
    public Hardware withWires(double ohms) {
        return new Hardware(technology, bits, readVolts, sourceOhms, neuronOhms, ohms, tile, fullScale, variation);
    }

    /**
     * @param shape tile shape
     * @return a copy with other tiles
     */
    public Hardware withTile(TileShape shape) {
        return new Hardware(technology, bits, readVolts, sourceOhms, neuronOhms, wireOhms, shape, fullScale, variation);
    }

    /**
     * @param chip device variation and stuck devices
     * @return a copy with another chip
     */
    public Hardware withVariation(Variation chip) {
        return new Hardware(technology, bits, readVolts, sourceOhms, neuronOhms, wireOhms, tile, fullScale, chip);
    }

    /**
     * @param levels bits per device
     * @return a copy with another bit width
     */
    public Hardware withBits(int levels) {
        return new Hardware(technology, levels, readVolts, sourceOhms, neuronOhms, wireOhms, tile, fullScale, variation);
    }

    /**
     * @param rule full-scale rule
     * @return a copy with another full-scale rule
     */
    public Hardware withFullScale(FullScale rule) {
        return new Hardware(technology, bits, readVolts, sourceOhms, neuronOhms, wireOhms, tile, rule, variation);
    }

    /**
     * @param volts read voltage
     * @return a copy with another read voltage
     */
    public Hardware withReadVolts(double volts) {
        return new Hardware(technology, bits, volts, sourceOhms, neuronOhms, wireOhms, tile, fullScale, variation);
    }
}
