package org.xbar.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.xbar.TestCrossbars;
import org.xbar.circuit.CrossbarCircuit;
import org.xbar.error.InvalidParameterException;
import org.xbar.model.AnalyticalModel;
import org.xbar.model.IdealModel;
import org.xbar.model.OutputModel;
import org.xbar.model.WireAwareModel;
import org.xbar.results.CrossbarSolution;
import org.xbar.results.OutputBatch;
import org.xbar.results.SolverStatistics;
import org.xbar.spec.CrossbarSpec;
import org.xbar.spec.DeviceIv;
import org.xbar.spec.Drive;
import org.xbar.spec.InputBatch;
import org.xbar.spec.Sensing;
import org.xbar.spec.WeightMapping;

/**
 * Crossbars of nonlinear devices on the generic exact path (the direct solver's Newton
 * iteration): the linear limit, Kirchhoff's law at every node with the devices' nonlinear
 * currents, a batch solved vector by vector, and the linear solvers and models refusing them.
 */
class NonlinearCrossbarTest {
    private static final DirectCrossbarSolver DIRECT = new DirectCrossbarSolver();

    private static CrossbarSolution solve(CrossbarSpec spec, double[] input) {
        return DIRECT.prepare(CrossbarCircuit.of(spec)).solve(input);
    }

    @Test
    void smallNonlinearityIsTheLinearSolve() {
        CrossbarSpec[] specs = {TestCrossbars.random(6, 5, WeightMapping.ROW_PAIR, 2.5, Drive.ONE_END, 3),
            TestCrossbars.random(7, 4, WeightMapping.SINGLE, 0, Drive.BOTH_ENDS, 4),
            TestCrossbars.random(5, 3, WeightMapping.COLUMN_PAIR, 1, Drive.ONE_END, 5)};
        for (CrossbarSpec linear : specs) {
            double[] input = InputBatch.random(1, linear.inputs(), 1.0, 9).vector(0);
            CrossbarSolution exact = solve(linear, input);
            CrossbarSolution nearly = solve(linear.withDevice(DeviceIv.sinh(1e-6)), input);
            assertEquals(SolverStatistics.Path.NEWTON, nearly.statistics().path());
            TestCrossbars.assertAllClose(linear + " outputs", nearly.outputs(), exact.outputs(), 1e-9, 1e-15);
            TestCrossbars.assertAllClose(linear + " row nodes", nearly.rowVoltages(), exact.rowVoltages(), 1e-9, 1e-12);
            TestCrossbars.assertAllClose(linear + " column nodes", nearly.columnVoltages(), exact.columnVoltages(), 1e-9,
                    1e-12);
        }
    }

    /** KCL at every row and column node of a single array with wires, drive at one end, current sensing. */
    @Test
    void kirchhoffsLawHoldsAtEveryNodeWithTheNonlinearCurrents() {
        for (DeviceIv law : new DeviceIv[] {DeviceIv.sinh(5), TestCrossbars.sampledSinh(4)}) {
            CrossbarSpec spec = TestCrossbars.random(6, 5, WeightMapping.SINGLE, 2.0, Drive.ONE_END, 11).withDevice(law);
            double[] input = InputBatch.random(1, 6, 1.2, 12).vector(0);
            double[][] device = assertKirchhoff(spec, input, DIRECT.prepare(CrossbarCircuit.of(spec)).solve(input));
            CrossbarSolution s = DIRECT.prepare(CrossbarCircuit.of(spec)).solve(input);
            // The output is the current through R_N, and the sum of the column's device currents.
            for (int j = 0; j < 5; j++) {
                double sum = 0;
                double scale = 0;
                for (int i = 0; i < 6; i++) {
                    sum += device[i][j];
                    scale = Math.max(scale, Math.abs(device[i][j]));
                }
                TestCrossbars.assertClose("output " + j, s.outputs()[j], sum, 1e-12, 0);
                TestCrossbars.assertClose("output " + j + " through R_N", s.outputs()[j],
                        s.columnVoltage(5, j) / spec.neuronOhms(j), 1e-6, 1e-7 * scale);
            }
        }
    }

    /**
     * Kirchhoff's current law with the devices' own currents at every row and column node of a
     * single array with wires, driven at one end, current-sensed: each node's currents sum to
     * within 1e-7 of the largest device current.
     *
     * @return the device currents, [row][column]
     */
    static double[][] assertKirchhoff(CrossbarSpec spec, double[] input, CrossbarSolution s) {
        CrossbarCircuit c = CrossbarCircuit.of(spec);
        DeviceIv law = spec.device();
        int rows = c.physicalRows();
        int cols = c.physicalColumns();
        double rowWire = spec.rowWireOhms();
        double colWire = spec.columnWireOhms();
        double scale = 0;
        double[][] device = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                device[i][j] = law.current(c.conductance(i, j), s.rowVoltage(i, j) - s.columnVoltage(i, j));
                scale = Math.max(scale, Math.abs(device[i][j]));
            }
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double vr = s.rowVoltage(i, j);
                double leaving = device[i][j]
                        + (j == 0 ? (vr - input[i]) / spec.sourceOhms(i) : (vr - s.rowVoltage(i, j - 1)) / rowWire)
                        + (j + 1 < cols ? (vr - s.rowVoltage(i, j + 1)) / rowWire : 0);
                TestCrossbars.assertClose(law.describe() + ": KCL at r" + i + "_" + j, leaving, 0, 0, 1e-7 * scale);
                double vc = s.columnVoltage(i, j);
                double out = -device[i][j] + (i > 0 ? (vc - s.columnVoltage(i - 1, j)) / colWire : 0)
                        + (i + 1 < rows ? (vc - s.columnVoltage(i + 1, j)) / colWire : vc / spec.neuronOhms(j));
                TestCrossbars.assertClose(law.describe() + ": KCL at c" + i + "_" + j, out, 0, 0, 1e-7 * scale);
            }
        }
        return device;
    }

    @Test
    void aTableSampledFromSinhSolvesAsTheSinhDevice() {
        CrossbarSpec spec = TestCrossbars.random(8, 6, WeightMapping.ROW_PAIR, 2.5, Drive.ONE_END, 21);
        double[] input = InputBatch.random(1, 8, 1.0, 22).vector(0);
        CrossbarSolution sinh = solve(spec.withDevice(DeviceIv.sinh(4)), input);
        CrossbarSolution table = solve(spec.withDevice(TestCrossbars.sampledSinh(4)), input);
        // 10 mV steps: the estimated tangents make the table (K h)^2 / 6 = 2.7e-4 stiffer than sinh at 0 V
        TestCrossbars.assertAllClose("outputs", table.outputs(), sinh.outputs(), 5e-4, 1e-12);
    }

    @Test
    void nonlinearOutputsAreNotLinearInTheInputsAndBatchesAreSolvedVectorByVector() {
        CrossbarSpec spec = TestCrossbars.random(4, 3, WeightMapping.SINGLE, 1.0, Drive.ONE_END, 31)
                .withDevice(DeviceIv.sinh(5));
        CrossbarSolver.Prepared prepared = DIRECT.prepare(CrossbarCircuit.of(spec));
        InputBatch batch = InputBatch.random(9, 4, 1.0, 32);
        OutputBatch all = prepared.solveBatch(batch);
        assertEquals(9, all.size(), "more vectors than inputs: no transfer matrix");
        for (int k = 0; k < batch.size(); k++) {
            TestCrossbars.assertAllClose("vector " + k, all.vector(k), prepared.solve(batch.vector(k)).outputs(), 1e-12, 0);
        }
        double[] v = batch.vector(0);
        double[] doubled = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            doubled[i] = 2 * v[i];
        }
        double[] once = prepared.solve(v).outputs();
        double[] twice = prepared.solve(doubled).outputs();
        double[] linearOnce = solve(spec.withDevice(DeviceIv.LINEAR), v).outputs();
        for (int j = 0; j < once.length; j++) {
            assertTrue(twice[j] > 2 * once[j] * (1 + 1e-3), "sinh devices conduct more at higher voltage: output " + j);
            assertTrue(once[j] > linearOnce[j], "and more than linear devices: output " + j);
        }
        assertEquals("device", assertThrows(InvalidParameterException.class, prepared::transferMatrix).parameter());
    }

    @Test
    void voltageSensedNonlinearColumnsFloatBetweenTheirInputs() {
        CrossbarSpec spec = TestCrossbars.random(5, 4, WeightMapping.SINGLE, 1.0, Drive.ONE_END, 41)
                .withSensing(Sensing.VOLTAGE).withDevice(DeviceIv.sinh(3));
        double[] input = {0.2, 0.9, 0.5, 0.1, 0.7};
        CrossbarSolution s = solve(spec, input);
        for (int j = 0; j < 4; j++) {
            assertTrue(s.outputs()[j] > 0.1 && s.outputs()[j] < 0.9, "between the inputs: " + s.outputs()[j]);
            TestCrossbars.assertClose("no current leaves a floating column " + j, s.columnCurrents()[j], 0, 0, 1e-12);
        }
    }

    @Test
    void theModelsAndTheTransferMatrixRefuseNonlinearDevices() {
        CrossbarSpec spec = TestCrossbars.random(4, 3, WeightMapping.ROW_PAIR, 1.0, Drive.ONE_END, 51)
                .withDevice(DeviceIv.sinh(2));
        CrossbarCircuit c = CrossbarCircuit.of(spec);
        InputBatch inputs = InputBatch.random(2, 4, 1.0, 52);
        assertEquals("device", assertThrows(InvalidParameterException.class,
                () -> new LineRelaxationSolver().prepare(c).transferMatrix()).parameter());
        assertEquals("device", assertThrows(InvalidParameterException.class,
                () -> new NodalEngine().transferMatrix(spec)).parameter());
        // the wire-aware model corrects nonlinear devices to first order, but has no matrix
        assertEquals("device", assertThrows(InvalidParameterException.class, () -> new WireAwareModel().prepare(spec))
                .parameter());
        assertEquals(2, new WireAwareModel().evaluate(spec, inputs).size());
        for (OutputModel model : new OutputModel[] {new AnalyticalModel(), new IdealModel()}) {
            assertEquals("device", assertThrows(InvalidParameterException.class, () -> model.evaluate(spec, inputs),
                    model.name()).parameter());
        }
        assertEquals("device", assertThrows(InvalidParameterException.class, () -> new AnalyticalModel().prepare(spec))
                .parameter());
        // the exact engine takes them, on either solver
        assertEquals(2, new NodalEngine(new DirectCrossbarSolver()).evaluate(spec, inputs).size());
        assertEquals(2, new NodalEngine().evaluate(spec, inputs).size());
    }
}
