package org.xbar.results;

/**
 * The node voltages and outputs of a crossbar for one input vector. Voltages are stored per
 * physical cell (see {@code org.xbar.circuit.CrossbarCircuit}); a line without wire resistance has
 * the same voltage at every cell. Outputs are currents (ampere) for current sensing and the
 * columns' sense voltages (volt) for voltage sensing.
 */
public final class CrossbarSolution {
    private final int rows;
    private final int cols;
    private final double[] rowVolts;
    private final double[] columnVolts;
    private final double[] columnAmps;
    private final double[] outputValues;
    private final SolverStatistics statistics;

    /**
     * @param rows        physical rows
     * @param cols        physical columns
     * @param rowVolts    row node voltages, row-major {@code rows x cols}, volt (taken, not copied)
     * @param columnVolts column node voltages, row-major, volt (taken, not copied)
     * @param columnAmps  current into the sense of each physical column, ampere (taken)
     * @param outputs     outputs: ampere (current sensing) or volt (voltage sensing) (taken)
     * @param statistics  the solver's statistics
     */
    public CrossbarSolution(int rows, int cols, double[] rowVolts, double[] columnVolts, double[] columnAmps,
            double[] outputs, SolverStatistics statistics) {
        this.rows = rows;
        this.cols = cols;
        this.rowVolts = rowVolts;
        this.columnVolts = columnVolts;
        this.columnAmps = columnAmps;
        this.outputValues = outputs;
        this.statistics = statistics;
    }

    /** @return physical rows */
    public int rows() {
        return rows;
    }

    /** @return physical columns */
    public int cols() {
        return cols;
    }

    /**
     * @param row physical row
     * @param col physical column
     * @return voltage of row node {@code r<row>_<col>}, volt
     */
    public double rowVoltage(int row, int col) {
        return rowVolts[row * cols + col];
    }

    /**
     * @param row physical row
     * @param col physical column
     * @return voltage of column node {@code c<row>_<col>}, volt
     */
    public double columnVoltage(int row, int col) {
        return columnVolts[row * cols + col];
    }

    /**
     * Looks a node up by its netlist name: {@code r<i>_<j>} or {@code c<i>_<j>}.
     *
     * @param node node name
     * @return its voltage, volt
     * @throws IllegalArgumentException for any other name or an index out of range
     */
    public double voltage(String node) {
        String n = node.toLowerCase(java.util.Locale.ROOT);
        int sep = n.indexOf('_');
        if (n.length() < 4 || sep < 2 || (n.charAt(0) != 'r' && n.charAt(0) != 'c')) {
            throw new IllegalArgumentException("not a crossbar cell node: " + node);
        }
        int i;
        int j;
        try {
            i = Integer.parseInt(n.substring(1, sep));
            j = Integer.parseInt(n.substring(sep + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a crossbar cell node: " + node, e);
        }
        if (i < 0 || i >= rows || j < 0 || j >= cols) {
            throw new IllegalArgumentException("node " + node + " is outside the " + rows + "x" + cols + " array");
        }
        return n.charAt(0) == 'r' ? rowVoltage(i, j) : columnVoltage(i, j);
    }

    /** @return row node voltages, row-major, volt (a copy) */
    public double[] rowVoltages() {
        return rowVolts.clone();
    }

    /** @return column node voltages, row-major, volt (a copy) */
    public double[] columnVoltages() {
        return columnVolts.clone();
    }

    /**
     * @return current into the sense of each physical column, ampere, as the sum of its device
     *         currents (0 up to rounding for a floating, voltage-sensed column) (a copy)
     */
    public double[] columnCurrents() {
        return columnAmps.clone();
    }

    /**
     * @return the outputs (a column pair already subtracted): ampere for current sensing, volt
     *         for voltage sensing (a copy)
     */
    public double[] outputs() {
        return outputValues.clone();
    }

    /** @return the solver's statistics */
    public SolverStatistics statistics() {
        return statistics;
    }
}
