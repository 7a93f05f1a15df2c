package org.xbar.cli;

import java.util.Locale;
import org.xbar.device.Distribution;
import org.xbar.device.StuckOff;
import org.xbar.device.Technology;
import org.xbar.device.Variation;
import org.xbar.error.Excerpt;
import org.xbar.error.InvalidParameterException;
import org.xbar.network.FullScale;
import org.xbar.network.Hardware;
import org.xbar.network.TileShape;
import picocli.CommandLine.Option;

/**
 * The crossbar flags of {@code xbar infer} and {@code xbar train}: the technology and levels, the
 * parasitics, the tiles, the full-scale rule and the chip's variation (DESIGN section 9). Every
 * problem names its flag.
 */
final class HardwareOptions {
    @Option(names = "--technology", paramLabel = "NAME", defaultValue = "TiO2",
            description = "Device technology of seed 004's Table I: TiO2, AgSi, TaOx, spintronic, PCM (or PHAX). Default: ${DEFAULT-VALUE}.")
    String technology;

    @Option(names = "--r-min", paramLabel = "OHMS", description = "A custom device range instead of --technology: lowest resistance, ohm (with --r-max).")
    Double minOhms;

    @Option(names = "--r-max", paramLabel = "OHMS", description = "A custom device range: highest resistance, ohm (G_min = 1/R_max; with --r-min).")
    Double maxOhms;

    @Option(names = "--bits", paramLabel = "N", defaultValue = "4",
            description = "Bits per device, 1 to 16: levels q = 0..2^N-1, G = q 15 G_min / (2^N - 1). Default: ${DEFAULT-VALUE}.")
    int bits;

    @Option(names = "--vread", paramLabel = "VOLTS", defaultValue = "0.2",
            description = "Read voltage: input x in [0, 1] drives x * VOLTS. Default: ${DEFAULT-VALUE}.")
    double readVolts;

    @Option(names = "--rs", paramLabel = "OHMS", description = "Source resistance of every row of every tile, ohm.")
    Double sourceOhms;

    @Option(names = "--rn", paramLabel = "OHMS", description = "Neuron (sense) resistance of every column, ohm (0: a virtual ground).")
    Double neuronOhms;

    @Option(names = "--rw", paramLabel = "OHMS", description = "Resistance of every row and column wire segment, ohm (0: ideal wires).")
    Double wireOhms;

    @Option(names = "--tile", paramLabel = "RxC", defaultValue = "full",
            description = "Largest crossbar a layer is split into: RxC rows of [W; b] by outputs, or full. Default: ${DEFAULT-VALUE}.")
    String tile;

    @Option(names = "--full-scale", paramLabel = "RULE", defaultValue = "max",
            description = "W_max of each layer: max (max |[W; b]|), pNN (a percentile of |[W; b]|, larger weights clipped) or a value. Default: ${DEFAULT-VALUE}.")
    String fullScale;

    @Option(names = "--chip-sigma", paramLabel = "S", defaultValue = "0",
            description = "Chip-to-chip variation: relative sigma. Default: ${DEFAULT-VALUE}.")
    double chipSigma;

    @Option(names = "--chip-n", paramLabel = "N", defaultValue = "0",
            description = "Where this chip lies: every device scaled by 1 + N * chip-sigma (seed 004: -2 to +2). Default: ${DEFAULT-VALUE}.")
    double chipDeviations;

    @Option(names = "--device-sigma", paramLabel = "S", defaultValue = "0",
            description = "Device-to-device variation: relative sigma, drawn per device. Default: ${DEFAULT-VALUE}.")
    double deviceSigma;

    @Option(names = "--device-distribution", paramLabel = "KIND", defaultValue = "lognormal",
            description = "lognormal (g e^(sigma z)) or normal (g (1 + sigma z), clipped at 0). Default: ${DEFAULT-VALUE}.")
    String distribution;

    @Option(names = "--stuck-on", paramLabel = "RATE", defaultValue = "0",
            description = "Probability that a programmed device is stuck at 1/R_min. Default: ${DEFAULT-VALUE}.")
    double stuckOnRate;

    @Option(names = "--stuck-off", paramLabel = "RATE", defaultValue = "0",
            description = "Probability that a programmed device is stuck off. Default: ${DEFAULT-VALUE}.")
    double stuckOffRate;

    @Option(names = "--stuck-off-mode", paramLabel = "MODE", defaultValue = "gmin",
            description = "gmin (stuck-off devices at G_min) or open. Default: ${DEFAULT-VALUE}.")
    String stuckOffMode;

    @Option(names = "--chip-seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the chip's random variation and stuck devices (the same seed, the same chip). Default: ${DEFAULT-VALUE}.")
    long chipSeed;

    /**
     * @param defaultOhms the value of a missing {@code --rs}, {@code --rn} or {@code --rw}, or
     *                    {@code NaN} when they are required
     * @return the validated hardware
     * @throws UsageException naming the flag at fault
     */
    Hardware hardware(double defaultOhms) {
        double rs = ohms("--rs", sourceOhms, defaultOhms);
        double rn = ohms("--rn", neuronOhms, defaultOhms);
        double rw = ohms("--rw", wireOhms, defaultOhms);
        if (bits < 1 || bits > 16) {
            throw new UsageException("--bits", bits + " is out of range: must be 1 to 16");
        }
        if (!(readVolts > 0) || Double.isInfinite(readVolts)) {
            throw new UsageException("--vread", readVolts + " is out of range: must be finite and > 0 V");
        }
        TileShape shape;
        try {
            shape = TileShape.parse(tile);
        } catch (InvalidParameterException e) {
            throw new UsageException("--tile", "\"" + tile + "\": must be full or RxC with rows and columns of at least 1 (such as 64x64)");
        }
        FullScale scale;
        try {
            scale = FullScale.parse(fullScale);
        } catch (InvalidParameterException e) {
            throw new UsageException("--full-scale", "\"" + fullScale + "\": " + e.getMessage());
        }
        return new Hardware(technology(), bits, readVolts, rs, rn, rw, shape, scale, variation());
    }

    private static double ohms(String flag, Double value, double defaultOhms) {
        if (value == null) {
            if (Double.isNaN(defaultOhms)) {
                throw new UsageException(flag, "missing: a crossbar needs --rs, --rn and --rw (0 for none)");
            }
            return defaultOhms;
        }
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new UsageException(flag, value + " is out of range: must be finite and >= 0 ohm");
        }
        return value;
    }

    private Technology technology() {
        if (minOhms == null && maxOhms == null) {
            try {
                return Technology.byName(technology);
            } catch (InvalidParameterException e) {
                throw new UsageException("--technology", "\"" + technology + "\" is not one of TiO2, AgSi, TaOx, spintronic, PCM, PHAX;"
                        + " or give a range with --r-min and --r-max");
            }
        }
        if (minOhms == null || maxOhms == null) {
            throw new UsageException(minOhms == null ? "--r-min" : "--r-max", "missing: a custom range needs both --r-min and --r-max");
        }
        for (String[] f : new String[][] {{"--r-min", Double.toString(minOhms)}, {"--r-max", Double.toString(maxOhms)}}) {
            double v = Double.parseDouble(f[1]);
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new UsageException(f[0], f[1] + " is out of range: must be finite and > 0 ohm");
            }
        }
        if (maxOhms < minOhms) {
            throw new UsageException("--r-max", maxOhms + " is below --r-min " + minOhms);
        }
        return new Technology("custom", minOhms, maxOhms);
    }

    private Variation variation() {
        Distribution shape = Distribution.byName(distribution).orElseThrow(() -> new UsageException("--device-distribution",
                "\"" + Excerpt.of(distribution) + "\" is not one of lognormal, normal"));
        StuckOff stuckOff = StuckOff.byName(stuckOffMode).orElseThrow(() -> new UsageException("--stuck-off-mode",
                "\"" + Excerpt.of(stuckOffMode) + "\" is not one of gmin, open"));
        String[][] checks = {{"--chip-sigma", Double.toString(chipSigma)}, {"--device-sigma", Double.toString(deviceSigma)}};
        for (String[] c : checks) {
            double v = Double.parseDouble(c[1]);
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new UsageException(c[0], c[1] + " is out of range: must be finite and >= 0");
            }
        }
        if (!Double.isFinite(chipDeviations)) {
            throw new UsageException("--chip-n", chipDeviations + " is out of range: must be finite");
        }
        if (!(1 + chipDeviations * chipSigma > 0)) {
            throw new UsageException("--chip-n", chipDeviations + " is out of range: 1 + N * chip-sigma must be > 0");
        }
        for (String[] c : new String[][] {{"--stuck-on", Double.toString(stuckOnRate)}, {"--stuck-off", Double.toString(stuckOffRate)}}) {
            double v = Double.parseDouble(c[1]);
            if (!(v >= 0 && v <= 1)) {
                throw new UsageException(c[0], c[1] + " is out of range: must be a probability from 0 to 1");
            }
        }
        if (stuckOnRate + stuckOffRate > 1) {
            throw new UsageException("--stuck-off", stuckOffRate + " is out of range: --stuck-on + --stuck-off must be <= 1");
        }
        return new Variation(deviceSigma, shape, chipSigma, chipDeviations, stuckOnRate, stuckOffRate, stuckOff, chipSeed);
    }

    /**
     * @param hardware the crossbars
     * @return a one-line description for summaries
     */
    static String describe(Hardware hardware) {
        Technology t = hardware.technology();
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s (%s..%s ohm), %d bits, R_S %s ohm, R_N %s ohm, wire %s ohm, tile %s",
                t.name(), org.xbar.io.JsonTree.plain(t.minOhms()), org.xbar.io.JsonTree.plain(t.maxOhms()), hardware.bits(),
                org.xbar.io.JsonTree.plain(hardware.sourceOhms()), org.xbar.io.JsonTree.plain(hardware.neuronOhms()),
                org.xbar.io.JsonTree.plain(hardware.wireOhms()), hardware.tile().label()));
        Variation v = hardware.variation();
        if (v.chipSigma() * v.chipDeviations() != 0) {
            s.append(String.format(Locale.ROOT, ", chip %+.2g sigma (sigma %.3g)", v.chipDeviations(), v.chipSigma()));
        }
        if (v.deviceSigma() != 0) {
            s.append(String.format(Locale.ROOT, ", device sigma %.3g", v.deviceSigma()));
        }
        if (v.stuckOnRate() + v.stuckOffRate() != 0) {
            s.append(String.format(Locale.ROOT, ", stuck %.3g on / %.3g off", v.stuckOnRate(), v.stuckOffRate()));
        }
        return s.toString();
    }
}
