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
 * <p><b>Accepted dynamic range.</b> The largest conductance of the circuit (devices, {@code 1/R_S},
 * {@code 1/R_N}, {@code 1/wire segment}) may be at most {@link #MAX_CONDUCTANCE_RATIO} times the
 * smallest non-zero one; 0-ohm resistances are merges and zero conductances open circuits, so
 * neither counts. Beyond it double precision cannot solve the nodal system: the record refuses
 * the crossbar, naming the device or resistance (see {@link #MAX_CONDUCTANCE_RATIO} for the
 * measurements behind the bound).
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
 * @param device         the I-V law of every device ({@link DeviceIv#LINEAR}, sinh, or a table;
 *                       DESIGN section 10), the conductances above being their low-voltage ones.
 *                       Only the generic exact path (Newton) solves a nonlinear law; the structured
 *                       solver and the analytical models refuse it
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
        Sensing sensing,
        DeviceIv device) {

    /**
     * The largest ratio accepted between the circuit's largest and smallest non-zero conductance:
     * {@value}.
     *
     * <p>Why a bound. Rounding makes a double-precision answer the exact answer of a circuit whose
     * conductances differ from the given ones by a few units of 1.1e-16, relative; how far that
     * moves the node voltages grows with the spread of the conductances (the condition of the nodal
     * matrix), and the residual {@code b - A x} cannot even be evaluated more finely than
     * {@code 1.1e-16 |A| |x|}, which a large conductance makes large next to the currents that
     * matter. The smallest conductance counts too: a node reached only through it, beside a large
     * one, is lost the same way.
     *
     * <p>What was measured (random 4-bit TiO2 crossbars, R_S 800 ohm, R_N 200 ohm, 8x8 to 512x512,
     * current and voltage sensing; one device made large, or every wire segment made small; outputs
     * against a reference refined with double-double residuals): the iterative and the direct
     * (Cholesky) solver lose accuracy alike, in proportion to the ratio. The outputs' relative error
     * stayed below about {@code 2e-17} times the ratio: 3e-8 at 6e8, 1.3e-7 at 6e9, 1.6e-6 at 6e10,
     * 1.1e-5 at 6e11, 2e-4 at 6e12, 2e-3 at 6e13 and 0.15 at 6e15; the relative residual reached
     * about a fifth of that (1e-9 at 3e8 to 1e9 with small wires, at 6e10 with one large device).
     * From 1e17 to 1e19 the Cholesky factorization breaks down and conjugate gradients stop
     * converging; the 1e200 S device gave a wrong current and 1e308 S NaN.
     *
     * <p>The bound 1e12 keeps four to five correct digits (an error of 2e-5 or less, fifty times
     * below SPICE's default {@code reltol} of 1e-3) and stays three decades below where the answers
     * become wrong; the residual the solvers report shows how close to it a crossbar comes. Where
     * 1e-6 agreement is needed, as in the ngspice cross-check, keep the ratio below 1e10 (wire
     * segments of at least 1e-4 ohm with TiO2 devices): there the error measured at most 2e-7.
     * Devices of 1e10 S next to 1/600 kohm ones (6e15) are refused.
     */
    public static final double MAX_CONDUCTANCE_RATIO = 1e12;

    /** Validates every field and takes copies of the arrays. */
    public CrossbarSpec {
        Objects.requireNonNull(positive, "positive");
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(drive, "drive");
        Objects.requireNonNull(sensing, "sensing");
        Objects.requireNonNull(device, "device");
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
        DynamicRange.require(positive, negative, mapping, sourceOhms, neuronOhms, rowWireOhms, columnWireOhms);
    }

    /**
     * A crossbar of linear devices.
     *
     * @param positive       the (positive) array, siemens
     * @param negative       the negative array, or {@code null}
     * @param mapping        weight mapping
     * @param sourceOhms     source resistance per input row, ohm
     * @param neuronOhms     neuron resistance per output, ohm
     * @param rowWireOhms    row wire segment resistance, ohm
     * @param columnWireOhms column wire segment resistance, ohm
     * @param drive          drive
     * @param sensing        sensing
     */
    public CrossbarSpec(ConductanceMatrix positive, ConductanceMatrix negative, WeightMapping mapping, double[] sourceOhms,
            double[] neuronOhms, double rowWireOhms, double columnWireOhms, Drive drive, Sensing sensing) {
        this(positive, negative, mapping, sourceOhms, neuronOhms, rowWireOhms, columnWireOhms, drive, sensing,
                DeviceIv.LINEAR);
    }

    /**
     * A current-sensed crossbar of linear devices.
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
        this(positive, negative, mapping, sourceOhms, neuronOhms, rowWireOhms, columnWireOhms, drive, Sensing.CURRENT,
                DeviceIv.LINEAR);
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
        return new CrossbarSpec(positive, negative, mapping, sourceOhms, neuronOhms, rowWire, columnWire, drive, sensing,
                device);
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
        return new CrossbarSpec(positive, negative, mapping, rs, rn, rowWireOhms, columnWireOhms, drive, sensing, device);
    }

    /**
     * @param newDrive drive arrangement
     * @return a copy with another drive arrangement
     */
    public CrossbarSpec withDrive(Drive newDrive) {
        return new CrossbarSpec(positive, negative, mapping, sourceOhms, neuronOhms, rowWireOhms, columnWireOhms, newDrive,
                sensing, device);
    }

    /**
     * @param newSensing how the columns are read
     * @return a copy with another sensing; voltage sensing sets every neuron resistance to 0
     */
    public CrossbarSpec withSensing(Sensing newSensing) {
        double[] rn = newSensing == Sensing.VOLTAGE ? new double[outputs()] : neuronOhms;
        return new CrossbarSpec(positive, negative, mapping, sourceOhms, rn, rowWireOhms, columnWireOhms, drive,
                newSensing, device);
    }

    /**
     * @param law the devices' I-V law
     * @return a copy whose devices follow that law
     */
    public CrossbarSpec withDevice(DeviceIv law) {
        return new CrossbarSpec(positive, negative, mapping, sourceOhms, neuronOhms, rowWireOhms, columnWireOhms, drive,
                sensing, law);
    }

    /** @return true when the devices are not linear (only the generic Newton path solves such a crossbar) */
    public boolean isNonlinear() {
        return !device.isLinear();
    }

    /**
     * Refuses a crossbar of nonlinear devices, for the solvers and models that are linear.
     *
     * @param who the solver or model, for the message
     * @throws InvalidParameterException with parameter {@code device} when the devices are not linear
     */
    public void requireLinear(String who) {
        if (isNonlinear()) {
            throw InvalidParameterException.inconsistent("device", who + " is linear and cannot solve devices with the"
                    + " I-V law " + device.describe() + "; the exact solvers (nodal analysis) solve nonlinear devices"
                    + " by Newton's method, or use linear devices (K = 0) for the linear approximation");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CrossbarSpec s && positive.equals(s.positive) && Objects.equals(negative, s.negative)
                && mapping == s.mapping && Arrays.equals(sourceOhms, s.sourceOhms)
                && Arrays.equals(neuronOhms, s.neuronOhms) && rowWireOhms == s.rowWireOhms
                && columnWireOhms == s.columnWireOhms && drive == s.drive && sensing == s.sensing && device.equals(s.device);
    }

    @Override
    public int hashCode() {
        return Objects.hash(positive, negative, mapping, Arrays.hashCode(sourceOhms), Arrays.hashCode(neuronOhms),
                rowWireOhms, columnWireOhms, drive, sensing, device);
    }

    @Override
    public String toString() {
        return "CrossbarSpec[" + inputs() + "x" + outputs() + " " + mapping + ", rowWire=" + rowWireOhms
                + " ohm, columnWire=" + columnWireOhms + " ohm, " + drive + ", " + sensing + " sensing"
                + (isNonlinear() ? ", " + device.describe() + " devices" : "") + "]";
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
        private DeviceIv device = DeviceIv.LINEAR;

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

        /**
         * @param law the devices' I-V law
         * @return this builder
         */
        public Builder device(DeviceIv law) {
            device = law;
            return this;
        }

        /** @return the validated spec */
        public CrossbarSpec build() {
            return new CrossbarSpec(positive, negative, mapping, sourceOhms, neuronOhms, rowWireOhms, columnWireOhms, drive,
                    sensing, device);
        }
    }
}
