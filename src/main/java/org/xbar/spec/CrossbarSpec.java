package org.xbar.spec;

import java.util.Arrays;
import java.util.Objects;
import org.xbar.error.InvalidParameterException;

/**
 * An immutable, validated description of one crossbar: its device conductances and its
 * parasitics (DESIGN section 2). Every value is checked when the record is made; an
 * {@link InvalidParameterException} names the parameter, its value and the allowed range.
 *
 * <p>The crossbar has {@link #inputs()} input lines, each driven by an ideal source {@code V_i}
 * in series with {@code sourceOhms[i]}, and {@link #outputs()} outputs. With current sensing each
 * output is sensed through {@code neuronOhms[j]} into a virtual ground (0 ohm: the column is tied
 * to the virtual ground) and is a current; with voltage sensing the columns float, the neuron
 * resistances must be 0 (there are none), and each output is a voltage.
 * With the row-pair mapping, the negative array's row {@code i} has its own driver of
 * {@code -V_i} with the same source resistance; with the column-pair mapping both physical
 * columns of output {@code j} are sensed through {@code neuronOhms[j]}.
 *
 * @param positive       the (positive) array, {@code inputs x outputs}, siemens
 * @param negative       the negative array for {@link WeightMapping#ROW_PAIR} and
 *                       {@link WeightMapping#COLUMN_PAIR}, the same shape; {@code null} for
 *                       {@link WeightMapping#SINGLE}
 * @param mapping        how signed weights are laid out
 * @param sourceOhms     source (driver and selector) resistance per input row, ohm, {@code >= 0}
 * @param neuronOhms     neuron (sense) resistance per output, ohm, {@code >= 0}
 * @param rowWireOhms    resistance of one row wire segment between adjacent cells, ohm, {@code >= 0}
 *                       (0 = ideal wire: the row is one node)
 * @param columnWireOhms resistance of one column wire segment, ohm, {@code >= 0}
 * @param drive          drive from one end of each row or from both ends
 * @param sensing        current sensing (outputs in ampere) or voltage sensing (floating columns,
 *                       outputs in volt)
 */
public record CrossbarSpec(
        ConductanceMatrix positive,
        ConductanceMatrix negative,
        WeightMapping mapping,
        double[] sourceOhms,
        double[] neuronOhms,
        double rowWireOhms,
        double columnWireOhms,
        Drive drive,
        Sensing sensing) {

    /** Validates every field and takes copies of the arrays. */
    public CrossbarSpec {
        Objects.requireNonNull(positive, "positive");
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(drive, "drive");
        Objects.requireNonNull(sensing, "sensing");
        if (mapping == WeightMapping.SINGLE && negative != null) {
            throw InvalidParameterException.inconsistent("negative",
                    "a negative array was given but the mapping is SINGLE; use ROW_PAIR or COLUMN_PAIR");
        }
        if (mapping != WeightMapping.SINGLE) {
            if (negative == null) {
                throw InvalidParameterException.inconsistent("negative",
                        "mapping " + mapping + " needs a negative array");
            }
            if (negative.rows() != positive.rows() || negative.cols() != positive.cols()) {
                throw InvalidParameterException.inconsistent("negative",
                        "negative array is " + negative.rows() + "x" + negative.cols()
                                + ", positive array is " + positive.rows() + "x" + positive.cols());
            }
        }
        sourceOhms = checkedVector("sourceOhms", sourceOhms, positive.rows(), "input rows");
        neuronOhms = checkedVector("neuronOhms", neuronOhms, positive.cols(), "outputs");
        Checks.nonNegative("rowWireOhms", rowWireOhms, "ohm");
        Checks.nonNegative("columnWireOhms", columnWireOhms, "ohm");
        if (sensing == Sensing.VOLTAGE) {
            for (int j = 0; j < neuronOhms.length; j++) {
                if (neuronOhms[j] != 0) {
                    throw new InvalidParameterException("neuronOhms[" + j + "]", neuronOhms[j],
                            "must be 0 with voltage sensing: the columns float and have no neuron resistance");
                }
            }
        }
    }

    /**
     * A current-sensed crossbar.
     *
     * @param positive       the (positive) array, siemens
     * @param negative       the negative array, or {@code null}
     * @param mapping        weight mapping
     * @param sourceOhms     source resistance per input row, ohm
     * @param neuronOhms     neuron resistance per output, ohm
     * @param rowWireOhms    row wire segment resistance, ohm
     * @param columnWireOhms column wire segment resistance, ohm
     * @param drive          drive
     */
    public CrossbarSpec(ConductanceMatrix positive, ConductanceMatrix negative, WeightMapping mapping, double[] sourceOhms,
            double[] neuronOhms, double rowWireOhms, double columnWireOhms, Drive drive) {
        this(positive, negative, mapping, sourceOhms, neuronOhms, rowWireOhms, columnWireOhms, drive, Sensing.CURRENT);
    }

    private static double[] checkedVector(String name, double[] values, int length, String what) {
        Objects.requireNonNull(values, name);
        if (values.length != length) {
            throw InvalidParameterException.inconsistent(name,
                    name + " has " + values.length + " values, the crossbar has " + length + " " + what);
        }
        for (int k = 0; k < values.length; k++) {
            Checks.nonNegative(name + "[" + k + "]", values[k], "ohm");
        }
        return values.clone();
    }

    /**
     * @param positive conductances of a single array, siemens
     * @return a builder with ideal parasitics (0 ohm everywhere), one-ended drive
     */
    public static Builder single(ConductanceMatrix positive) {
        return new Builder(positive, null, WeightMapping.SINGLE);
    }

    /**
     * @param positive positive array, siemens
     * @param negative negative array, siemens, the same shape
     * @param mapping  {@link WeightMapping#ROW_PAIR} or {@link WeightMapping#COLUMN_PAIR}
     * @return a builder with ideal parasitics, one-ended drive
     */
    public static Builder pair(ConductanceMatrix positive, ConductanceMatrix negative, WeightMapping mapping) {
        return new Builder(positive, negative, mapping);
    }

    /** @return number of input rows (voltages per input vector) */
    public int inputs() {
        return positive.rows();
    }

    /** @return number of outputs (currents per input vector) */
    public int outputs() {
        return positive.cols();
    }

    /** @return source resistances per input row, ohm (a copy) */
    @Override
    public double[] sourceOhms() {
        return sourceOhms.clone();
    }

    /** @return neuron resistances per output, ohm (a copy) */
    @Override
    public double[] neuronOhms() {
        return neuronOhms.clone();
    }

    /**
     * @param row input row
     * @return its source resistance, ohm
     */
    public double sourceOhms(int row) {
        return sourceOhms[row];
    }

    /**
     * @param output output index
     * @return its neuron resistance, ohm
     */
    public double neuronOhms(int output) {
        return neuronOhms[output];
    }

    /** @return true when either wire resistance is non-zero */
    public boolean hasWires() {
        return rowWireOhms > 0 || columnWireOhms > 0;
    }

    /**
     * @param rowWire    new row wire segment resistance, ohm
     * @param columnWire new column wire segment resistance, ohm
     * @return a copy with other wire resistances
     */
    public CrossbarSpec withWires(double rowWire, double columnWire) {
        return new CrossbarSpec(positive, negative, mapping, sourceOhms, neuronOhms, rowWire, columnWire, drive, sensing);
    }

    /**
     * @param source source resistance for every row, ohm
     * @param neuron neuron resistance for every output, ohm
     * @return a copy with uniform source and neuron resistances
     */
    public CrossbarSpec withTerminations(double source, double neuron) {
        double[] rs = new double[inputs()];
        double[] rn = new double[outputs()];
        Arrays.fill(rs, source);
        Arrays.fill(rn, neuron);
        return new CrossbarSpec(positive, negative, mapping, rs, rn, rowWireOhms, columnWireOhms, drive, sensing);
    }

    /**
     * @param newDrive drive arrangement
     * @return a copy with another drive arrangement
     */
    public CrossbarSpec withDrive(Drive newDrive) {
        return new CrossbarSpec(positive, negative, mapping, sourceOhms, neuronOhms, rowWireOhms, columnWireOhms, newDrive,
                sensing);
    }

    /**
     * @param newSensing how the columns are read
     * @return a copy with another sensing; voltage sensing sets every neuron resistance to 0
     */
    public CrossbarSpec withSensing(Sensing newSensing) {
        double[] rn = newSensing == Sensing.VOLTAGE ? new double[outputs()] : neuronOhms;
        return new CrossbarSpec(positive, negative, mapping, sourceOhms, rn, rowWireOhms, columnWireOhms, drive,
                newSensing);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CrossbarSpec s && positive.equals(s.positive) && Objects.equals(negative, s.negative)
                && mapping == s.mapping && Arrays.equals(sourceOhms, s.sourceOhms)
                && Arrays.equals(neuronOhms, s.neuronOhms) && rowWireOhms == s.rowWireOhms
                && columnWireOhms == s.columnWireOhms && drive == s.drive && sensing == s.sensing;
    }

    @Override
    public int hashCode() {
        return Objects.hash(positive, negative, mapping, Arrays.hashCode(sourceOhms), Arrays.hashCode(neuronOhms),
                rowWireOhms, columnWireOhms, drive, sensing);
    }

    @Override
    public String toString() {
        return "CrossbarSpec[" + inputs() + "x" + outputs() + " " + mapping + ", rowWire=" + rowWireOhms
                + " ohm, columnWire=" + columnWireOhms + " ohm, " + drive + ", " + sensing + " sensing]";
    }

    /** Builds a {@link CrossbarSpec}; starts from ideal parasitics and one-ended drive. */
    public static final class Builder {
        private final ConductanceMatrix positive;
        private final ConductanceMatrix negative;
        private final WeightMapping mapping;
        private double[] sourceOhms;
        private double[] neuronOhms;
        private double rowWireOhms;
        private double columnWireOhms;
        private Drive drive = Drive.ONE_END;
        private Sensing sensing = Sensing.CURRENT;

        private Builder(ConductanceMatrix positive, ConductanceMatrix negative, WeightMapping mapping) {
            this.positive = Objects.requireNonNull(positive, "positive");
            this.negative = negative;
            this.mapping = mapping;
            this.sourceOhms = new double[positive.rows()];
            this.neuronOhms = new double[positive.cols()];
        }

        /**
         * @param ohms source resistance of every row
         * @return this builder
         */
        public Builder sourceOhms(double ohms) {
            Arrays.fill(sourceOhms, ohms);
            return this;
        }

        /**
         * @param ohms source resistance per row (copied)
         * @return this builder
         */
        public Builder sourceOhms(double[] ohms) {
            sourceOhms = ohms.clone();
            return this;
        }

        /**
         * @param ohms neuron resistance of every output
         * @return this builder
         */
        public Builder neuronOhms(double ohms) {
            Arrays.fill(neuronOhms, ohms);
            return this;
        }

        /**
         * @param ohms neuron resistance per output (copied)
         * @return this builder
         */
        public Builder neuronOhms(double[] ohms) {
            neuronOhms = ohms.clone();
            return this;
        }

        /**
         * @param ohms resistance of every row and column wire segment
         * @return this builder
         */
        public Builder wireOhms(double ohms) {
            rowWireOhms = ohms;
            columnWireOhms = ohms;
            return this;
        }

        /**
         * @param row    row wire segment resistance, ohm
         * @param column column wire segment resistance, ohm
         * @return this builder
         */
        public Builder wireOhms(double row, double column) {
            rowWireOhms = row;
            columnWireOhms = column;
            return this;
        }

        /**
         * @param value drive arrangement
         * @return this builder
         */
        public Builder drive(Drive value) {
            drive = value;
            return this;
        }

        /**
         * @param value how the columns are read (voltage sensing needs every neuron resistance 0)
         * @return this builder
         */
        public Builder sensing(Sensing value) {
            sensing = value;
            return this;
        }

        /** @return the validated spec */
        public CrossbarSpec build() {
            return new CrossbarSpec(positive, negative, mapping, sourceOhms, neuronOhms, rowWireOhms, columnWireOhms, drive,
                    sensing);
        }
    }
}
