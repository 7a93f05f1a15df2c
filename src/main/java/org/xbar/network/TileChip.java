package org.xbar.network;

import java.util.SplittableRandom;
import org.xbar.device.Distribution;
import org.xbar.device.StuckOff;
import org.xbar.device.Technology;
import org.xbar.device.Variation;

/**
 * The devices of one tile as the chip has them: each physical position (positive and negative
 * array, row-major, positive array first) has its own deviation, drawn once from the tile's seed
 * whatever is programmed there, so the chip stays the same while training changes the levels and
 * inference sees the chip training saw. The rules are {@link Variation}'s: device-to-device
 * variation (lognormal {@code g exp(sigma z)} or normal {@code g (1 + sigma z)} clipped at 0), then
 * the chip-to-chip factor {@code 1 + n sigma_c}, then stuck devices: a programmed device (level
 * above 0) is stuck on ({@code 1 / R_min}) with probability {@code stuckOnRate}, else stuck off
 * ({@code G_min} or open) with probability {@code stuckOffRate}; a position with nothing
 * programmed stays open.
 */
public final class TileChip {
    private static final byte FREE = 0;
    private static final byte STUCK_ON = 1;
    private static final byte STUCK_OFF = 2;

    private final Variation variation;
    private final double stuckOnSiemens;
    private final double stuckOffSiemens;
    /** Device-to-device factor times the chip factor, per position. */
    private final double[] scale;
    private final byte[] stuck;

    private TileChip(Variation variation, double stuckOnSiemens, double stuckOffSiemens, double[] scale, byte[] stuck) {
        this.variation = variation;
        this.stuckOnSiemens = stuckOnSiemens;
        this.stuckOffSiemens = stuckOffSiemens;
        this.scale = scale;
        this.stuck = stuck;
    }

    /**
     * @param variation  the tile's variation (its seed is the tile's)
     * @param technology device range, for stuck values
     * @param positions  physical devices of the tile (both arrays)
     * @return the tile's chip
     */
    public static TileChip of(Variation variation, Technology technology, int positions) {
        double chip = 1 + variation.chipDeviations() * variation.chipSigma();
        double[] scale = new double[positions];
        byte[] stuck = new byte[positions];
        SplittableRandom random = new SplittableRandom(variation.seed());
        boolean stuckAny = variation.stuckOnRate() > 0 || variation.stuckOffRate() > 0;
        double sigma = variation.deviceSigma();
        for (int k = 0; k < positions; k++) {
            double s = 1;
            if (sigma > 0) {
                double z = random.nextGaussian();
                s = variation.distribution() == Distribution.LOGNORMAL ? Math.exp(sigma * z) : Math.max(0.0, 1 + sigma * z);
            }
            scale[k] = s * chip;
            if (stuckAny) {
                double u = random.nextDouble();
                stuck[k] = u < variation.stuckOnRate() ? STUCK_ON
                        : u < variation.stuckOnRate() + variation.stuckOffRate() ? STUCK_OFF : FREE;
            }
        }
        return new TileChip(variation, technology.maxSiemens(), variation.stuckOff() == StuckOff.OPEN ? 0.0 : technology.minSiemens(),
                scale, stuck);
    }

    /**
     * @return true when every device has the same factor and none is stuck (no device-to-device
     *         variation and no stuck devices): then {@code actual = programmed * uniformFactor()}
     */
    public boolean uniform() {
        return variation.deviceSigma() == 0 && variation.stuckOnRate() == 0 && variation.stuckOffRate() == 0;
    }

    /** @return the chip-to-chip factor {@code 1 + n sigma_c} every device has */
    public double uniformFactor() {
        return 1 + variation.chipDeviations() * variation.chipSigma();
    }

    /** @return the variation this chip was drawn from */
    public Variation variation() {
        return variation;
    }

    /**
     * @param position   physical position
     * @param programmed the conductance programmed there, siemens ({@code >= 0})
     * @return the conductance the chip has there, siemens
     */
    public double actual(int position, double programmed) {
        if (programmed == 0) {
            return 0.0;
        }
        return switch (stuck[position]) {
            case STUCK_ON -> stuckOnSiemens;
            case STUCK_OFF -> stuckOffSiemens;
            default -> programmed * scale[position];
        };
    }

    /**
     * @param position physical position
     * @return {@code d actual / d programmed} away from level 0: the device's factor, or 0 when it
     *         is stuck (what a straight-through gradient passes)
     */
    public double slope(int position) {
        return stuck[position] == FREE ? scale[position] : 0.0;
    }
}
