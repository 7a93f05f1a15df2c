package org.xbar.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.xbar.TestCrossbars;
import org.xbar.circuit.Circuit;
import org.xbar.circuit.CrossbarCircuit;
import org.xbar.device.Quantizer;
import org.xbar.device.Technology;
import org.xbar.device.WeightMapper;
import org.xbar.results.CircuitSolution;
import org.xbar.results.CrossbarSolution;
import org.xbar.results.SolverStatistics;
import org.xbar.solve.newton.NewtonOptions;
import org.xbar.solve.newton.NewtonSolver;
import org.xbar.solve.sparse.MemoryBudget;
import org.xbar.spec.CrossbarSpec;
import org.xbar.spec.DeviceIv;
import org.xbar.spec.Drive;
import org.xbar.spec.InputBatch;
import org.xbar.spec.Sensing;
import org.xbar.spec.WeightMapping;

/**
 * Newton's method with the line-relaxation solver inside ({@link CrossbarNewton}) against the
 * generic Newton solver on the whole circuit (which matches ngspice, {@code NonlinearNgspiceTest}):
 * every mapping, drive and sensing, sinh devices from mild to strong and a table; its own answers
 * hold Kirchhoff's current law at every node; a failing step hands the vector to the generic
 * solver; the step limiting behaves as ngspice's {@code pnjlim}.
 */
class StructuredNewtonTest {
    private static final DirectCrossbarSolver GENERIC = new DirectCrossbarSolver();
    private static final LineRelaxationSolver STRUCTURED = new LineRelaxationSolver();

    private static CrossbarSpec[] crossbars() {
        return new CrossbarSpec[] {TestCrossbars.random(12, 9, WeightMapping.SINGLE, 2.5, Drive.ONE_END, 101),
            TestCrossbars.random(10, 8, WeightMapping.ROW_PAIR, 1.0, Drive.BOTH_ENDS, 102),
            TestCrossbars.random(9, 11, WeightMapping.COLUMN_PAIR, 0, Drive.ONE_END, 103),
            TestCrossbars.random(8, 6, WeightMapping.SINGLE, 2.5, Drive.ONE_END, 104).withSensing(Sensing.VOLTAGE),
            withEnds(7, 7, 4.0, 105, new double[] {0, 300, 0, 500, 0, 200, 0}, new double[] {100, 20, 150, 60, 90, 10, 30}),
            withEnds(6, 5, 3.0, 106, new double[] {400, 300, 700, 500, 250, 200}, new double[] {0, 100, 0, 50, 0}),
            withEnds(5, 4, 0, 109, new double[] {0, 300, 0, 500, 200}, new double[] {0, 100, 0, 50}),
            TestCrossbars.random(1, 6, WeightMapping.SINGLE, 2.0, Drive.ONE_END, 107),
            TestCrossbars.random(6, 1, WeightMapping.SINGLE, 2.0, Drive.ONE_END, 108)};
    }

    /** A single array whose drivers or neurons are ideal (0 ohm) where the arrays say so. */
    private static CrossbarSpec withEnds(int rows, int cols, double wire, long seed, double[] sourceOhms, double[] neuronOhms) {
        return new WeightMapper(new Quantizer(Technology.TIO2, 4)).random(rows, cols, WeightMapping.SINGLE, seed).toSpec()
                .sourceOhms(sourceOhms).neuronOhms(neuronOhms).wireOhms(wire, wire * 1.3).build();
    }

    /**
     * Both Newton solvers stop at ngspice's tolerances (reltol 1e-3) after quadratic convergence, but
     * not necessarily at the same step (the structured one limits sinh steps; the generic one does
     * not): each is held to a reference converged to reltol 1e-10, within 1e-5 of the largest value
     * (measured: 1e-13 to 6e-7 for both; K = 12 at 12x9 took the generic solver 12 steps and the
     * structured one 6).
     */
    @Test
    void agreesWithATightlyConvergedGenericSolveOnEveryConfiguration() {
        DeviceIv[] laws = {DeviceIv.sinh(0.5), DeviceIv.sinh(4), DeviceIv.sinh(12), TestCrossbars.sampledSinh(3),
            new DeviceIv.DiodeSelector(1e-14, 1, Double.NaN), new DeviceIv.DiodeSelector(1e-12, 1.3, 0.4)};
        NewtonSolver tight = new NewtonSolver(NewtonOptions.DEFAULT.withTolerances(1e-10, 1e-11, 1e-16));
        NewtonSolver selectorReference = new NewtonSolver(NewtonOptions.DEFAULT.withTolerances(1e-8, 1e-9, 1e-15));
        int seed = 0;
        for (CrossbarSpec linear : crossbars()) {
            for (DeviceIv law : laws) {
                if (law instanceof DeviceIv.DiodeSelector && linear.sensing() == Sensing.VOLTAGE) {
                    // floating columns behind selectors float on GMIN-level reverse currents: no tight reference
                    continue;
                }
                CrossbarSpec spec = linear.withDevice(law);
                CrossbarCircuit circuit = CrossbarCircuit.of(spec);
                double[] input = InputBatch.random(1, spec.inputs(), 1.2, ++seed).vector(0);
                Circuit generic = circuit.toCircuit(java.util.Arrays.copyOf(input, circuit.inputs()));
                // a reverse-biased selector sets its node by GMIN-level currents: 1e-8 is as tight as Newton gets there
                CircuitSolution reference = (law instanceof DeviceIv.DiodeSelector ? selectorReference : tight).solve(generic);
                CrossbarSolution structured = STRUCTURED.prepare(circuit).solve(input);
                CrossbarSolution direct = GENERIC.prepare(circuit).solve(input);
                String what = spec + " " + law.describe();
                assertEquals(SolverStatistics.Path.STRUCTURED_NEWTON, structured.statistics().path(), what);
                assertTrue(structured.statistics().iterations() >= 2, what + ": at least two Newton steps");
                int rows = circuit.physicalRows();
                int cols = circuit.physicalColumns();
                double[] rowRef = new double[rows * cols];
                double[] colRef = new double[rows * cols];
                double scale = 0;
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < cols; j++) {
                        rowRef[i * cols + j] = reference.voltage(generic.nodeIndex(CrossbarCircuit.rowNode(i, j)));
                        colRef[i * cols + j] = reference.voltage(generic.nodeIndex(CrossbarCircuit.columnNode(i, j)));
                        scale = Math.max(scale, Math.max(Math.abs(rowRef[i * cols + j]), Math.abs(colRef[i * cols + j])));
                    }
                }
                for (CrossbarSolution s : new CrossbarSolution[] {structured, direct}) {
                    String who = what + " " + s.statistics().solver();
                    TestCrossbars.assertAllClose(who + " row nodes", s.rowVoltages(), rowRef, 0, 1e-5 * scale);
                    TestCrossbars.assertAllClose(who + " column nodes", s.columnVoltages(), colRef, 0, 1e-5 * scale);
                }
                TestCrossbars.assertAllClose(what + " outputs", structured.outputs(), direct.outputs(), 1e-4,
                        1e-6 * maxAbs(direct.outputs()));
            }
        }
    }

    @Test
    void aTinyNonlinearityIsTheLinearSolveInTwoSteps() {
        CrossbarSpec linear = TestCrossbars.random(16, 12, WeightMapping.ROW_PAIR, 2.5, Drive.ONE_END, 111);
        double[] input = InputBatch.random(1, linear.inputs(), 1.0, 112).vector(0);
        CrossbarSolution exact = STRUCTURED.prepare(CrossbarCircuit.of(linear)).solve(input);
        CrossbarSolution nearly = STRUCTURED.prepare(CrossbarCircuit.of(linear.withDevice(DeviceIv.sinh(1e-6)))).solve(input);
        assertEquals(2, nearly.statistics().iterations(), "the linear solve, then one step that confirms it");
        TestCrossbars.assertAllClose("outputs", nearly.outputs(), exact.outputs(), 1e-9, 1e-15);
    }

    /** KCL with the devices' own currents at every row and column node, on the structured solver's answer. */
    @Test
    void kirchhoffsLawHoldsAtEveryNode() {
        for (DeviceIv law : new DeviceIv[] {DeviceIv.sinh(6), TestCrossbars.sampledSinh(4)}) {
            CrossbarSpec spec = TestCrossbars.random(24, 20, WeightMapping.SINGLE, 2.0, Drive.ONE_END, 121).withDevice(law);
            double[] input = InputBatch.random(1, 24, 1.2, 122).vector(0);
            CrossbarSolution s = STRUCTURED.prepare(CrossbarCircuit.of(spec)).solve(input);
            assertEquals(SolverStatistics.Path.STRUCTURED_NEWTON, s.statistics().path());
            NonlinearCrossbarTest.assertKirchhoff(spec, input, s);
        }
    }

    @Test
    void aBatchIsSolvedVectorByVectorWithTheSameAnswers() {
        CrossbarSpec spec = TestCrossbars.random(20, 10, WeightMapping.SINGLE, 2.5, Drive.ONE_END, 131)
                .withDevice(DeviceIv.sinh(5));
        CrossbarSolver.Prepared prepared = STRUCTURED.prepare(CrossbarCircuit.of(spec));
        InputBatch batch = InputBatch.random(30, 20, 1.0, 132);
        var all = prepared.solveBatch(batch);
        assertEquals(30, all.size(), "more vectors than outputs: still no transfer matrix");
        for (int k = 0; k < batch.size(); k++) {
            TestCrossbars.assertAllClose("vector " + k, all.vector(k), prepared.solve(batch.vector(k)).outputs(), 0, 0);
        }
    }

    /** A linear step that cannot converge (its running estimate lies) hands the vector to the generic Newton solver. */
    @Test
    void aFailingStepHandsTheVectorToTheGenericSolver() {
        CrossbarSpec spec = TestCrossbars.random(10, 8, WeightMapping.SINGLE, 2.5, Drive.ONE_END, 141)
                .withDevice(DeviceIv.sinh(4));
        LineRelaxationSolver lying = new LineRelaxationSolver(1e-11, 2000, 1, MemoryBudget.HEAP, (iteration, norm) -> 0.0,
                c -> (PreparedCrossbar) GENERIC.prepare(c));
        double[] input = InputBatch.random(1, 10, 1.0, 142).vector(0);
        CrossbarSolution s = lying.prepare(CrossbarCircuit.of(spec)).solve(input);
        CrossbarSolution generic = GENERIC.prepare(CrossbarCircuit.of(spec)).solve(input);
        assertEquals(SolverStatistics.Path.NEWTON, s.statistics().path());
        TestCrossbars.assertAllClose("outputs", s.outputs(), generic.outputs(), 0, 0);
    }

    @Test
    void stepLimitingFollowsPnjlimWithOneOverKAsTheThermalVoltage() {
        CrossbarSpec spec = TestCrossbars.random(2, 2, WeightMapping.SINGLE, 0, Drive.ONE_END, 151).withDevice(DeviceIv.sinh(10));
        CrossbarNewton newton = new CrossbarNewton(CrossbarCircuit.of(spec), NewtonOptions.DEFAULT);
        double vt = 0.1;
        // inside 3/K, or a step of at most 2/K: untouched
        assertEquals(0.29, newton.limit(0.29, -2.0), 0);
        assertEquals(0.8, newton.limit(0.8, 0.65), 0);
        // outward from a positive start: old + vt ln(1 + step/vt)
        assertEquals(0.5 + vt * Math.log(1 + 0.5 / vt), newton.limit(1.0, 0.5), 1e-15);
        // odd in V
        assertEquals(-(0.5 + vt * Math.log(1 + 0.5 / vt)), newton.limit(-1.0, -0.5), 1e-15);
        // from the other side of 0: vt ln(v / vt)
        assertEquals(vt * Math.log(1.0 / vt), newton.limit(1.0, -0.1), 1e-15);
        // every limited step is shorter than the step asked for and keeps its direction
        for (double v = -3; v <= 3; v += 0.37) {
            for (double old = -3; old <= 3; old += 0.41) {
                double limited = newton.limit(v, old);
                assertTrue(Math.abs(limited - old) <= Math.abs(v - old) + 1e-15 || Math.abs(limited) <= 3 * vt + 1e-15,
                        v + " from " + old + " -> " + limited);
            }
        }
    }

    /** The one-exponential sinh and cosh of the Newton loop against java.lang.Math's, across the cancellation threshold. */
    @Test
    void sinhAndCoshFromOneExponentialMatchTheLibrary() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(161);
        for (int n = 0; n < 200_000; n++) {
            double x = (random.nextBoolean() ? 1 : -1) * Math.pow(10, -12 + 14 * random.nextDouble());
            TestCrossbars.assertClose("sinh(" + x + ")", CrossbarNewton.sinh(x), Math.sinh(x), 1e-15, 0);
            TestCrossbars.assertClose("cosh(" + x + ")", CrossbarNewton.cosh(x), Math.cosh(x), 1e-15, 0);
        }
        for (double x : new double[] {0.0, -0.0, 0.5, -0.5, Math.nextDown(0.5), 700, -700}) {
            TestCrossbars.assertClose("sinh(" + x + ")", CrossbarNewton.sinh(x), Math.sinh(x), 1e-15, 0);
            TestCrossbars.assertClose("cosh(" + x + ")", CrossbarNewton.cosh(x), Math.cosh(x), 1e-15, 0);
        }
    }

    private static double maxAbs(double[] values) {
        double m = 0;
        for (double v : values) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
