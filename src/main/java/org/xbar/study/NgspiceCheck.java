package org.xbar.study;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xbar.circuit.Circuit;
import org.xbar.circuit.CrossbarCircuit;
import org.xbar.compare.SpiceCrossCheck;
import org.xbar.results.CircuitSolution;
import org.xbar.results.CrossbarSolution;
import org.xbar.solve.CircuitSolver;
import org.xbar.spice.NetlistWriter;
import org.xbar.spice.Ngspice;

/**
 * Solves a circuit in xbar and in ngspice and compares every node voltage and every voltage
 * source current ({@link SpiceCrossCheck}).
 */
public final class NgspiceCheck {
    private NgspiceCheck() {
    }

    /**
     * @param result         the comparison
     * @param ngspiceNanos   wall-clock time of the ngspice process, nanoseconds
     * @param xbarNanos      xbar's solve time, nanoseconds
     * @param spiceWarnings  what ngspice warned about (a singular matrix makes a case fail)
     */
    public record Outcome(SpiceCrossCheck.Result result, long ngspiceNanos, long xbarNanos, List<String> spiceWarnings) {
        /** @return true when every value agrees and ngspice warned about no singular matrix */
        public boolean passed() {
            return result.passed() && spiceWarnings.stream().noneMatch(w -> w.contains("singular"));
        }
    }

    /**
     * @param circuit  any circuit xbar can solve
     * @param title    the netlist title
     * @param comments header comments
     * @param ngspice  the ngspice runner
     * @return the comparison of xbar's generic direct solve with ngspice
     */
    public static Outcome check(Circuit circuit, String title, List<String> comments, Ngspice ngspice) {
        return check(circuit, title, comments, Map.of(), ngspice);
    }

    /**
     * @param circuit  any circuit xbar can solve
     * @param title    the netlist title
     * @param comments header comments
     * @param options  ngspice options that change the operating point (as a netlist's
     *                 {@code .options} sets them), written to the netlist and used by xbar
     * @param ngspice  the ngspice runner
     * @return the comparison of xbar's solve with ngspice
     */
    public static Outcome check(Circuit circuit, String title, List<String> comments, Map<String, Double> options,
            Ngspice ngspice) {
        NetlistWriter writer = new NetlistWriter(circuit);
        Ngspice.Run run = ngspice.run(writer.write(title, comments, options));
        CircuitSolution ours = new CircuitSolver(org.xbar.solve.newton.NewtonOptions.fromSpice(options)).solve(circuit);
        SpiceCrossCheck.Result result = SpiceCrossCheck.compare(SpiceCrossCheck.named(ours), run.operatingPoint(),
                aliases(circuit, writer)::get);
        return new Outcome(result, run.nanos(), ours.statistics().nanos(), run.warnings());
    }

    /**
     * @param circuit a circuit
     * @param writer  the writer of its netlist
     * @return xbar's name of every node and voltage source mapped to the name ngspice reports
     */
    public static Map<String, String> aliases(Circuit circuit, NetlistWriter writer) {
        Map<String, String> alias = new HashMap<>();
        for (int n = 1; n < circuit.nodeCount(); n++) {
            alias.put("v(" + circuit.nodeName(n) + ")", "v(" + writer.writtenName(n) + ")");
        }
        for (int s = 0; s < circuit.voltageSources().size(); s++) {
            alias.put("i(" + circuit.voltageSources().name(s).toLowerCase(Locale.ROOT) + ")",
                    "i(" + writer.writtenVoltageSource(s) + ")");
        }
        for (int s = 0; s < circuit.behavioralSources().size(); s++) {
            alias.put("i(" + circuit.behavioralSources().get(s).name().toLowerCase(Locale.ROOT) + ")",
                    "i(" + writer.writtenBehavioralSource(s) + ")");
        }
        return alias;
    }

    /**
     * The values a structured crossbar solve gives, named as ngspice names them: every cell node,
     * the driver nodes, and for current sensing the sense nodes and currents {@code i(vout<j>)}.
     *
     * @param crossbar   the crossbar
     * @param inputVolts the input vector
     * @param solution   its structured solution
     * @return the values by name
     */
    public static Map<String, Double> crossbarValues(CrossbarCircuit crossbar, double[] inputVolts, CrossbarSolution solution) {
        Map<String, Double> values = new LinkedHashMap<>();
        int rows = crossbar.physicalRows();
        int cols = crossbar.physicalColumns();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                values.put("v(" + CrossbarCircuit.rowNode(i, j) + ")", solution.rowVoltage(i, j));
                values.put("v(" + CrossbarCircuit.columnNode(i, j) + ")", solution.columnVoltage(i, j));
            }
        }
        double[] drive = new double[rows];
        crossbar.driveVolts(inputVolts, drive);
        for (int p = 0; p < rows; p++) {
            values.put("v(" + CrossbarCircuit.driverNode(p) + ")", drive[p]);
        }
        double[] columns = solution.columnCurrents();
        for (int q = 0; q < cols && !crossbar.voltageSensing(); q++) {
            values.put("v(" + CrossbarCircuit.senseNode(q) + ")", 0.0);
            values.put("i(" + CrossbarCircuit.senseSource(q) + ")", columns[q]);
        }
        return values;
    }
}
