package org.xbar.device;

import java.io.Serializable;
import java.util.SplittableRandom;
import org.xbar.error.InvalidParameterException;
import org.xbar.spec.Checks;
import org.xbar.spec.ConductanceMatrix;

/**
 * Device non-idealities applied to programmed conductances (DESIGN section 3), in this order:
 * <ol>
 *   <li>device-to-device variation, independently per device: lognormal,
 *       {@code g * exp(sigma_d z)} (median {@code g}), or normal, {@code g * (1 + sigma_d z)}
 *       clipped at 0, with {@code z} standard normal;</li>
 *   <li>chip-to-chip variation: every device of the chip scaled by {@code 1 + n sigma_c};</li>
 *   <li>stuck devices: each device that exists (level above 0) is stuck on ({@code G_max}) with
 *       probability {@code stuckOnRate}, else stuck off with probability {@code stuckOffRate}
 *       ({@code G_min}, or open: {@link StuckOff}).</li>
 * </ol>
 * All randomness comes from one seed: the same seed gives the same chip, and each array of a
 * crossbar draws from its own stream ({@link #apply(ConductanceMatrix, Technology, int)}).
 *
 * @param deviceSigma      relative spread of device-to-device variation, {@code >= 0}
 * @param distribution     the distribution of device-to-device variation
 * @param chipSigma        relative spread of chip-to-chip variation, {@code >= 0}
 * @param chipDeviations   where this chip lies in that spread, {@code n}, typically -2 to +2
 * @param stuckOnRate      probability that a device is stuck on, 0 to 1
 * @param stuckOffRate     probability that a device is stuck off, 0 to 1
 * @param stuckOff         what a stuck-off device conducts: {@code G_min} or nothing
 * @param seed             random seed
 */
public record Variation(double deviceSigma, Distribution distribution, double chipSigma, double chipDeviations,
        double stuckOnRate, double stuckOffRate, StuckOff stuckOff, long seed) implements Serializable {

    /** No variation and no stuck devices. */
    public static final Variation NONE = new Variation(0, Distribution.LOGNORMAL, 0, 0, 0, 0, StuckOff.GMIN, 0);

    /** Validates every parameter. */
    public Variation {
        java.util.Objects.requireNonNull(distribution, "distribution");
        java.util.Objects.requireNonNull(stuckOff, "stuckOff");
        Checks.nonNegative("deviceSigma", deviceSigma, "(relative)");
        Checks.nonNegative("chipSigma", chipSigma, "(relative)");
        Checks.finite("chipDeviations", chipDeviations, "standard deviations");
        if (!(1 + chipDeviations * chipSigma > 0)) {
            throw new InvalidParameterException("chipDeviations", chipDeviations,
                    "1 + chipDeviations * chipSigma must be > 0 (chipSigma = " + chipSigma + ")");
        }
        Checks.inRange("stuckOnRate", stuckOnRate, 0.0, 1.0);
        Checks.inRange("stuckOffRate", stuckOffRate, 0.0, 1.0);
        if (stuckOnRate + stuckOffRate > 1) {
            throw new InvalidParameterException("stuckOffRate", stuckOffRate,
                    "stuckOnRate + stuckOffRate must be <= 1 (stuckOnRate = " + stuckOnRate + ")");
        }
    }

    /**
     * @param matrix     programmed conductances
     * @param technology device range (for stuck-on and stuck-off values)
     * @param stream     which array of the crossbar this is (0 positive, 1 negative): each gets
     *                   its own random stream from the seed
     * @return the conductances the chip actually has
     */
    public ConductanceMatrix apply(ConductanceMatrix matrix, Technology technology, int stream) {
        SplittableRandom base = new SplittableRandom(seed);
        SplittableRandom random = base.split();
        for (int s = 0; s < stream; s++) {
            random = base.split();
        }
        double chipScale = 1 + chipDeviations * chipSigma;
        double[] g = matrix.toRowMajor();
        for (int k = 0; k < g.length; k++) {
            double value = g[k];
            if (value == 0) {
                continue;
            }
            if (deviceSigma > 0) {
                double z = random.nextGaussian();
                value = distribution == Distribution.LOGNORMAL ? value * Math.exp(deviceSigma * z) : Math.max(0.0, value * (1 + deviceSigma * z));
            }
            value *= chipScale;
            if (stuckOnRate > 0 || stuckOffRate > 0) {
                double u = random.nextDouble();
                if (u < stuckOnRate) {
                    value = technology.maxSiemens();
                } else if (u < stuckOnRate + stuckOffRate) {
                    value = stuckOff == StuckOff.OPEN ? 0.0 : technology.minSiemens();
                }
            }
            g[k] = value;
        }
        return ConductanceMatrix.ofRowMajor(matrix.rows(), matrix.cols(), g);
    }

    /**
     * @param arrays     programmed arrays
     * @param technology device range
     * @return the arrays with this variation applied, each from its own stream
     */
    public DeviceArrays apply(DeviceArrays arrays, Technology technology) {
        return new DeviceArrays(apply(arrays.positive(), technology, 0),
                arrays.negative() == null ? null : apply(arrays.negative(), technology, 1), arrays.mapping());
    }
}
