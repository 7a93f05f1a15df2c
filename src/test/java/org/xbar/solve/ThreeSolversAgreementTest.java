package org.xbar.solve;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xbar.TestCrossbars.assertAllClose;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbar.TestCrossbars;
import org.xbar.circuit.CrossbarCircuit;
import org.xbar.results.CrossbarSolution;
import org.xbar.spec.CrossbarSpec;
import org.xbar.spec.Drive;
import org.xbar.spec.InputBatch;
import org.xbar.spec.Sensing;
import org.xbar.spec.WeightMapping;

/**
 * Three opinions, node by node: our line relaxation ({@link LineRelaxationSolver}, tolerance
 * 1e-13), CSparseJ's sparse Cholesky on our own assembly ({@link DirectCrossbarSolver}) and
 * SuanShu's conjugate gradients on an assembly written independently of ours
 * ({@link SuanShuCrossbarSolver}, whose Javadoc says what it shares with the others: the physical
 * lowering of the spec in {@link CrossbarCircuit}). On seeded crossbars with and without wires,
 * one- and two-ended, every weight mapping, current and voltage sensing, ideal drivers and senses,
 * every row and column node voltage and every output agrees within {@code 1e-9 * max(|a|, |b|)}
 * (node voltages with a floor of 1e-13 V, inputs being up to 1 V), from 6x8 up to a 64x64 row pair
 * with wires (16,384 unknowns). Measured: the worst difference was 2.2e-11 relative (SuanShu against
 * Cholesky, an 8x8 row pair with 2.5 ohm wires), 45 times inside; SuanShu's CG took 10 to 960
 * iterations a solve.
 */
class ThreeSolversAgreementTest {
    private static final double REL = 1e-9;
    /**
     * Volts: inputs are up to 1 V, and an iterative solver's accuracy is relative to that scale, so a
     * node near a virtual ground (the 64x64 case has column nodes at 2.5e-6 V, 6e-15 V apart between
     * SuanShu and Cholesky: 2.4e-9 of the node, 6e-15 of the scale) gets a floor of 1e-13 of it.
     */
    private static final double ABS_VOLTS = 1e-13;

    static Stream<Arguments> crossbars() {
        List<Arguments> cases = new ArrayList<>();
        long seed = 500;
        for (Drive drive : Drive.values()) {
            for (double wire : new double[] {0, 2.5}) {
                cases.add(Arguments.of(TestCrossbars.random(12, 10, WeightMapping.SINGLE, wire, drive, seed++)));
                cases.add(Arguments.of(TestCrossbars.random(8, 8, WeightMapping.ROW_PAIR, wire, drive, seed++)));
                cases.add(Arguments.of(TestCrossbars.random(8, 6, WeightMapping.COLUMN_PAIR, wire, drive, seed++)));
            }
        }
        cases.add(Arguments.of(TestCrossbars.random(16, 16, WeightMapping.SINGLE, 10, Drive.ONE_END, seed++)));
        // medium: 64x64 row pair with wires, 16,384 unknowns
        cases.add(Arguments.of(TestCrossbars.random(64, 64, WeightMapping.ROW_PAIR, 2.5, Drive.ONE_END, seed++)));
        cases.add(Arguments.of(TestCrossbars.random(10, 8, WeightMapping.ROW_PAIR, 2.5, Drive.BOTH_ENDS, seed++)
                .withSensing(Sensing.VOLTAGE)));
        cases.add(Arguments.of(TestCrossbars.random(9, 6, WeightMapping.COLUMN_PAIR, 0, Drive.ONE_END, seed++)
                .withSensing(Sensing.VOLTAGE)));
        cases.add(Arguments.of(TestCrossbars.random(12, 8, WeightMapping.SINGLE, 1, Drive.BOTH_ENDS, seed++)
                .withTerminations(0, 0)));
        cases.add(Arguments.of(TestCrossbars.random(10, 10, WeightMapping.SINGLE, 0, Drive.ONE_END, seed++).withWires(2, 0)));
        cases.add(Arguments.of(TestCrossbars.random(10, 10, WeightMapping.ROW_PAIR, 0, Drive.BOTH_ENDS, seed++).withWires(0, 2)));
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("crossbars")
    void everyNodeAgrees(CrossbarSpec spec) {
        CrossbarCircuit circuit = CrossbarCircuit.of(spec);
        double[] v = InputBatch.random(1, spec.inputs(), 1.0, 77).vector(0);
        CrossbarSolution relaxation = new LineRelaxationSolver(1e-13, LineRelaxationSolver.DEFAULT_MAX_ITERATIONS, 1)
                .prepare(circuit).solve(v);
        CrossbarSolution cholesky = new DirectCrossbarSolver().prepare(circuit).solve(v);
        CrossbarSolution suanshu = new SuanShuCrossbarSolver().prepare(circuit).solve(v);
        assertTrue(suanshu.statistics().iterations() > 0, "SuanShu's CG ran: " + suanshu.statistics());
        agree(spec + ": SuanShu CG against CSparseJ Cholesky", suanshu, cholesky);
        agree(spec + ": SuanShu CG against line relaxation", suanshu, relaxation);
        agree(spec + ": line relaxation against CSparseJ Cholesky", relaxation, cholesky);
    }

    private static void agree(String what, CrossbarSolution a, CrossbarSolution b) {
        assertAllClose(what + ", row node voltages", a.rowVoltages(), b.rowVoltages(), REL, ABS_VOLTS);
        assertAllClose(what + ", column node voltages", a.columnVoltages(), b.columnVoltages(), REL, ABS_VOLTS);
        assertAllClose(what + ", outputs", a.outputs(), b.outputs(), REL, 0);
    }
}
