package org.xbar.study.sweep;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.xbar.device.Distribution;
import org.xbar.device.Technology;
import org.xbar.io.JsonTree;
import org.xbar.study.sweep.SweepSpec.Axis;
import org.xbar.study.sweep.SweepSpec.Size;
import org.xbar.study.sweep.SweepSpec.Study;
import org.xbar.study.sweep.SweepSpec.Tiling;

/**
 * One configuration of a sweep: a study and one value of each of its axes.
 *
 * @param index          position in the sweep (studies in order, then the grid in axis order)
 * @param seed           the sweep's seed
 * @param study          the study
 * @param technology     device range
 * @param size           inputs x outputs of the weight matrix
 * @param tile           how the matrix is split into crossbars
 * @param sourceValue    the source resistance as the study lists it (ohm or percent of R_max)
 * @param neuronValue    the neuron resistance as listed
 * @param wireOhms       wire segment resistance, ohm
 * @param chipDeviations chip-to-chip deviation n
 * @param deviceSigma    device-to-device sigma
 * @param stuckOnRate    stuck-on probability
 * @param stuckOffRate   stuck-off probability
 * @param nonlinearity   the devices' sinh nonlinearity K, 1/V (0 = linear)
 */
public record SweepPoint(int index, long seed, Study study, Technology technology, Size size, Tiling tile,
        double sourceValue, double neuronValue, double wireOhms, double chipDeviations, double deviceSigma,
        double stuckOnRate, double stuckOffRate, double nonlinearity) {

    /** @return source resistance per row, ohm */
    public double sourceOhms() {
        return study.sources().ohms(sourceValue, technology);
    }

    /** @return neuron resistance per column, ohm */
    public double neuronOhms() {
        return study.neurons().ohms(neuronValue, technology);
    }

    /** @return {@code r_S = R_S / R_max} in percent */
    public double sourcePercent() {
        return 100 * sourceOhms() / technology.maxOhms();
    }

    /** @return {@code r_N = R_N / R_max} in percent */
    public double neuronPercent() {
        return 100 * neuronOhms() / technology.maxOhms();
    }

    /** @return the tile as written ({@code none} for a single crossbar) */
    public String tileLabel() {
        return tile.toString();
    }

    /**
     * Everything the point's numbers depend on, written out; two points with the same key give the
     * same results. Linear devices add nothing, so the keys (and ids) of points written before
     * the nonlinearity axis existed stay the same and their rows are resumed.
     *
     * @return the key
     */
    public String key() {
        return String.join("|", study.name(), technology.name() + "=" + technology.minOhms() + ".." + technology.maxOhms(),
                size.toString(), "tile=" + tileLabel(), study.mapping().name(), study.bits() + "bit",
                study.weightsCsv().map(csv -> "csv=" + csv).orElse("random"),
                study.inputs().label() + "@" + study.inputs().volts(), "rs=" + sourceOhms(), "rn=" + neuronOhms(),
                "wire=" + wireOhms, "chip=" + chipDeviations + "*" + study.chipSigma(),
                "device=" + deviceSigma + (study.distribution() == Distribution.LOGNORMAL ? "ln" : "n"),
                "stuck=" + stuckOnRate + "/" + stuckOffRate + study.stuckOff().key(),
                study.drive().name(), "seed=" + seed) + (nonlinearity == 0 ? "" : "|sinh=" + nonlinearity);
    }

    /** @return a short stable identifier: the first 12 hex digits of the key's SHA-256 */
    public String id() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * @param axis an axis other than {@link Axis#MODEL}
     * @return this point's value on it, as written in the study (what a scatter plot's "at" names)
     */
    public String given(Axis axis) {
        return switch (axis) {
            case TECHNOLOGY -> technology.name();
            case SIZE -> size.toString();
            case TILE -> tileLabel();
            case RS -> Double.toString(sourceValue);
            case RN -> Double.toString(neuronValue);
            case WIRE -> Double.toString(wireOhms);
            case CHIP -> Double.toString(chipDeviations);
            case DEVICE -> Double.toString(deviceSigma);
            case STUCK_ON -> Double.toString(stuckOnRate);
            case STUCK_OFF -> Double.toString(stuckOffRate);
            case NONLINEARITY -> Double.toString(nonlinearity);
            case MODEL -> throw new IllegalArgumentException("a point has no model");
        };
    }

    /**
     * @param at axis values as a study lists them (a scatter plot's "at")
     * @return true when this point has every one of them
     */
    public boolean matches(java.util.Map<Axis, String> at) {
        for (java.util.Map.Entry<Axis, String> e : at.entrySet()) {
            if (!given(e.getKey()).equals(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param axis an axis other than {@link Axis#MODEL} and {@link Axis#TECHNOLOGY}
     * @return the number a chart plots along it: size and tile by their rows, r_S and r_N in
     *         percent of R_max, the rest as written
     */
    public double coordinate(Axis axis) {
        return switch (axis) {
            case SIZE -> size.rows();
            case TILE -> tile.tileFor(size).rows();
            case RS -> sourcePercent();
            case RN -> neuronPercent();
            case WIRE -> wireOhms;
            case CHIP -> chipDeviations;
            case DEVICE -> deviceSigma;
            case STUCK_ON -> stuckOnRate;
            case STUCK_OFF -> stuckOffRate;
            case NONLINEARITY -> nonlinearity;
            case TECHNOLOGY, MODEL -> throw new IllegalArgumentException(axis.key() + " is not numeric");
        };
    }

    /**
     * @param axis an axis other than {@link Axis#MODEL}
     * @return a legend or file label for this point's value, e.g. {@code r_N = 0.033 %}
     */
    public String label(Axis axis) {
        return switch (axis) {
            case TECHNOLOGY -> technology.name();
            case SIZE -> size.toString();
            case TILE -> "tile " + tileLabel();
            case RS -> "r_S = " + percent(sourcePercent()) + " (" + JsonTree.plain(sourceOhms()) + " Ω)";
            case RN -> "r_N = " + percent(neuronPercent()) + " (" + JsonTree.plain(neuronOhms()) + " Ω)";
            case WIRE -> "wire " + JsonTree.plain(wireOhms) + " Ω";
            case CHIP -> "n = " + JsonTree.plain(chipDeviations);
            case DEVICE -> "σ_d = " + JsonTree.plain(deviceSigma);
            case STUCK_ON -> "stuck on " + JsonTree.plain(stuckOnRate);
            case STUCK_OFF -> "stuck off " + JsonTree.plain(stuckOffRate);
            case NONLINEARITY -> "K = " + JsonTree.plain(nonlinearity) + " /V";
            case MODEL -> throw new IllegalArgumentException("a point has no model");
        };
    }

    private static String percent(double value) {
        return String.format(Locale.ROOT, "%.3g %%", value);
    }

    /** @return a one-line description for messages */
    @Override
    public String toString() {
        return study.name() + " " + technology.name() + " " + size + (tile == null ? "" : " tile " + tile)
                + " R_S " + JsonTree.plain(sourceOhms()) + " ohm, R_N " + JsonTree.plain(neuronOhms()) + " ohm, wire "
                + JsonTree.plain(wireOhms) + " ohm" + (chipDeviations != 0 ? ", chip n " + chipDeviations : "")
                + (deviceSigma != 0 ? ", device sigma " + deviceSigma : "")
                + (stuckOnRate != 0 || stuckOffRate != 0 ? ", stuck " + stuckOnRate + "/" + stuckOffRate : "")
                + (nonlinearity != 0 ? ", sinh devices K " + JsonTree.plain(nonlinearity) + " 1/V" : "");
    }
}
