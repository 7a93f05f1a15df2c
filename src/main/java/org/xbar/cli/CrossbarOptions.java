package org.xbar.cli;

import java.nio.file.Path;
import java.util.Locale;
import org.xbar.error.InputFormatException;
import org.xbar.io.CsvMatrix;
import org.xbar.spec.ConductanceMatrix;
import org.xbar.spec.CrossbarSpec;
import org.xbar.spec.Drive;
import org.xbar.spec.InputBatch;
import org.xbar.spec.Sensing;
import org.xbar.spec.WeightMapping;
import picocli.CommandLine.Option;

/**
 * The flags that describe a crossbar and its inputs, shared by {@code solve} and {@code compare}.
 * Every file problem is reported with file, line and column; every flag problem names the flag.
 */
final class CrossbarOptions {
    @Option(names = "--g", paramLabel = "G.csv",
            description = "Device conductances in siemens: one crossbar row per line, comma-separated.")
    Path conductances;

    @Option(names = "--g-neg", paramLabel = "GN.csv",
            description = "Negative array for signed weights, same shape as --g (row-pair mapping unless --mapping says otherwise).")
    Path negative;

    @Option(names = "--mapping", paramLabel = "MAPPING",
            description = "single, row-pair or column-pair (default: single, or row-pair with --g-neg).")
    String mapping;

    @Option(names = "--v", paramLabel = "V.csv",
            description = "Input vectors: one per line, one voltage (volt) per crossbar row.")
    Path inputs;

    @Option(names = "--rs", paramLabel = "OHMS",
            description = "Source resistance per row, ohm: one value for all rows or one per row, comma-separated.")
    String sourceOhms;

    @Option(names = "--rn", paramLabel = "OHMS",
            description = "Neuron (sense) resistance per column, ohm: one value or one per output; 0 ties the column to the virtual ground.")
    String neuronOhms;

    @Option(names = "--sensing", paramLabel = "HOW", defaultValue = "current",
            description = "current (R_N into a virtual ground; outputs in amperes), voltage (floating columns, no --rn;"
                    + " outputs are the columns' voltages), inverter or inverter-mosfet (floating columns sensed by"
                    + " PHAX inverter pairs, behavioral or level-1; outputs are the non-inverted neuron outputs, volt)."
                    + " Default: ${DEFAULT-VALUE}.")
    String sensing;

    @Option(names = "--rw", paramLabel = "OHMS",
            description = "Wire segment resistance of rows and columns, ohm (0 = ideal wires).")
    String wireOhms;

    @Option(names = "--rw-col", paramLabel = "OHMS", description = "Column wire segment resistance, ohm (overrides --rw for columns).")
    String columnWireOhms;

    @Option(names = "--drive", paramLabel = "ENDS", defaultValue = "one-end",
            description = "one-end or both-ends (a second identical driver at each row's far end). Default: ${DEFAULT-VALUE}.")
    String drive;

    /** @return true when any crossbar flag was given */
    boolean anyGiven() {
        return conductances != null || negative != null || mapping != null || inputs != null || sourceOhms != null
                || neuronOhms != null || wireOhms != null || columnWireOhms != null || !"current".equals(sensing);
    }

    /**
     * @param alternative what else the command accepts instead, for the message ("" for none)
     * @throws UsageException naming the first missing flag
     */
    void requireComplete(String alternative) {
        boolean voltage = sensing() == Sensing.VOLTAGE;
        String[][] flags = {{"--g", conductances == null ? null : "x"}, {"--v", inputs == null ? null : "x"},
            {"--rs", sourceOhms}, {"--rn", voltage ? "x" : neuronOhms}, {"--rw", wireOhms}};
        for (String[] f : flags) {
            if (f[1] == null) {
                throw new UsageException(f[0], "missing: a crossbar needs --g, --v, --rs, --rn (current sensing) and --rw"
                        + alternative);
            }
        }
        if (voltage && neuronOhms != null) {
            throw new UsageException("--rn", "has no meaning with --sensing " + sensing + ": the columns float");
        }
    }

    /** @return the validated crossbar */
    CrossbarSpec spec() {
        requireComplete("");
        ConductanceMatrix positive = readConductances(conductances);
        WeightMapping weightMapping = weightMapping();
        ConductanceMatrix neg = null;
        if (weightMapping != WeightMapping.SINGLE) {
            if (negative == null) {
                throw new UsageException("--mapping", mapping + " needs a negative array (--g-neg GN.csv)");
            }
            neg = readConductances(negative);
            if (neg.rows() != positive.rows() || neg.cols() != positive.cols()) {
                throw new InputFormatException(negative.toString(), 0, 0, "is " + neg.rows() + "x" + neg.cols()
                        + ", " + conductances + " is " + positive.rows() + "x" + positive.cols());
            }
        }
        double[] rs = vector("--rs", sourceOhms, positive.rows(), "rows in " + conductances);
        Sensing how = sensing();
        double[] rn = how == Sensing.VOLTAGE ? new double[positive.cols()]
                : vector("--rn", neuronOhms, positive.cols(), "columns in " + conductances);
        double rowWire = scalar("--rw", wireOhms);
        double colWire = columnWireOhms == null ? rowWire : scalar("--rw-col", columnWireOhms);
        CrossbarSpec.Builder builder = weightMapping == WeightMapping.SINGLE ? CrossbarSpec.single(positive)
                : CrossbarSpec.pair(positive, neg, weightMapping);
        return builder.sourceOhms(rs).neuronOhms(rn).wireOhms(rowWire, colWire).drive(driveEnds()).sensing(how).build();
    }

    /**
     * @param spec the crossbar the inputs are for
     * @return the input vectors, checked against the crossbar's rows
     */
    InputBatch inputs(CrossbarSpec spec) {
        double[][] v = CsvMatrix.read(inputs);
        if (v[0].length != spec.inputs()) {
            throw new InputFormatException(inputs.toString(), 0, 0, "has " + v[0].length
                    + " values per vector, " + conductances + " has " + spec.inputs() + " rows");
        }
        return InputBatch.of(v);
    }

    private WeightMapping weightMapping() {
        if (mapping == null) {
            return negative == null ? WeightMapping.SINGLE : WeightMapping.ROW_PAIR;
        }
        WeightMapping m = switch (mapping.toLowerCase(Locale.ROOT)) {
            case "single" -> WeightMapping.SINGLE;
            case "row-pair" -> WeightMapping.ROW_PAIR;
            case "column-pair" -> WeightMapping.COLUMN_PAIR;
            default -> throw new UsageException("--mapping", "\"" + mapping + "\" is not one of single, row-pair, column-pair");
        };
        if (m == WeightMapping.SINGLE && negative != null) {
            throw new UsageException("--mapping", "single takes no negative array; drop --g-neg or use row-pair or column-pair");
        }
        return m;
    }

    private Sensing sensing() {
        return switch (sensing.toLowerCase(Locale.ROOT)) {
            case "current" -> Sensing.CURRENT;
            case "voltage", "inverter", "inverter-mosfet" -> Sensing.VOLTAGE;
            default -> throw new UsageException("--sensing", "\"" + sensing
                    + "\" is not one of current, voltage, inverter, inverter-mosfet");
        };
    }

    /** @return the inverter neurons on the columns, or null when there are none */
    org.xbar.spec.InverterSpec neurons() {
        return switch (sensing.toLowerCase(Locale.ROOT)) {
            case "inverter" -> org.xbar.spec.InverterSpec.phax(org.xbar.spec.InverterSpec.Kind.BEHAVIORAL);
            case "inverter-mosfet" -> org.xbar.spec.InverterSpec.phax(org.xbar.spec.InverterSpec.Kind.MOSFET);
            default -> null;
        };
    }

    private Drive driveEnds() {
        return switch (drive.toLowerCase(Locale.ROOT)) {
            case "one-end" -> Drive.ONE_END;
            case "both-ends" -> Drive.BOTH_ENDS;
            default -> throw new UsageException("--drive", "\"" + drive + "\" is not one of one-end, both-ends");
        };
    }

    private static ConductanceMatrix readConductances(Path file) {
        double[][] g = CsvMatrix.read(file, value -> value >= 0, "conductances must be >= 0 S");
        return ConductanceMatrix.of(file.toString(), g);
    }

    /**
     * @param flag  flag name for messages
     * @param text  the flag's value
     * @return the value as a non-negative number of ohms
     */
    static double scalar(String flag, String text) {
        double v;
        try {
            v = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new UsageException(flag, "\"" + text + "\" is not a number of ohms");
        }
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new UsageException(flag, text + " is out of range: must be finite and >= 0 ohm");
        }
        return v;
    }

    private static double[] vector(String flag, String text, int length, String what) {
        String[] parts = text.split(",", -1);
        double[] values = new double[length];
        if (parts.length == 1) {
            java.util.Arrays.fill(values, scalar(flag, parts[0]));
            return values;
        }
        if (parts.length != length) {
            throw new UsageException(flag, "has " + parts.length + " values, expected 1 or " + length + " (" + what + ")");
        }
        for (int k = 0; k < length; k++) {
            values[k] = scalar(flag + " value " + (k + 1), parts[k]);
        }
        return values;
    }
}
