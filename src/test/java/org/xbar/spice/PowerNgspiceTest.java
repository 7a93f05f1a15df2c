package org.xbar.spice;

import static org.xbar.TestCrossbars.assertClose;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbar.TestCrossbars;
import org.xbar.circuit.Circuit;
import org.xbar.circuit.CrossbarCircuit;
import org.xbar.results.CrossbarSolution;
import org.xbar.results.PowerBreakdown;
import org.xbar.solve.LineRelaxationSolver;
import org.xbar.spec.CrossbarSpec;
import org.xbar.spec.Drive;
import org.xbar.spec.InputBatch;
import org.xbar.spec.Sensing;
import org.xbar.spec.WeightMapping;

/**
 * The power breakdown against ngspice: the breakdown of ngspice's own node voltages matches xbar's
 * term by term, and the power its driver sources deliver ({@code -V I} of each, ngspice's currents
 * being positive into the plus terminal) is the breakdown's drawn power, all to 1e-9 relative
 * (they agree to about 1e-11).
 */
@Tag("ngspice")
class PowerNgspiceTest {

    static Stream<CrossbarSpec> crossbars() {
        return Stream.of(TestCrossbars.random(8, 6, WeightMapping.ROW_PAIR, 2.5, Drive.ONE_END, 1),
                TestCrossbars.random(8, 6, WeightMapping.COLUMN_PAIR, 2.5, Drive.BOTH_ENDS, 2),
                TestCrossbars.random(8, 6, WeightMapping.SINGLE, 2.5, Drive.BOTH_ENDS, 3).withTerminations(0, 0),
                TestCrossbars.random(8, 6, WeightMapping.ROW_PAIR, 0, Drive.ONE_END, 4).withTerminations(0, 100),
                TestCrossbars.random(8, 6, WeightMapping.ROW_PAIR, 2.5, Drive.BOTH_ENDS, 5).withSensing(Sensing.VOLTAGE));
    }

    @ParameterizedTest
    @MethodSource("crossbars")
    void breakdownAgreesWithNgspice(CrossbarSpec spec) {
        Ngspice ngspice = NgspiceAvailable.orSkip();
        double[] volts = InputBatch.random(1, spec.inputs(), 0.5, 9).vector(0);
        CrossbarNetlist netlist = new CrossbarNetlist(spec, volts);
        Map<String, Double> op = ngspice.run(netlist.text(List.of())).operatingPoint();
        Circuit circuit = netlist.circuit();
        CrossbarCircuit crossbar = netlist.crossbar();
        int rows = crossbar.physicalRows();
        int cols = crossbar.physicalColumns();
        double[] rowVolts = new double[rows * cols];
        double[] colVolts = new double[rows * cols];
        for (int n = 1; n < circuit.nodeCount(); n++) {
            String name = circuit.nodeName(n);
            String written = netlist.writer().writtenName(n);
            double v = written.equals("0") ? 0.0 : op.get("v(" + written.toLowerCase(java.util.Locale.ROOT) + ")");
            if (name.matches("[rc]\\d+_\\d+")) {
                int sep = name.indexOf('_');
                int k = Integer.parseInt(name.substring(1, sep)) * cols + Integer.parseInt(name.substring(sep + 1));
                (name.charAt(0) == 'r' ? rowVolts : colVolts)[k] = v;
            }
        }
        CrossbarSolution spice = new CrossbarSolution(rows, cols, rowVolts, colVolts, new double[cols],
                new double[crossbar.outputs()], null);
        PowerBreakdown fromSpice = PowerBreakdown.of(crossbar, volts, spice);
        PowerBreakdown ours = PowerBreakdown.of(crossbar, volts, new LineRelaxationSolver().prepare(crossbar).solve(volts));
        double delivered = 0;
        for (int s = 0; s < circuit.voltageSources().size(); s++) {
            delivered -= circuit.voltageSources().value(s) * op.get("i(" + netlist.writer().writtenVoltageSource(s) + ")");
        }
        double abs = 1e-12 * ours.drawn();
        assertClose(spec + ": ngspice's sources deliver the drawn power", fromSpice.drawn(), delivered, 1e-9, abs);
        assertClose(spec + ": drawn", ours.drawn(), delivered, 1e-9, abs);
        assertClose(spec + ": devices", ours.devices(), fromSpice.devices(), 1e-9, abs);
        assertClose(spec + ": row wires", ours.rowWires(), fromSpice.rowWires(), 1e-9, abs);
        assertClose(spec + ": column wires", ours.columnWires(), fromSpice.columnWires(), 1e-9, abs);
        assertClose(spec + ": sources", ours.sources(), fromSpice.sources(), 1e-9, abs);
        assertClose(spec + ": neurons", ours.neurons(), fromSpice.neurons(), 1e-9, abs);
    }
}
