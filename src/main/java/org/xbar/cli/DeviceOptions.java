package org.xbar.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.xbar.error.InputFormatException;
import org.xbar.error.InvalidParameterException;
import org.xbar.io.CsvMatrix;
import org.xbar.spec.DeviceIv;
import picocli.CommandLine.Option;

/**
 * The devices' I-V law on the command line (DESIGN section 10): {@code --nonlinearity K} for the
 * sinh device {@code I = G sinh(K V) / K}, {@code --iv-table FILE.csv} for a tabulated curve, or
 * neither for linear devices; {@code --selector diode} for a diode in series with every (linear)
 * device, the 1D1R array. Used by solve, compare, export and infer; a sweep takes K as an axis of its
 * configuration.
 */
final class DeviceOptions {
    @Option(names = "--nonlinearity", paramLabel = "K",
            description = "Sinh devices I = G sinh(K V)/K with G the programmed (low-voltage) conductance and K >= 0 in 1/V"
                    + " (0 = linear, the default). Solved exactly by Newton's method, each step a linear crossbar solve.")
    Double perVolt;

    @Option(names = "--iv-table", paramLabel = "FILE.csv",
            description = "Devices following a measured I-V curve: one V,I point per line (volt, ampere; # starts a comment"
                    + " line), strictly increasing in V and I, through 0,0; interpolated by a monotone cubic (I and dI/dV"
                    + " continuous), straight beyond the ends, and scaled per device to its conductance G at 0 V.")
    Path table;

    @Option(names = "--selector", paramLabel = "KIND",
            description = "diode: a diode in series with every device, its anode on the row (the one-diode-one-resistor,"
                    + " 1D1R, array whose selectors suppress sneak paths), SPICE's level-1 junction at DC with"
                    + " --diode-is, --diode-n and --diode-bv. Solved exactly by Newton's method like the other laws.")
    String selector;

    @Option(names = "--diode-is", paramLabel = "A", defaultValue = "1e-14",
            description = "Selector diode saturation current IS, ampere (> 0). Default: ${DEFAULT-VALUE}.")
    double diodeSaturation;

    @Option(names = "--diode-n", paramLabel = "N", defaultValue = "1",
            description = "Selector diode emission coefficient N (> 0). Default: ${DEFAULT-VALUE}.")
    double diodeEmission;

    @Option(names = "--diode-bv", paramLabel = "V",
            description = "Selector diode reverse breakdown voltage BV, volt (> 0; default: no breakdown).")
    Double diodeBreakdown;

    /** @return true when any of the flags was given */
    boolean anyGiven() {
        return perVolt != null || table != null || selector != null;
    }

    /**
     * @return the law the flags ask for
     * @throws UsageException when both flags are given or K is out of range
     * @throws InputFormatException naming the table file and line of a bad point
     */
    DeviceIv law() {
        if (perVolt != null && table != null) {
            throw new UsageException("--iv-table", "cannot be combined with --nonlinearity: the devices follow one I-V law");
        }
        if (selector == null && (diodeBreakdown != null || diodeSaturation != 1e-14 || diodeEmission != 1)) {
            throw new UsageException("--diode-is", "--diode-is, --diode-n and --diode-bv describe the --selector diode;"
                    + " give --selector diode");
        }
        if (selector != null) {
            if (!selector.equals("diode")) {
                throw new UsageException("--selector", "\"" + selector + "\" is not a selector: the one there is is diode");
            }
            if (perVolt != null || table != null) {
                throw new UsageException("--selector", "puts a diode in series with linear devices; it cannot be combined"
                        + " with " + (perVolt != null ? "--nonlinearity" : "--iv-table"));
            }
            try {
                return new DeviceIv.DiodeSelector(diodeSaturation, diodeEmission,
                        diodeBreakdown == null ? Double.NaN : diodeBreakdown);
            } catch (InvalidParameterException e) {
                String flag = e.parameter().endsWith("IS") ? "--diode-is" : e.parameter().endsWith("N") ? "--diode-n"
                        : "--diode-bv";
                throw new UsageException(flag, e.getMessage());
            }
        }
        if (table != null) {
            return readTable(table);
        }
        if (perVolt == null) {
            return DeviceIv.LINEAR;
        }
        try {
            return DeviceIv.sinh(perVolt);
        } catch (InvalidParameterException e) {
            throw new UsageException("--nonlinearity", perVolt + " is out of range: K must be finite and >= 0 1/V");
        }
    }

    /**
     * @param file a CSV file of V,I points
     * @return the tabulated law
     * @throws InputFormatException naming the file and line of the first problem
     */
    static DeviceIv.Table readTable(Path file) {
        String name = file.toString();
        List<String> lines = CsvMatrix.lines(file);
        double[][] points = CsvMatrix.parse(name, lines);
        if (points[0].length != 2) {
            throw new InputFormatException(name, 0, 0, "has " + points[0].length + " values per line; an I-V table has two,"
                    + " V (volt) and I (ampere)");
        }
        // CsvMatrix skips blank and # lines; find the file line of each point for messages.
        List<Integer> lineOfPoint = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (n == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (!line.isEmpty() && !line.startsWith("#")) {
                lineOfPoint.add(n + 1);
            }
        }
        double[] volts = new double[points.length];
        double[] amps = new double[points.length];
        int[] at = new int[points.length];
        for (int k = 0; k < points.length; k++) {
            volts[k] = points[k][0];
            amps[k] = points[k][1];
            at[k] = lineOfPoint.get(k);
        }
        return DeviceIv.Table.of(name, volts, amps, at);
    }
}
