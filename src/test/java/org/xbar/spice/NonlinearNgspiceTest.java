package org.xbar.spice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbar.compare.SpiceCrossCheck;
import org.xbar.device.Technology;
import org.xbar.solve.CircuitSolver;
import org.xbar.spec.CrossbarSpec;
import org.xbar.spec.DeviceIv;
import org.xbar.spec.Drive;
import org.xbar.spec.InputBatch;
import org.xbar.spec.Sensing;
import org.xbar.spec.WeightMapping;
import org.xbar.study.NgspiceCheck;
import org.xbar.study.ValidationSuite;

/**
 * Crossbars of nonlinear devices exported as B sources and solved by ngspice: sinh devices
 * ({@code I=G/K*sinh(K*v(a,b))}) on seeded crossbars with and without wires, and tabulated devices
 * in their piecewise-cubic ternary form, against xbar's Newton solves (the structured engine's and the
 * generic solver's) at every node.
 */
@Tag("ngspice")
class NonlinearNgspiceTest {

    static Stream<Arguments> crossbars() {
        List<Arguments> cases = new ArrayList<>();
        long seed = 700;
        Technology t = Technology.TIO2;
        double[] ks = {0.5, 2, 5};
        int k = 0;
        for (WeightMapping mapping : WeightMapping.values()) {
            for (double wire : new double[] {0, 2.5}) {
                cases.add(Arguments.of(new ValidationSuite.Case("nonlinear", 6 + 2 * k, mapping, t, 800, 200, wire,
                        k % 2 == 0 ? Drive.ONE_END : Drive.BOTH_ENDS, Sensing.CURRENT, seed++, ks[k % 3])));
                k++;
            }
        }
        cases.add(Arguments.of(new ValidationSuite.Case("nonlinear", 10, WeightMapping.ROW_PAIR, Technology.TAOX, 200, 0,
                10, Drive.ONE_END, Sensing.CURRENT, seed++, 3)));
        cases.add(Arguments.of(new ValidationSuite.Case("nonlinear", 8, WeightMapping.SINGLE, t, 800, 0, 2.5,
                Drive.ONE_END, Sensing.VOLTAGE, seed++, 4)));
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("crossbars")
    void sinhCrossbarsMatchNgspiceAtEveryNode(ValidationSuite.Case testCase) {
        ValidationSuite.CaseResult r = ValidationSuite.run(testCase, NgspiceAvailable.orSkip());
        assertTrue(r.passed(), testCase.describe() + ": engine " + r.engine().summary() + " " + r.engine().failures()
                + "; reference " + r.reference().summary() + "; ngspice warnings " + r.spiceWarnings());
    }

    @Test
    void tabulatedDevicesMatchNgspiceInTheirPiecewiseForm() {
        Ngspice ngspice = NgspiceAvailable.orSkip();
        // a knee: slow below 0.3 V, fast above, asymmetric
        double[] v = {-1.5, -0.6, -0.2, 0, 0.15, 0.3, 0.45, 0.8, 1.5};
        double[] i = {-4e-4, -1.1e-4, -2.5e-5, 0, 1.6e-5, 3.5e-5, 9e-5, 3.2e-4, 1.4e-3};
        int[] lines = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        DeviceIv table = DeviceIv.Table.of("knee.csv", v, i, lines);
        for (double wire : new double[] {0, 2.5}) {
            CrossbarSpec spec = new ValidationSuite.Case("table", 6, WeightMapping.ROW_PAIR, Technology.TIO2, 800, 200,
                    wire, Drive.ONE_END, 900 + (long) wire).spec().withDevice(table);
            double[] input = InputBatch.random(1, 6, 1.0, 901).vector(0);
            CrossbarNetlist netlist = new CrossbarNetlist(spec, input);
            Ngspice.Run run = ngspice.run(netlist.text(List.of("table devices")));
            Map<String, String> alias = NgspiceCheck.aliases(netlist.circuit(), netlist.writer());
            SpiceCrossCheck.Result r = SpiceCrossCheck.compare(SpiceCrossCheck.named(new CircuitSolver().solve(
                    netlist.circuit())), run.operatingPoint(), alias::get);
            assertTrue(r.passed() && r.compared() > 40, "wire " + wire + ": " + r.summary() + " " + r.failures()
                    + " warnings " + run.warnings());
            // the engine: Newton's method with the line-relaxation solver inside
            org.xbar.circuit.CrossbarCircuit crossbar = netlist.crossbar();
            org.xbar.results.CrossbarSolution structured = new org.xbar.solve.LineRelaxationSolver().prepare(crossbar)
                    .solve(input);
            assertEquals(org.xbar.results.SolverStatistics.Path.STRUCTURED_NEWTON, structured.statistics().path());
            SpiceCrossCheck.Result engine = SpiceCrossCheck.compare(NgspiceCheck.crossbarValues(crossbar, input, structured),
                    run.operatingPoint(), alias::get);
            assertTrue(engine.passed() && engine.compared() > 40, "engine, wire " + wire + ": " + engine.summary() + " "
                    + engine.failures());
        }
    }
}
