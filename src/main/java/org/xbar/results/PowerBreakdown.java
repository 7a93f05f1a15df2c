package org.xbar.results;

import java.util.List;
import org.xbar.circuit.CrossbarCircuit;
import org.xbar.error.InvalidParameterException;

/**
 * Where the power of one crossbar read goes (DESIGN section 10), every term in watts:
 *
 * <pre>
 *   P = sum_devices I_d V_d + sum_wire_segments V^2 / r + sum_drivers (V - V_end)^2 / R_S
 *       + sum_senses I^2 R_N
 *     = sum_drivers V_i I_i
 * </pre>
 *
 * <p>The first line is what the elements dissipate, the second what the drivers deliver; they
 * agree by energy conservation (Tellegen's theorem), which is a check on the node voltages of the
 * solution: each side is computed from its own elements, so a solution that violates Kirchhoff's
 * current law anywhere shows as a difference.
 *
 * <ul>
 *   <li><b>Devices.</b> {@code I_d V_d} with {@code V_d} the row node minus the column node of the
 *       cell and {@code I_d} from one {@link DeviceLaw}: {@code g V_d} for the linear crossbars of
 *       today ({@link DeviceLaw#linear}); a nonlinear device passes its own {@code I(V)} and nothing
 *       else changes.</li>
 *   <li><b>Wires.</b> {@code (V_a - V_b)^2 / r} per segment; an ideal wire (0 ohm) is one node and
 *       dissipates nothing.</li>
 *   <li><b>Sources.</b> {@code (V - V_end)^2 / R_S} per driver, with {@code V_end} the row node it
 *       feeds: cell 0, and the last cell for the far driver of a two-ended row. An ideal driver
 *       ({@code R_S = 0}) dissipates nothing.</li>
 *   <li><b>Neurons.</b> {@code V_last^2 / R_N} per current-sensed column ({@code V_last} the
 *       column's last node; its sense node is the virtual ground at 0 V), which is
 *       {@code I^2 R_N}. {@code R_N = 0} (the last node is the virtual ground) and voltage sensing
 *       (no current into the sense node) dissipate nothing.</li>
 *   <li><b>Drawn.</b> {@code V_i I_i} summed over every driver, with {@code I_i} the current the
 *       driver delivers: {@code (V - V_end) / R_S} through its source resistance; for an ideal
 *       driver ({@code R_S = 0}) the current leaving the row node it fixes, through that node's
 *       device and wire segment (the whole row's devices when the row wire is ideal). A two-ended
 *       row adds both drivers. The virtual ground of the senses sits at 0 V and delivers no
 *       power.</li>
 * </ul>
 *
 * <p>A breakdown from {@link #mean} or {@link #max} over several reads keeps the same meaning per
 * term; for {@link #max} the terms may come from different reads, so they need not add up to
 * {@link #dissipated()}.
 *
 * @param devices     power in the devices, watt
 * @param rowWires    power in the row wire segments, watt
 * @param columnWires power in the column wire segments, watt
 * @param sources     power in the drivers' source resistances, watt
 * @param neurons     power in the neuron (sense) resistances, watt
 * @param dissipated  everything the crossbar dissipates (the sum of the five above for one read),
 *                    watt
 * @param drawn       everything the drivers deliver, watt
 */
public record PowerBreakdown(double devices, double rowWires, double columnWires, double sources, double neurons,
        double dissipated, double drawn) {

    /**
     * The current-voltage law of the devices of a crossbar: the one place where a breakdown asks
     * what a device carries.
     */
    @FunctionalInterface
    public interface DeviceLaw {
        /**
         * @param row   physical row of the device
         * @param col   physical column of the device
         * @param volts its voltage, row node minus column node, volt
         * @return the current through it from the row node to the column node, ampere
         */
        double amps(int row, int col, double volts);

        /**
         * @param circuit a crossbar of linear devices
         * @return {@code I = g V} with each cell's conductance ({@code g = 0}: no device, no current)
         */
        static DeviceLaw linear(CrossbarCircuit circuit) {
            double[] g = circuit.sharedConductances();
            int cols = circuit.physicalColumns();
            return (row, col, volts) -> g[row * cols + col] * volts;
        }

        /**
         * @param circuit a crossbar
         * @return its devices' own law: {@code I = g V} for linear devices, the spec's I-V law
         *         (sinh, table) scaled by each cell's low-voltage conductance otherwise
         */
        static DeviceLaw of(CrossbarCircuit circuit) {
            if (!circuit.spec().isNonlinear()) {
                return linear(circuit);
            }
            double[] g = circuit.sharedConductances();
            int cols = circuit.physicalColumns();
            org.xbar.spec.DeviceIv device = circuit.spec().device();
            return (row, col, volts) -> device.current(g[row * cols + col], volts);
        }
    }

    /**
     * The breakdown of a crossbar, each device's current by its own law ({@link DeviceLaw#of}).
     *
     * @param circuit    the crossbar
     * @param inputVolts the input vector the solution is for, volt
     * @param solution   its node voltages
     * @return where the power goes
     * @throws InvalidParameterException when the input vector or the solution does not fit the crossbar
     */
    public static PowerBreakdown of(CrossbarCircuit circuit, double[] inputVolts, CrossbarSolution solution) {
        return of(circuit, inputVolts, solution, DeviceLaw.of(circuit));
    }

    /**
     * @param circuit    the crossbar
     * @param inputVolts the input vector the solution is for, volt
     * @param solution   its node voltages
     * @param law        what each device carries at its voltage
     * @return where the power goes
     * @throws InvalidParameterException when the input vector or the solution does not fit the crossbar
     */
    public static PowerBreakdown of(CrossbarCircuit circuit, double[] inputVolts, CrossbarSolution solution, DeviceLaw law) {
        double[] drive = driveVolts(circuit, inputVolts, solution);
        int rows = circuit.physicalRows();
        int cols = circuit.physicalColumns();
        double devices = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double v = solution.rowVoltage(i, j) - solution.columnVoltage(i, j);
                devices += law.amps(i, j, v) * v;
            }
        }
        double rowWires = 0;
        double rowWire = circuit.rowWireOhms();
        for (int i = 0; i < rows && rowWire > 0; i++) {
            for (int j = 0; j + 1 < cols; j++) {
                double v = solution.rowVoltage(i, j) - solution.rowVoltage(i, j + 1);
                rowWires += v * v / rowWire;
            }
        }
        double columnWires = 0;
        double columnWire = circuit.columnWireOhms();
        for (int j = 0; j < cols && columnWire > 0; j++) {
            for (int i = 0; i + 1 < rows; i++) {
                double v = solution.columnVoltage(i, j) - solution.columnVoltage(i + 1, j);
                columnWires += v * v / columnWire;
            }
        }
        double sources = 0;
        for (int i = 0; i < rows; i++) {
            double rs = circuit.sourceOhms(i);
            if (rs > 0) {
                double near = drive[i] - solution.rowVoltage(i, 0);
                sources += near * near / rs;
                if (circuit.bothEnds()) {
                    double far = drive[i] - solution.rowVoltage(i, cols - 1);
                    sources += far * far / rs;
                }
            }
        }
        double neurons = 0;
        for (int j = 0; j < cols && !circuit.voltageSensing(); j++) {
            double rn = circuit.neuronOhms(j);
            if (rn > 0) {
                double v = solution.columnVoltage(rows - 1, j);
                neurons += v * v / rn;
            }
        }
        double[] amps = driverAmps(circuit, drive, solution, law);
        double drawn = 0;
        for (int i = 0; i < rows; i++) {
            drawn += drive[i] * amps[i];
        }
        return new PowerBreakdown(devices, rowWires, columnWires, sources, neurons,
                devices + rowWires + columnWires + sources + neurons, drawn);
    }

    /**
     * The current each physical row's driver delivers (both drivers together for a two-ended
     * row), as the class documentation defines it.
     *
     * @param circuit    the crossbar
     * @param inputVolts the input vector the solution is for, volt
     * @param solution   its node voltages
     * @param law        what each device carries at its voltage
     * @return one current per physical row, ampere, positive out of the driver into the row
     * @throws InvalidParameterException when the input vector or the solution does not fit the crossbar
     */
    public static double[] driverCurrents(CrossbarCircuit circuit, double[] inputVolts, CrossbarSolution solution,
            DeviceLaw law) {
        return driverAmps(circuit, driveVolts(circuit, inputVolts, solution), solution, law);
    }

    private static double[] driverAmps(CrossbarCircuit circuit, double[] drive, CrossbarSolution solution, DeviceLaw law) {
        int rows = circuit.physicalRows();
        int cols = circuit.physicalColumns();
        double rowWire = circuit.rowWireOhms();
        boolean bothEnds = circuit.bothEnds() && cols > 1;
        double[] amps = new double[rows];
        for (int i = 0; i < rows; i++) {
            double rs = circuit.sourceOhms(i);
            if (rs > 0) {
                amps[i] = (drive[i] - solution.rowVoltage(i, 0)) / rs;
                if (circuit.bothEnds()) {
                    amps[i] += (drive[i] - solution.rowVoltage(i, cols - 1)) / rs;
                }
            } else if (rowWire == 0) {
                // The driver fixes the whole row, one node: it delivers what the row's devices carry.
                for (int j = 0; j < cols; j++) {
                    amps[i] += deviceAmps(law, solution, i, j);
                }
            } else {
                amps[i] = leaving(law, solution, i, 0, 1, rowWire);
                if (bothEnds) {
                    amps[i] += leaving(law, solution, i, cols - 1, cols - 2, rowWire);
                }
            }
        }
        return amps;
    }

    /** The current leaving row node (row, col), held by an ideal driver, through its device and its wire segment toward {@code next}. */
    private static double leaving(DeviceLaw law, CrossbarSolution solution, int row, int col, int next, double rowWire) {
        double amps = deviceAmps(law, solution, row, col);
        if (next >= 0 && next < solution.cols()) {
            amps += (solution.rowVoltage(row, col) - solution.rowVoltage(row, next)) / rowWire;
        }
        return amps;
    }

    private static double deviceAmps(DeviceLaw law, CrossbarSolution solution, int row, int col) {
        return law.amps(row, col, solution.rowVoltage(row, col) - solution.columnVoltage(row, col));
    }

    private static double[] driveVolts(CrossbarCircuit circuit, double[] inputVolts, CrossbarSolution solution) {
        if (inputVolts.length != circuit.inputs()) {
            throw InvalidParameterException.inconsistent("inputVolts", "the input vector has " + inputVolts.length
                    + " values, the crossbar has " + circuit.inputs() + " inputs");
        }
        if (solution.rows() != circuit.physicalRows() || solution.cols() != circuit.physicalColumns()) {
            throw InvalidParameterException.inconsistent("solution", "the solution is " + solution.rows() + "x"
                    + solution.cols() + ", the crossbar's array is " + circuit.physicalRows() + "x" + circuit.physicalColumns());
        }
        double[] drive = new double[circuit.physicalRows()];
        circuit.driveVolts(inputVolts, drive);
        return drive;
    }

    /**
     * @param readSeconds how long a read lasts, second, {@code > 0}
     * @return the energy the drivers deliver during one read, {@code P t_read}, joule
     */
    public double joulesPerRead(double readSeconds) {
        org.xbar.spec.Checks.positive("readSeconds", readSeconds, "s");
        return drawn * readSeconds;
    }

    /**
     * @return {@code |dissipated - drawn| / max(|dissipated|, |drawn|)}: 0 for an exact solution,
     *         0 when both are 0
     */
    public double imbalance() {
        double scale = Math.max(Math.abs(dissipated), Math.abs(drawn));
        return scale == 0 ? 0 : Math.abs(dissipated - drawn) / scale;
    }

    /**
     * @param reads breakdowns of several reads, at least one
     * @return the mean of every term
     */
    public static PowerBreakdown mean(List<PowerBreakdown> reads) {
        requireSome(reads);
        double n = reads.size();
        return new PowerBreakdown(reads.stream().mapToDouble(PowerBreakdown::devices).sum() / n,
                reads.stream().mapToDouble(PowerBreakdown::rowWires).sum() / n,
                reads.stream().mapToDouble(PowerBreakdown::columnWires).sum() / n,
                reads.stream().mapToDouble(PowerBreakdown::sources).sum() / n,
                reads.stream().mapToDouble(PowerBreakdown::neurons).sum() / n,
                reads.stream().mapToDouble(PowerBreakdown::dissipated).sum() / n,
                reads.stream().mapToDouble(PowerBreakdown::drawn).sum() / n);
    }

    /**
     * @param reads breakdowns of several reads, at least one
     * @return the largest value of every term (each term's largest may come from another read)
     */
    public static PowerBreakdown max(List<PowerBreakdown> reads) {
        requireSome(reads);
        return new PowerBreakdown(reads.stream().mapToDouble(PowerBreakdown::devices).max().orElseThrow(),
                reads.stream().mapToDouble(PowerBreakdown::rowWires).max().orElseThrow(),
                reads.stream().mapToDouble(PowerBreakdown::columnWires).max().orElseThrow(),
                reads.stream().mapToDouble(PowerBreakdown::sources).max().orElseThrow(),
                reads.stream().mapToDouble(PowerBreakdown::neurons).max().orElseThrow(),
                reads.stream().mapToDouble(PowerBreakdown::dissipated).max().orElseThrow(),
                reads.stream().mapToDouble(PowerBreakdown::drawn).max().orElseThrow());
    }

    private static void requireSome(List<PowerBreakdown> reads) {
        if (reads.isEmpty()) {
            throw InvalidParameterException.inconsistent("reads", "no breakdowns to summarize");
        }
    }
}
