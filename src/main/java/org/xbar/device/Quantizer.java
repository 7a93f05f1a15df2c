package org.xbar.device;

import org.xbar.spec.Checks;

/**
 * n-bit conductance quantization. Level 0 means no device (an open cross point); levels
 * {@code 1 .. 2^n - 1} are spread evenly from {@code G_min} to {@code G_max}:
 * {@code g(q) = G_min + (q - 1) (G_max - G_min) / (2^n - 2)}. For seed 004's 4-bit devices with
 * {@code G_max / G_min = 15} this is {@code g(q) = q G_min}, {@code q = 0..15}.
 *
 * @param technology the device range
 * @param bits       bits per device, 1 to 16 (1 bit: no device or {@code G_max})
 */
public record Quantizer(Technology technology, int bits) {
    /** Bits per device in seed 004. */
    public static final int DEFAULT_BITS = 4;

    /** Validates the number of bits. */
    public Quantizer {
        java.util.Objects.requireNonNull(technology, "technology");
        Checks.inRange("bits", bits, 1, 16);
    }

    /** @return number of levels, {@code 2^bits}, level 0 included */
    public int levels() {
        return 1 << bits;
    }

    /** @return the highest level, {@code 2^bits - 1} */
    public int maxLevel() {
        return levels() - 1;
    }

    /**
     * @param level a level from 0 to {@link #maxLevel()}
     * @return its conductance, siemens (0 for level 0)
     */
    public double conductance(int level) {
        Checks.inRange("level", level, 0, maxLevel());
        if (level == 0) {
            return 0.0;
        }
        if (maxLevel() == 1) {
            return technology.maxSiemens();
        }
        double gMin = technology.minSiemens();
        double gMax = technology.maxSiemens();
        return gMin + (level - 1) * (gMax - gMin) / (maxLevel() - 1);
    }

    /**
     * @param fraction a weight magnitude as a fraction of full scale, 0 to 1
     * @return the nearest level, {@code round(fraction * maxLevel)}
     */
    public int level(double fraction) {
        Checks.inRange("weight fraction", fraction, 0.0, 1.0);
        return (int) Math.round(fraction * maxLevel());
    }
}
