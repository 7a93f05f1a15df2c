package org.xbar.solve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xbar.TestCrossbars.assertAllClose;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbar.TestCrossbars;
import org.xbar.circuit.CrossbarCircuit;
import org.xbar.results.CrossbarSolution;
import org.xbar.results.OutputBatch;
import org.xbar.spec.CrossbarSpec;
import org.xbar.spec.Drive;
import org.xbar.spec.InputBatch;
import org.xbar.spec.WeightMapping;

/**
 * The structured iterative solver and the sparse direct solver (through the generic element list)
 * agree to 1e-9 relative on the column currents, with and without wires, one- and two-ended.
 */
class SolverAgreementTest {

    static Stream<Arguments> crossbars() {
        List<Arguments> cases = new ArrayList<>();
        long seed = 40;
        for (Drive drive : Drive.values()) {
            for (double wire : new double[] {0, 0.5, 2.5, 10}) {
                cases.add(Arguments.of(TestCrossbars.random(32, 24, WeightMapping.SINGLE, wire, drive, seed++)));
                cases.add(Arguments.of(TestCrossbars.random(20, 20, WeightMapping.ROW_PAIR, wire, drive, seed++)));
                cases.add(Arguments.of(TestCrossbars.random(16, 12, WeightMapping.COLUMN_PAIR, wire, drive, seed++)));
            }
        }
        cases.add(Arguments.of(TestCrossbars.random(48, 48, WeightMapping.SINGLE, 2.5, Drive.ONE_END, 7)));
        for (double wire : new double[] {0, 2.5}) {
            cases.add(Arguments.of(TestCrossbars.random(24, 20, WeightMapping.ROW_PAIR, wire, Drive.BOTH_ENDS, seed++)
                    .withSensing(org.xbar.spec.Sensing.VOLTAGE)));
            cases.add(Arguments.of(TestCrossbars.random(20, 10, WeightMapping.COLUMN_PAIR, wire, Drive.ONE_END, seed++)
                    .withSensing(org.xbar.spec.Sensing.VOLTAGE)));
        }
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("crossbars")
    void iterativeMatchesDirect(CrossbarSpec spec) {
        CrossbarCircuit circuit = CrossbarCircuit.of(spec);
        InputBatch inputs = InputBatch.random(3, spec.inputs(), 1.0, 21);
        OutputBatch iterative = new LineRelaxationSolver().prepare(circuit).solveBatch(inputs);
        OutputBatch direct = new DirectCrossbarSolver().prepare(circuit).solveBatch(inputs);
        // Voltage-sensed outputs are voltages near 1 V, and a column pair's output is the small
        // difference of two of them: there the agreement is stated in volts, 1e-11 V.
        double outputAbs = spec.sensing() == org.xbar.spec.Sensing.VOLTAGE ? 1e-11 : 0;
        for (int k = 0; k < inputs.size(); k++) {
            assertAllClose(spec + " vector " + k, iterative.vector(k), direct.vector(k), 1e-9, outputAbs);
        }
        double[] v = inputs.vector(0);
        // A floating column carries no current: its device currents sum to zero up to rounding.
        double abs = spec.sensing() == org.xbar.spec.Sensing.VOLTAGE ? 1e-15 : 0;
        assertAllClose(spec + " physical column currents", new LineRelaxationSolver().prepare(circuit).solve(v).columnCurrents(),
                new DirectCrossbarSolver().prepare(circuit).solve(v).columnCurrents(), 1e-9, abs);
    }

    /** Node voltages agree too, to 1e-9 V at every node. */
    @Test
    void nodeVoltagesAgree() {
        CrossbarSpec spec = TestCrossbars.random(30, 30, WeightMapping.ROW_PAIR, 2.5, Drive.BOTH_ENDS, 12);
        CrossbarCircuit circuit = CrossbarCircuit.of(spec);
        double[] v = InputBatch.random(1, 30, 1.0, 2).vector(0);
        CrossbarSolution a = new LineRelaxationSolver().prepare(circuit).solve(v);
        CrossbarSolution b = new DirectCrossbarSolver().prepare(circuit).solve(v);
        assertAllClose("row voltages", a.rowVoltages(), b.rowVoltages(), 0, 1e-9);
        assertAllClose("column voltages", a.columnVoltages(), b.columnVoltages(), 0, 1e-9);
    }

    /** The iterative solver gives bit-for-bit the same answer on one thread and on several. */
    @Test
    void sameResultOnAnyThreadCount() {
        CrossbarSpec spec = TestCrossbars.random(200, 190, WeightMapping.SINGLE, 2.5, Drive.ONE_END, 5);
        assertTrue(200 * 190 >= LineRelaxationSolver.PARALLEL_THRESHOLD, "large enough to run in parallel");
        CrossbarCircuit circuit = CrossbarCircuit.of(spec);
        double[] v = InputBatch.random(1, 200, 1.0, 3).vector(0);
        double[] one = new LineRelaxationSolver(1e-13, 2000, 1).prepare(circuit).solve(v).outputs();
        double[] two = new LineRelaxationSolver(1e-13, 2000, 2).prepare(circuit).solve(v).outputs();
        double[] three = new LineRelaxationSolver(1e-13, 2000, 3).prepare(circuit).solve(v).outputs();
        assertArrayEquals(one, two, 0.0);
        assertArrayEquals(one, three, 0.0);
    }

    /**
     * The adjoint transfer matrix built by several workers at once (each a single-threaded copy of
     * the solver, taking outputs as they come) is bit for bit the one built by one solver.
     */
    @Test
    void adjointWorkersBuildTheSameMatrixAsOneSolver() {
        CrossbarSpec spec = TestCrossbars.random(90, 40, WeightMapping.ROW_PAIR, 2.5, Drive.ONE_END, 8);
        CrossbarCircuit circuit = CrossbarCircuit.of(spec);
        PreparedCrossbar three = (PreparedCrossbar) new LineRelaxationSolver(1e-11, 2000, 3).prepare(circuit);
        assertTrue(Math.min(three.workers(), spec.outputs() / TransferMatrix.PER_WORKER_OUTPUTS) > 1, "runs on workers");
        double[] one = new LineRelaxationSolver(1e-11, 2000, 1).prepare(circuit)
                .transferMatrix(TransferMatrix.Construction.PER_OUTPUT).siemens();
        TransferMatrix parallel = three.transferMatrix(TransferMatrix.Construction.PER_OUTPUT);
        assertArrayEquals(one, parallel.siemens(), 0.0);
        assertTrue(parallel.maxIterations() > 0);
    }
}
