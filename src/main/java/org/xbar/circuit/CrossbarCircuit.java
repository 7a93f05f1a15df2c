package org.xbar.circuit;

import org.xbar.spec.CrossbarSpec;
import org.xbar.spec.DeviceIv;
import org.xbar.spec.Drive;
import org.xbar.spec.WeightMapping;

/**
 * A {@link CrossbarSpec} lowered to its physical circuit: one array of
 * {@link #physicalRows()} x {@link #physicalColumns()} cross points, one driver per physical row
 * and one sense per physical column, whatever the weight mapping (DESIGN section 2).
 *
 * <ul>
 *   <li>{@link WeightMapping#SINGLE}: the spec's array as it is.</li>
 *   <li>{@link WeightMapping#ROW_PAIR}: {@code 2R} physical rows stacked on the same column lines;
 *       rows {@code 0..R-1} hold the positive array and are driven by {@code +V_i}, rows
 *       {@code R..2R-1} hold the negative array and are driven by {@code -V_i}; the sense sits
 *       below physical row {@code 2R-1}.</li>
 *   <li>{@link WeightMapping#COLUMN_PAIR}: {@code 2C} physical columns, interleaved: column
 *       {@code 2j} carries the positive array's column {@code j}, column {@code 2j+1} the
 *       negative one; output {@code j} is {@code I(2j) - I(2j+1)}.</li>
 * </ul>
 *
 * <p>Node names follow DESIGN section 2 and stay stable: {@code r<i>_<j>} and {@code c<i>_<j>}
 * for the row and column node of physical cell (i, j), {@code in<i>} for the output of the driver
 * of physical row i ({@code in<i>_far} for the far-end driver of a two-ended row), and
 * {@code out<j>} for the (virtual ground) sense node of physical column j.
 *
 * <p>This class is the shared input of the structured (line relaxation) solver, which works on
 * the arrays directly, and of {@link #toCircuit(double[])}, which writes the same circuit as a
 * generic element list for the general solver and for netlists.
 */
public final class CrossbarCircuit {
    private final CrossbarSpec spec;
    private final int rows;
    private final int cols;
    private final double[] conductance;
    private final double[] sourceOhms;
    private final int[] inputOfRow;
    private final double[] signOfRow;
    private final double[] neuronOhms;
    private final int[] outputOfColumn;
    private final double[] signOfColumn;

    private CrossbarCircuit(CrossbarSpec spec) {
        this.spec = spec;
        int r = spec.inputs();
        int c = spec.outputs();
        WeightMapping mapping = spec.mapping();
        this.rows = mapping == WeightMapping.ROW_PAIR ? 2 * r : r;
        this.cols = mapping == WeightMapping.COLUMN_PAIR ? 2 * c : c;
        this.conductance = new double[Math.multiplyExact(rows, cols)];
        this.sourceOhms = new double[rows];
        this.inputOfRow = new int[rows];
        this.signOfRow = new double[rows];
        this.neuronOhms = new double[cols];
        this.outputOfColumn = new int[cols];
        this.signOfColumn = new double[cols];
        for (int p = 0; p < rows; p++) {
            inputOfRow[p] = p % r;
            signOfRow[p] = p < r ? 1.0 : -1.0;
            sourceOhms[p] = spec.sourceOhms(p % r);
        }
        for (int q = 0; q < cols; q++) {
            int output = mapping == WeightMapping.COLUMN_PAIR ? q / 2 : q;
            outputOfColumn[q] = output;
            signOfColumn[q] = mapping == WeightMapping.COLUMN_PAIR && q % 2 == 1 ? -1.0 : 1.0;
            neuronOhms[q] = spec.neuronOhms(output);
        }
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                double gp = spec.positive().get(i, j);
                switch (mapping) {
                    case SINGLE -> conductance[i * cols + j] = gp;
                    case ROW_PAIR -> {
                        conductance[i * cols + j] = gp;
                        conductance[(r + i) * cols + j] = spec.negative().get(i, j);
                    }
                    case COLUMN_PAIR -> {
                        conductance[i * cols + 2 * j] = gp;
                        conductance[i * cols + 2 * j + 1] = spec.negative().get(i, j);
                    }
                    default -> throw new IllegalStateException(mapping.toString());
                }
            }
        }
    }

    /**
     * @param spec a validated crossbar
     * @return its physical circuit
     */
    public static CrossbarCircuit of(CrossbarSpec spec) {
        return new CrossbarCircuit(spec);
    }

    /** @return the spec this circuit was lowered from */
    public CrossbarSpec spec() {
        return spec;
    }

    /** @return physical rows (driven lines) */
    public int physicalRows() {
        return rows;
    }

    /** @return physical columns (sensed lines) */
    public int physicalColumns() {
        return cols;
    }

    /** @return input voltages per vector */
    public int inputs() {
        return spec.inputs();
    }

    /** @return output currents per vector */
    public int outputs() {
        return spec.outputs();
    }

    /**
     * @param row physical row
     * @param col physical column
     * @return device conductance at that cross point, siemens (0 = no device)
     */
    public double conductance(int row, int col) {
        return conductance[row * cols + col];
    }

    /** @return a row-major copy of the physical conductances, siemens */
    public double[] conductances() {
        return conductance.clone();
    }

    /**
     * The physical conductances without a copy, for solvers that only read them: a 1024x1024
     * crossbar's copy would be 8 MB of heap for nothing. Callers must not modify the array.
     *
     * @return the row-major physical conductances, siemens (shared, read-only by contract)
     */
    public double[] sharedConductances() {
        return conductance;
    }

    /**
     * @param row physical row
     * @return its source resistance, ohm (0 = the driver fixes the row's end node)
     */
    public double sourceOhms(int row) {
        return sourceOhms[row];
    }

    /**
     * @param col physical column
     * @return its neuron resistance, ohm (0 = the column's last node is the virtual ground)
     */
    public double neuronOhms(int col) {
        return neuronOhms[col];
    }

    /** @return the devices' I-V law */
    public DeviceIv device() {
        return spec.device();
    }

    /**
     * @param row physical row
     * @param col physical column
     * @param volts device voltage (row node minus column node), volt
     * @return the current through that cross point's device, ampere, by the devices' I-V law
     */
    public double deviceCurrent(int row, int col, double volts) {
        return spec.device().current(conductance[row * cols + col], volts);
    }

    /** @return row wire segment resistance, ohm */
    public double rowWireOhms() {
        return spec.rowWireOhms();
    }

    /** @return column wire segment resistance, ohm */
    public double columnWireOhms() {
        return spec.columnWireOhms();
    }

    /** @return true when the columns float and the outputs are their last nodes' voltages */
    public boolean voltageSensing() {
        return spec.sensing() == org.xbar.spec.Sensing.VOLTAGE;
    }

    /** @return true when each row is driven from both ends */
    public boolean bothEnds() {
        return spec.drive() == Drive.BOTH_ENDS;
    }

    /**
     * @param inputVolts one input vector, volt, {@link #inputs()} long
     * @param driveVolts receives the voltage of each physical row's driver, volt
     */
    public void driveVolts(double[] inputVolts, double[] driveVolts) {
        for (int p = 0; p < rows; p++) {
            driveVolts[p] = signOfRow[p] * inputVolts[inputOfRow[p]];
        }
    }

    /**
     * Combines the values of the physical columns into outputs (a column pair subtracts).
     *
     * @param columnValues the sense current (ampere) or sense voltage (volt) of each physical column
     * @param outputs      receives one value per output
     */
    public void combineOutputs(double[] columnValues, double[] outputs) {
        java.util.Arrays.fill(outputs, 0, spec.outputs(), 0.0);
        for (int q = 0; q < cols; q++) {
            outputs[outputOfColumn[q]] += signOfColumn[q] * columnValues[q];
        }
    }

    /**
     * @param col physical column
     * @return the output it contributes to
     */
    public int outputOfColumn(int col) {
        return outputOfColumn[col];
    }

    /**
     * @param col physical column
     * @return +1 or -1: the sign of its contribution to its output
     */
    public double signOfColumn(int col) {
        return signOfColumn[col];
    }

    /**
     * @param row physical row
     * @return the input that drives it
     */
    public int inputOfRow(int row) {
        return inputOfRow[row];
    }

    /**
     * @param row physical row
     * @return +1, or -1 for the negative array of a row pair
     */
    public double signOfRow(int row) {
        return signOfRow[row];
    }

    /**
     * @param row physical row
     * @param col physical column
     * @return name of the row node of that cell
     */
    public static String rowNode(int row, int col) {
        return "r" + row + "_" + col;
    }

    /**
     * @param row physical row
     * @param col physical column
     * @return name of the column node of that cell
     */
    public static String columnNode(int row, int col) {
        return "c" + row + "_" + col;
    }

    /**
     * @param row physical row
     * @return name of its driver's output node
     */
    public static String driverNode(int row) {
        return "in" + row;
    }

    /**
     * @param row physical row
     * @return name of its far-end driver's output node (two-ended drive)
     */
    public static String farDriverNode(int row) {
        return "in" + row + "_far";
    }

    /**
     * @param col physical column
     * @return name of its sense node
     */
    public static String senseNode(int col) {
        return "out" + col;
    }

    /**
     * @param row physical row
     * @return name of the voltage source of its (near-end) driver
     */
    public static String driverSource(int row) {
        return "vin" + row;
    }

    /**
     * @param row physical row
     * @return name of the voltage source of its far-end driver
     */
    public static String farDriverSource(int row) {
        return "vin" + row + "_far";
    }

    /**
     * @param sourceName a voltage source name written by {@link #toCircuit(double[])}
     * @return the physical row it drives, or -1 for a sense source
     */
    public static int drivenRow(String sourceName) {
        if (!sourceName.startsWith("vin")) {
            return -1;
        }
        int end = sourceName.endsWith("_far") ? sourceName.length() - 4 : sourceName.length();
        return Integer.parseInt(sourceName.substring(3, end));
    }

    /**
     * @param col physical column
     * @return name of the zero-volt source that reads the column's output current
     */
    public static String senseSource(int col) {
        return "vout" + col;
    }

    /**
     * Writes the crossbar as a generic circuit for one input vector: drivers as voltage sources,
     * source, wire, device and neuron resistors (0 ohm where the spec says an ideal wire or a tied
     * column; a nonlinear device is a behavioral current source instead of a resistor), and a zero-volt source {@code vout<j>} from each sense node to ground whose current
     * is the column's output current. Cross points without a device get no element. A row of
     * wires is written even when its resistance is 0, so node names stay the same.
     *
     * @param inputVolts input vector, volt
     * @return the circuit; the voltage source of physical row {@code p} is source number
     *         {@code p}; far-end twins follow, then the sense sources. A far-end driver is left
     *         out where it would be shorted to the near one ({@code R_S = 0} on an ideal row wire)
     */
    public Circuit toCircuit(double[] inputVolts) {
        return toCircuit(inputVolts, null);
    }

    /**
     * The crossbar as a generic circuit with PHAX inverter neurons on its columns: rails
     * {@code vdd} and {@code vss}, and at each physical column's last node a neuron with outputs
     * {@code inv<j>} and {@code out<j>} ({@link InverterCircuits}).
     *
     * @param inputVolts input vector, volt
     * @param neurons    the neurons, or null for none
     * @return the circuit
     * @throws org.xbar.error.InvalidParameterException when neurons are asked for on current-sensed
     *         columns or on a column pair
     */
    public Circuit toCircuit(double[] inputVolts, org.xbar.spec.InverterSpec neurons) {
        if (neurons != null && (!voltageSensing() || spec.mapping() == WeightMapping.COLUMN_PAIR)) {
            throw org.xbar.error.InvalidParameterException.inconsistent("sensing", "inverter neurons need floating"
                    + " (voltage-sensed) columns and one column per output: not current sensing, not a column pair");
        }
        double[] drive = new double[rows];
        driveVolts(inputVolts, drive);
        Circuit.Builder b = Circuit.builder();
        ArrayNodes array = addArray(b, "", rows, cols, conductance, spec.rowWireOhms(), spec.columnWireOhms(), spec.device());
        int[] rowNode = array.rowNode();
        int[] colNode = array.columnNode();
        for (int p = 0; p < rows; p++) {
            int in = b.node(driverNode(p));
            b.voltageSource(driverSource(p), in, Circuit.GROUND, drive[p]);
            b.resistor("rs" + p, in, rowNode[p * cols], sourceOhms[p]);
        }
        if (bothEnds()) {
            for (int p = 0; p < rows; p++) {
                if (sourceOhms[p] == 0 && (spec.rowWireOhms() == 0 || cols == 1)) {
                    // The far driver would sit in parallel with the near one through 0 ohm: the
                    // row is already fixed at the driver's voltage, and two ideal sources in
                    // parallel are a loop SPICE refuses. Leave it out.
                    continue;
                }
                int in = b.node(farDriverNode(p));
                b.voltageSource(farDriverSource(p), in, Circuit.GROUND, drive[p]);
                b.resistor("rs" + p + "_far", in, rowNode[p * cols + cols - 1], sourceOhms[p]);
            }
        }
        for (int q = 0; q < cols && !voltageSensing(); q++) {
            int out = b.node(senseNode(q));
            b.voltageSource(senseSource(q), out, Circuit.GROUND, 0.0);
            b.resistor("rn" + q, colNode[(rows - 1) * cols + q], out, neuronOhms[q]);
        }
        if (neurons != null) {
            InverterCircuits inverters = new InverterCircuits(b, neurons);
            for (int q = 0; q < cols; q++) {
                inverters.neuron(b, "", q, colNode[(rows - 1) * cols + q]);
            }
        }
        return b.build();
    }

    /**
     * The node indices of an array written by {@link #addArray}.
     *
     * @param rowNode    row node of each cell, row-major
     * @param columnNode column node of each cell, row-major
     */
    public record ArrayNodes(int[] rowNode, int[] columnNode) {
    }

    /**
     * Writes the cells of a crossbar array into a circuit: row and column nodes, wire segments
     * (0 ohm for an ideal wire) and devices. Node names are {@code <prefix>r<i>_<j>} and
     * {@code <prefix>c<i>_<j>}; element names put the prefix after their type letter
     * ({@code r<prefix>r<i>_<j>} for a row wire, {@code r<prefix>c..} a column wire,
     * {@code r<prefix>d..} a device), so that they stay SPICE names.
     *
     * @param b            the circuit under construction
     * @param prefix       name prefix ("" for a lone crossbar, "l2_" for the second layer of a network)
     * @param rows         rows
     * @param cols         columns
     * @param g            device conductances, row-major, siemens (0 = no device)
     * @param rowWireOhms  row wire segment resistance, ohm
     * @param colWireOhms  column wire segment resistance, ohm
     * @return the node indices
     */
    public static ArrayNodes addArray(Circuit.Builder b, String prefix, int rows, int cols, double[] g, double rowWireOhms,
            double colWireOhms) {
        return addArray(b, prefix, rows, cols, g, rowWireOhms, colWireOhms, DeviceIv.LINEAR);
    }

    /**
     * {@link #addArray(Circuit.Builder, String, int, int, double[], double, double)} with devices of
     * any I-V law: a linear device is a resistor {@code r<prefix>d<i>_<j>}, a nonlinear one a
     * behavioral current source {@code b<prefix>d<i>_<j>} from the row node to the column node
     * whose current is {@link Expression.DeviceCurrent} (exact value and derivative, written for
     * ngspice as the law's B-source expression).
     *
     * @param b            the circuit under construction
     * @param prefix       name prefix
     * @param rows         rows
     * @param cols         columns
     * @param g            device (low-voltage) conductances, row-major, siemens (0 = no device)
     * @param rowWireOhms  row wire segment resistance, ohm
     * @param colWireOhms  column wire segment resistance, ohm
     * @param law          the devices' I-V law
     * @return the node indices
     */
    public static ArrayNodes addArray(Circuit.Builder b, String prefix, int rows, int cols, double[] g, double rowWireOhms,
            double colWireOhms, DeviceIv law) {
        int[] rowNode = new int[rows * cols];
        int[] colNode = new int[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                rowNode[i * cols + j] = b.node(prefix + rowNode(i, j));
                colNode[i * cols + j] = b.node(prefix + columnNode(i, j));
            }
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                int k = i * cols + j;
                if (j + 1 < cols) {
                    b.resistor("r" + prefix + "r" + i + "_" + j, rowNode[k], rowNode[k + 1], rowWireOhms);
                }
                if (i + 1 < rows) {
                    b.resistor("r" + prefix + "c" + i + "_" + j, colNode[k], colNode[k + cols], colWireOhms);
                }
                if (g[k] > 0 && law.isLinear()) {
                    b.resistor("r" + prefix + "d" + i + "_" + j, rowNode[k], colNode[k], 1.0 / g[k]);
                } else if (g[k] > 0 && law instanceof DeviceIv.DiodeSelector selector) {
                    // 1D1R: the diode from the row to an internal node, the device from there to the column
                    int internal = b.node(prefix + "s" + i + "_" + j);
                    b.diode(new Diode("d" + prefix + "s" + i + "_" + j, rowNode[k], internal, selectorModel(selector), 1,
                            false));
                    b.resistor("r" + prefix + "d" + i + "_" + j, internal, colNode[k], 1.0 / g[k]);
                } else if (g[k] > 0) {
                    b.behavioralCurrent("b" + prefix + "d" + i + "_" + j, rowNode[k], colNode[k],
                            new Expression.DeviceCurrent(law, g[k], rowNode[k], colNode[k]));
                }
            }
        }
        return new ArrayNodes(rowNode, colNode);
    }

    /**
     * @param selector a 1D1R cell's diode
     * @return its SPICE model, {@code dsel}: IS, N, no series resistance, BV with an IBV small
     *         enough that ngspice keeps BV itself (below {@code IS BV / Vt}), as the cell's law does
     */
    static DiodeModel selectorModel(DeviceIv.DiodeSelector selector) {
        double bv = selector.breakdown();
        double ibv = Double.isNaN(bv) ? 1e-3
                : 0.5 * selector.saturation() * bv / DeviceIv.DiodeSelector.THERMAL_VOLTS;
        return new DiodeModel("dsel", selector.saturation(), selector.emission(), 0, bv, ibv, selector.emission());
    }
}
