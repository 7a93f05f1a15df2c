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
 * neither for linear devices. Used by solve, compare, export and infer; a sweep takes K as an axis of
 * its configuration.
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

    /** @return true when either flag was given */
    boolean anyGiven() {
        return perVolt != null || table != null;
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
