package org.xbar.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xbar.TestCrossbars.assertAllClose;
import static org.xbar.TestCrossbars.assertClose;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbar.TestCrossbars;
import org.xbar.circuit.Circuit;
import org.xbar.circuit.CrossbarCircuit;
import org.xbar.results.CrossbarSolution;
import org.xbar.results.OutputBatch;
import org.xbar.spec.ConductanceMatrix;
import org.xbar.spec.CrossbarSpec;
import org.xbar.spec.Drive;
import org.xbar.spec.InputBatch;
import org.xbar.spec.Sensing;
import org.xbar.error.SingularCircuitException;
import org.xbar.spec.WeightMapping;

/**
 * The contract every {@link CrossbarSolver} must meet: hand-solved circuits, Kirchhoff's current
 * law at every node, linearity and superposition. Subclassed once per implementation.
 */
abstract class CrossbarSolverContract {
    private static final double MS = 1e-3;

    /** @return the solver under test */
    abstract CrossbarSolver solver();

    private CrossbarSolution solve(CrossbarSpec spec, double... volts) {
        return solver().prepare(CrossbarCircuit.of(spec)).solve(volts);
    }

    /**
     * 2x2 without wires: G = [[1, 2], [3, 4]] mS, R_S = 1 kohm, R_N = 500 ohm, V = (1, 2) V.
     * Row nodes a, b and column nodes c, d (conductances in mS, currents in mA):
     * 4a - c - 2d = 1; 8b - 3c - 4d = 2; 6c = a + 3b; 8d = 2a + 4b, so a = 10/17, b = 98/153,
     * c = 64/153, d = 143/306 V and the outputs are 2 c = 128/153 mA and 2 d = 143/153 mA.
     */
    @Test
    void handSolvedTwoByTwo() {
        CrossbarSpec spec = CrossbarSpec.single(ConductanceMatrix.of(new double[][] {{1 * MS, 2 * MS}, {3 * MS, 4 * MS}}))
                .sourceOhms(1000).neuronOhms(500).build();
        CrossbarSolution s = solve(spec, 1, 2);
        assertAllClose("outputs", s.outputs(), new double[] {128.0 / 153 * MS, 143.0 / 153 * MS}, 1e-12, 0);
        assertClose("v(r0_1)", s.voltage("r0_1"), 10.0 / 17, 1e-12, 0);
        assertClose("v(r1_0)", s.voltage("r1_0"), 98.0 / 153, 1e-12, 0);
        assertClose("v(c1_0)", s.voltage("c1_0"), 64.0 / 153, 1e-12, 0);
        assertClose("v(c0_1)", s.voltage("c0_1"), 143.0 / 306, 1e-12, 0);
    }

    /**
     * 3x2 with row wires only: G = [[1, 1], [2, 1], [1, 2]] mS, R_S = 1 kohm, 1 kohm per row wire
     * segment, R_N = 0 and ideal column wires (the columns sit at ground), V = (1, 1, 1) V. Each
     * row is a ladder: row 0 gives (x0, x1) = (2/5, 1/5) V, row 1 (2/7, 1/7), row 2 (3/8, 1/8), so
     * the outputs are 2/5 + 4/7 + 3/8 = 377/280 mA and 1/5 + 1/7 + 2/8 = 166/280 mA.
     */
    @Test
    void handSolvedThreeByTwoWithRowWires() {
        CrossbarSpec spec = CrossbarSpec.single(threeByTwo()).sourceOhms(1000).neuronOhms(0).wireOhms(1000, 0).build();
        CrossbarSolution s = solve(spec, 1, 1, 1);
        assertAllClose("outputs", s.outputs(), new double[] {377.0 / 280 * MS, 166.0 / 280 * MS}, 1e-12, 0);
        assertClose("v(r2_0)", s.voltage("r2_0"), 3.0 / 8, 1e-12, 0);
        assertClose("v(r1_1)", s.voltage("r1_1"), 1.0 / 7, 1e-12, 0);
        assertClose("v(c0_0)", s.voltage("c0_0"), 0.0, 0, 1e-15);
    }

    /**
     * 3x2 with column wires only: the same G, R_S = 0 (rows at their drivers' 1 V), 1 kohm per
     * column wire segment, R_N = 1 kohm. Column 0 (devices 1, 2, 1 mS): 2y0 - y1 = 1,
     * 4y1 - y0 - y2 = 2, 3y2 - y1 = 1, so y1 = 17/19 and y2 = 12/19 V: output 12/19 mA. Column 1
     * (1, 1, 2 mS): y1 = 8/9, y2 = 13/18 V: output 13/18 mA.
     */
    @Test
    void handSolvedThreeByTwoWithColumnWires() {
        CrossbarSpec spec = CrossbarSpec.single(threeByTwo()).sourceOhms(0).neuronOhms(1000).wireOhms(0, 1000).build();
        CrossbarSolution s = solve(spec, 1, 1, 1);
        assertAllClose("outputs", s.outputs(), new double[] {12.0 / 19 * MS, 13.0 / 18 * MS}, 1e-12, 0);
        assertClose("v(c1_0)", s.voltage("c1_0"), 17.0 / 19, 1e-12, 0);
        assertClose("v(c1_1)", s.voltage("c1_1"), 8.0 / 9, 1e-12, 0);
        assertClose("v(r2_1)", s.voltage("r2_1"), 1.0, 1e-15, 0);
    }

    /**
     * Voltage sensing, 2x1 without wires: devices 1 and 3 mS, R_S = 1 kohm, V = (1, 0) V, the
     * column floats. Rows a, b and column c: 2a - c = 1, 4b = 3c, 4c = a + 3b, so c = 0.4 V,
     * a = 0.7 V, b = 0.3 V.
     */
    @Test
    void handSolvedFloatingColumn() {
        CrossbarSpec spec = CrossbarSpec.single(ConductanceMatrix.of(new double[][] {{1 * MS}, {3 * MS}}))
                .sourceOhms(1000).sensing(Sensing.VOLTAGE).build();
        CrossbarSolution s = solve(spec, 1, 0);
        assertAllClose("output", s.outputs(), new double[] {0.4}, 1e-12, 0);
        assertClose("v(r0_0)", s.voltage("r0_0"), 0.7, 1e-12, 0);
        assertClose("v(r1_0)", s.voltage("r1_0"), 0.3, 1e-12, 0);
        assertClose("column current", s.columnCurrents()[0], 0, 0, 1e-15);
    }

    /**
     * Voltage sensing with column wires: the 3x2 G above, R_S = 0, 1 kohm per column wire segment,
     * V = (1, 0, 0) V. Column 0 (1, 2, 1 mS): 2y0 - y1 = 1, 4y1 = y0 + y2, 2y2 = y1, so the
     * output y2 = 1/12 V; column 1 (1, 1, 2 mS): y1 = 3/13, y2 = 1/13 V.
     */
    @Test
    void handSolvedFloatingColumnsWithWires() {
        CrossbarSpec spec = CrossbarSpec.single(threeByTwo()).sourceOhms(0).wireOhms(0, 1000).sensing(Sensing.VOLTAGE).build();
        CrossbarSolution s = solve(spec, 1, 0, 0);
        assertAllClose("outputs", s.outputs(), new double[] {1.0 / 12, 1.0 / 13}, 1e-12, 0);
        assertClose("v(c0_0)", s.voltage("c0_0"), 7.0 / 12, 1e-12, 0);
        assertClose("v(c1_1)", s.voltage("c1_1"), 3.0 / 13, 1e-12, 0);
    }

    @Test
    void floatingColumnWithoutDevicesIsNamed() {
        CrossbarSpec spec = CrossbarSpec.single(ConductanceMatrix.of(new double[][] {{1 * MS, 0}, {2 * MS, 0}}))
                .sourceOhms(100).wireOhms(1).sensing(Sensing.VOLTAGE).build();
        SingularCircuitException e = assertThrows(SingularCircuitException.class,
                () -> solver().prepare(CrossbarCircuit.of(spec)).solve(new double[] {1, 1}));
        assertTrue(e.nodes().contains("c0_1") && e.nodes().contains("c1_1"), e.getMessage());
    }

    private static ConductanceMatrix threeByTwo() {
        return ConductanceMatrix.of(new double[][] {{1 * MS, 1 * MS}, {2 * MS, 1 * MS}, {1 * MS, 2 * MS}});
    }

    static Stream<Arguments> randomCrossbars() {
        return randomCrossbars(Integer.MAX_VALUE);
    }

    /**
     * The same configurations as {@link #randomCrossbars()} (mappings, drives, wires, ideal
     * terminations, sensing) on arrays of at most {@code maxSide} rows and columns, for a solver
     * too slow for the full sizes.
     *
     * @param maxSide the longest side, input rows or outputs
     * @return the cases
     */
    static Stream<Arguments> randomCrossbars(int maxSide) {
        List<Arguments> cases = new ArrayList<>();
        long seed = 1;
        for (WeightMapping mapping : WeightMapping.values()) {
            for (Drive drive : Drive.values()) {
                for (double wire : new double[] {0, 2.5}) {
                    cases.add(Arguments.of(capped(maxSide, 9, 7, mapping, wire, drive, seed++)));
                }
            }
        }
        cases.add(Arguments.of(capped(maxSide, 12, 5, WeightMapping.ROW_PAIR, 10, Drive.ONE_END, 99)
                .withTerminations(0, 150)));
        cases.add(Arguments.of(capped(maxSide, 6, 11, WeightMapping.SINGLE, 1, Drive.BOTH_ENDS, 98)
                .withTerminations(500, 0)));
        cases.add(Arguments.of(capped(maxSide, 5, 4, WeightMapping.SINGLE, 2, Drive.BOTH_ENDS, 97)
                .withTerminations(0, 0)));
        cases.add(Arguments.of(capped(maxSide, 8, 8, WeightMapping.COLUMN_PAIR, 0, Drive.ONE_END, 96).withWires(3, 0)));
        cases.add(Arguments.of(capped(maxSide, 8, 8, WeightMapping.ROW_PAIR, 0, Drive.BOTH_ENDS, 95).withWires(0, 3)));
        for (WeightMapping mapping : WeightMapping.values()) {
            cases.add(Arguments.of(capped(maxSide, 9, 6, mapping, 2.5, Drive.ONE_END, seed++).withSensing(Sensing.VOLTAGE)));
            cases.add(Arguments.of(capped(maxSide, 7, 5, mapping, 0, Drive.BOTH_ENDS, seed++).withSensing(Sensing.VOLTAGE)));
        }
        cases.add(Arguments.of(capped(maxSide, 6, 6, WeightMapping.SINGLE, 1, Drive.ONE_END, seed++)
                .withTerminations(0, 0).withSensing(Sensing.VOLTAGE)));
        return cases.stream();
    }

    private static CrossbarSpec capped(int maxSide, int rows, int cols, WeightMapping mapping, double wire, Drive drive,
            long seed) {
        return TestCrossbars.random(Math.min(rows, maxSide), Math.min(cols, maxSide), mapping, wire, drive, seed);
    }

    /**
     * Kirchhoff's current law at every node of the full circuit (drivers, wires, devices, senses),
     * evaluated from the solver's node voltages with the circuit's own elements.
     */
    @ParameterizedTest
    @MethodSource("randomCrossbars")
    void kirchhoffCurrentLawAtEveryNode(CrossbarSpec spec) {
        CrossbarCircuit crossbar = CrossbarCircuit.of(spec);
        double[] volts = InputBatch.random(1, spec.inputs(), 1.0, 5).vector(0);
        CrossbarSolution s = solver().prepare(crossbar).solve(volts);
        // the residual the statistics report must be that of the solution returned
        assertTrue(s.statistics().relativeResidual() < 1e-10, "reported residual " + s.statistics().relativeResidual());
        Circuit circuit = crossbar.toCircuit(volts);
        double[] v = new double[circuit.nodeCount()];
        double[] drive = new double[crossbar.physicalRows()];
        crossbar.driveVolts(volts, drive);
        for (int node = 1; node < v.length; node++) {
            String name = circuit.nodeName(node);
            if (name.startsWith("in")) {
                int end = name.indexOf('_');
                v[node] = drive[Integer.parseInt(name.substring(2, end < 0 ? name.length() : end))];
            } else if (!name.startsWith("out")) {
                v[node] = s.voltage(name);
            }
        }
        // Nodes joined by 0-ohm wires form one group: KCL holds for the group, not each node.
        int[] group = new int[v.length];
        for (int node = 0; node < v.length; node++) {
            group[node] = node;
        }
        Circuit.ElementList r = circuit.resistors();
        for (int k = 0; k < r.size(); k++) {
            if (r.value(k) == 0) {
                assertClose("shorted " + r.name(k), v[r.first(k)], v[r.second(k)], 1e-12, 1e-15);
                union(group, r.first(k), r.second(k));
            }
        }
        double[] net = new double[v.length];
        double[] gross = new double[v.length];
        double[] columnSum = new double[crossbar.physicalColumns()];
        for (int k = 0; k < r.size(); k++) {
            if (r.value(k) == 0) {
                continue;
            }
            int a = find(group, r.first(k));
            int b = find(group, r.second(k));
            double amps = (v[r.first(k)] - v[r.second(k)]) / r.value(k);
            net[a] -= amps;
            net[b] += amps;
            gross[a] += Math.abs(amps);
            gross[b] += Math.abs(amps);
            if (r.name(k).startsWith("rn")) {
                columnSum[Integer.parseInt(r.name(k).substring(2))] += amps;
            }
        }
        double scale = 0;
        for (double g : gross) {
            scale = Math.max(scale, g);
        }
        boolean[] fixedGroup = new boolean[v.length];
        fixedGroup[find(group, 0)] = true;
        for (int node = 1; node < v.length; node++) {
            String name = circuit.nodeName(node);
            if (name.startsWith("in") || name.startsWith("out")) {
                fixedGroup[find(group, node)] = true;
            }
        }
        int checked = 0;
        for (int node = 1; node < v.length; node++) {
            int g = find(group, node);
            if (g == node && !fixedGroup[g]) {
                assertClose("KCL at the group of " + circuit.nodeName(node) + " (net current)", net[g], 0, 0, 1e-9 * scale);
                checked++;
            }
        }
        assertTrue(checked >= crossbar.physicalRows() + crossbar.physicalColumns() - 2, "KCL checked at " + checked + " groups");
        double[] columns = s.columnCurrents();
        for (int q = 0; q < columns.length; q++) {
            if (spec.sensing() == Sensing.CURRENT && spec.neuronOhms(crossbar.outputOfColumn(q)) > 0) {
                assertClose("current through rn" + q, columns[q], columnSum[q], 1e-9, 1e-10 * scale);
            }
        }
    }

    private static int find(int[] parent, int k) {
        while (parent[k] != k) {
            k = parent[k];
        }
        return k;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }

    /** Outputs are linear in the inputs: I(aV1 + bV2) = a I(V1) + b I(V2). */
    @ParameterizedTest
    @MethodSource("randomCrossbars")
    void superposition(CrossbarSpec spec) {
        CrossbarSolver.Prepared prepared = solver().prepare(CrossbarCircuit.of(spec));
        InputBatch inputs = InputBatch.random(2, spec.inputs(), 1.0, 11);
        double[] v1 = inputs.vector(0);
        double[] v2 = inputs.vector(1);
        double[] mix = new double[v1.length];
        for (int i = 0; i < mix.length; i++) {
            mix[i] = 0.7 * v1[i] - 1.9 * v2[i];
        }
        double[] i1 = prepared.solve(v1).outputs();
        double[] i2 = prepared.solve(v2).outputs();
        double[] expected = new double[i1.length];
        double scale = 0;
        for (int j = 0; j < expected.length; j++) {
            expected[j] = 0.7 * i1[j] - 1.9 * i2[j];
            scale = Math.max(scale, Math.abs(i1[j]) + Math.abs(i2[j]));
        }
        assertAllClose("I(0.7 V1 - 1.9 V2)", prepared.solve(mix).outputs(), expected, 1e-9, 1e-11 * scale);
        double[] zero = prepared.solve(new double[v1.length]).outputs();
        for (double z : zero) {
            assertEquals(0.0, z, 0.0, "zero input gives zero output");
        }
    }

    /** A batch gives exactly what vector-by-vector solves give. */
    @Test
    void batchMatchesSingleSolves() {
        CrossbarSpec spec = TestCrossbars.random(10, 6, WeightMapping.ROW_PAIR, 2.5, Drive.ONE_END, 3);
        CrossbarSolver.Prepared prepared = solver().prepare(CrossbarCircuit.of(spec));
        InputBatch inputs = InputBatch.random(4, 10, 1.0, 8);
        OutputBatch batch = prepared.solveBatch(inputs);
        assertEquals(4, batch.size());
        for (int k = 0; k < 4; k++) {
            assertAllClose("vector " + k, batch.vector(k), prepared.solve(inputs.vector(k)).outputs(), 0, 0);
        }
        assertTrue(batch.statistics().stream().allMatch(st -> st.relativeResidual() < 1e-10), "residuals reported");
    }

    /**
     * A batch with more vectors than the crossbar has inputs goes through the exact transfer
     * matrix (one solve per unit input); it must give what vector-by-vector solves give, to the
     * solvers' accuracy.
     */
    @ParameterizedTest
    @MethodSource("randomCrossbars")
    void largeBatchUsesTheTransferMatrix(CrossbarSpec spec) {
        CrossbarSolver.Prepared prepared = solver().prepare(CrossbarCircuit.of(spec));
        InputBatch inputs = InputBatch.random(spec.inputs() + 3, spec.inputs(), 1.0, 13);
        OutputBatch fast = prepared.solveBatch(inputs);
        OutputBatch each = prepared.solveEach(inputs);
        assertTrue(fast.statistics().get(0).solver().endsWith("(transfer matrix)"), fast.statistics().get(0).solver());
        for (int k = 0; k < inputs.size(); k++) {
            double scale = 0;
            for (double i : each.vector(k)) {
                scale = Math.max(scale, Math.abs(i));
            }
            assertAllClose("vector " + k, fast.vector(k), each.vector(k), 1e-9, 1e-10 * scale);
        }
    }

    /**
     * Near the edge of the accepted dynamic range (one device of 1.5e5 S among 1/600 kohm ones, a
     * ratio of 9e10) every solver answers with finite numbers that satisfy Kirchhoff's current law
     * on every column to the accuracy the ratio leaves, and its statistics name the path it took
     * and a finite residual.
     */
    @Test
    void answersAtTheEdgeOfTheRangeAreFiniteAndChecked() {
        CrossbarSpec base = TestCrossbars.random(14, 9, WeightMapping.SINGLE, 2.5, Drive.ONE_END, 21);
        double[][] g = base.positive().toArray();
        g[6][4] = 1.5e5;
        CrossbarSpec spec = CrossbarSpec.single(ConductanceMatrix.of(g)).sourceOhms(base.sourceOhms())
                .neuronOhms(base.neuronOhms()).wireOhms(2.5).build();
        double[] v = InputBatch.random(1, 14, 1.0, 22).vector(0);
        CrossbarSolution s = solve(spec, v);
        assertTrue(java.util.Arrays.stream(s.outputs()).allMatch(Double::isFinite));
        assertTrue(Double.isFinite(s.statistics().relativeResidual()) && s.statistics().relativeResidual() < 1e-6,
                "residual " + s.statistics().relativeResidual());
        assertTrue(s.statistics().path() == org.xbar.results.SolverStatistics.Path.ITERATIVE
                || s.statistics().path() == org.xbar.results.SolverStatistics.Path.DIRECT, s.statistics().toString());
        CrossbarSolution reference = new DirectCrossbarSolver().prepare(CrossbarCircuit.of(spec)).solve(v);
        double scale = java.util.Arrays.stream(reference.outputs()).map(Math::abs).max().orElseThrow();
        assertAllClose("outputs", s.outputs(), reference.outputs(), 0, 1e-6 * scale);
    }

    /**
     * Every configuration of {@link #randomCrossbars()}, plus the ones where ideal sources hold
     * nodes in every combination that changes the adjoint's right-hand side and read-out: held rows
     * and held senses without wires (a device joins two held nodes: the direct term), held rows on
     * row wires with both ends driven (two held ends, adjacent at two columns), held senses on
     * column wires, some rows and columns held and others not, a one-column crossbar, and a tall
     * and a wide crossbar on every mapping.
     */
    static Stream<Arguments> transferCrossbars() {
        List<Arguments> cases = new ArrayList<>(randomCrossbars().toList());
        long seed = 200;
        for (WeightMapping mapping : WeightMapping.values()) {
            cases.add(Arguments.of(TestCrossbars.random(7, 5, mapping, 0, Drive.ONE_END, seed++).withTerminations(0, 0)));
            cases.add(Arguments.of(TestCrossbars.random(7, 5, mapping, 0, Drive.BOTH_ENDS, seed++).withTerminations(0, 0)
                    .withWires(2, 0)));
            cases.add(Arguments.of(TestCrossbars.random(7, 5, mapping, 0, Drive.ONE_END, seed++).withTerminations(0, 0)
                    .withWires(0, 2)));
            cases.add(Arguments.of(partlyHeld(TestCrossbars.random(8, 5, mapping, 1.5, Drive.BOTH_ENDS, seed++))));
            cases.add(Arguments.of(partlyHeld(TestCrossbars.random(8, 5, mapping, 0, Drive.ONE_END, seed++))));
            cases.add(Arguments.of(TestCrossbars.random(16, 5, mapping, 2.5, Drive.ONE_END, seed++)));
            cases.add(Arguments.of(TestCrossbars.random(5, 14, mapping, 2.5, Drive.BOTH_ENDS, seed++)));
        }
        cases.add(Arguments.of(TestCrossbars.random(6, 2, WeightMapping.SINGLE, 1, Drive.BOTH_ENDS, seed++)
                .withTerminations(0, 100)));
        cases.add(Arguments.of(TestCrossbars.random(6, 1, WeightMapping.SINGLE, 1, Drive.BOTH_ENDS, seed++)
                .withTerminations(0, 0)));
        cases.add(Arguments.of(TestCrossbars.random(6, 1, WeightMapping.SINGLE, 1, Drive.ONE_END, seed++)));
        return cases.stream();
    }

    /** The spec with every third row's source and every other output's neuron resistance at 0 ohm. */
    private static CrossbarSpec partlyHeld(CrossbarSpec spec) {
        double[] rs = spec.sourceOhms();
        double[] rn = spec.neuronOhms();
        for (int i = 0; i < rs.length; i += 3) {
            rs[i] = 0;
        }
        for (int j = 0; j < rn.length; j += 2) {
            rn[j] = 0;
        }
        return new CrossbarSpec(spec.positive(), spec.negative(), spec.mapping(), rs, rn, spec.rowWireOhms(),
                spec.columnWireOhms(), spec.drive(), spec.sensing());
    }

    /**
     * The transfer matrix from one adjoint solve per output equals the one from one solve per
     * input, and both give what solving each vector gives, whatever the shape: the two are
     * independent derivations (reciprocity of the symmetric nodal matrix against superposition).
     * Within {@code 1e-9} of each entry, or {@code 1e-10} of the largest: the iterative solver's
     * answers are that accurate on voltage-sensed columns (its true residual is checked at 1e-11),
     * and an adjoint solved only to the forward solves' tolerance misses it (1.9e-9 of the largest
     * entry on the 5x14 column pair), as does any error in the adjoint's right-hand side or read-out.
     */
    @ParameterizedTest
    @MethodSource("transferCrossbars")
    void adjointTransferMatrixEqualsPerInputAndSingleSolves(CrossbarSpec spec) {
        CrossbarSolver.Prepared prepared = solver().prepare(CrossbarCircuit.of(spec));
        TransferMatrix adjoint = prepared.transferMatrix(TransferMatrix.Construction.PER_OUTPUT);
        TransferMatrix perInput = prepared.transferMatrix(TransferMatrix.Construction.PER_INPUT);
        assertEquals(TransferMatrix.Construction.PER_OUTPUT, adjoint.construction());
        assertEquals(TransferMatrix.Construction.PER_INPUT, perInput.construction());
        double[] expected = perInput.siemens();
        double scale = java.util.Arrays.stream(expected).map(Math::abs).max().orElseThrow();
        assertTrue(scale > 0, "a crossbar that passes nothing tests nothing");
        assertAllClose("T", adjoint.siemens(), expected, 1e-9, 1e-10 * scale);
        InputBatch inputs = InputBatch.random(3, spec.inputs(), 1.0, 31);
        OutputBatch mapped = adjoint.apply(inputs);
        for (int k = 0; k < inputs.size(); k++) {
            double[] each = prepared.solve(inputs.vector(k)).outputs();
            double outScale = java.util.Arrays.stream(each).map(Math::abs).max().orElseThrow();
            assertAllClose("vector " + k, mapped.vector(k), each, 1e-9, 1e-10 * outScale);
        }
    }

    /**
     * The prepared solver builds the transfer matrix the cheaper way: per output for a tall
     * crossbar (more inputs than outputs), per input for a wide one, and a batch goes through it
     * as soon as it holds more vectors than that many solves.
     */
    @Test
    void transferMatrixTakesTheFewerSolves() {
        CrossbarSpec tall = TestCrossbars.random(12, 4, WeightMapping.COLUMN_PAIR, 2.5, Drive.ONE_END, 41);
        CrossbarSpec wide = TestCrossbars.random(4, 12, WeightMapping.ROW_PAIR, 2.5, Drive.ONE_END, 42);
        CrossbarSolver.Prepared tallPrepared = solver().prepare(CrossbarCircuit.of(tall));
        CrossbarSolver.Prepared widePrepared = solver().prepare(CrossbarCircuit.of(wide));
        assertEquals(TransferMatrix.Construction.PER_OUTPUT, tallPrepared.transferMatrix().construction());
        assertEquals(TransferMatrix.Construction.PER_INPUT, widePrepared.transferMatrix().construction());
        assertEquals(4, tallPrepared.transferSolves());
        assertEquals(4, widePrepared.transferSolves());
        InputBatch five = InputBatch.random(5, 12, 1.0, 43);
        OutputBatch batch = tallPrepared.solveBatch(five);
        assertTrue(batch.statistics().get(0).solver().endsWith("(transfer matrix)"), batch.statistics().get(0).solver());
        for (int k = 0; k < five.size(); k++) {
            double[] each = tallPrepared.solve(five.vector(k)).outputs();
            double outScale = java.util.Arrays.stream(each).map(Math::abs).max().orElseThrow();
            assertAllClose("vector " + k, batch.vector(k), each, 1e-9, 1e-12 * outScale);
        }
    }

    /**
     * Hand-solved transfer matrices, both constructions. With ideal sources, ideal senses and no
     * wires every device sees its input across it: {@code T = G'} exactly, every term a device
     * between two held nodes. With ideal sources and voltage sensing without wires each column
     * floats to the conductance-weighted mean of its inputs: {@code T_ij = g_ij / sum_k g_kj}.
     */
    @Test
    void handSolvedTransferMatrices() {
        CrossbarSpec held = CrossbarSpec.single(threeByTwo()).sourceOhms(0).neuronOhms(0).build();
        CrossbarSpec floating = CrossbarSpec.single(threeByTwo()).sourceOhms(0).sensing(Sensing.VOLTAGE).build();
        double[] conductances = {1 * MS, 1 * MS, 2 * MS, 1 * MS, 1 * MS, 2 * MS};
        double[] means = {1.0 / 4, 1.0 / 4, 2.0 / 4, 1.0 / 4, 1.0 / 4, 2.0 / 4};
        for (TransferMatrix t : transferMatrices(held)) {
            assertAllClose("G' " + t.construction(), t.siemens(), conductances, 1e-14, 0);
        }
        for (TransferMatrix t : transferMatrices(floating)) {
            assertAllClose("means " + t.construction(), t.siemens(), means, 1e-12, 0);
        }
    }

    private List<TransferMatrix> transferMatrices(CrossbarSpec spec) {
        CrossbarSolver.Prepared prepared = solver().prepare(CrossbarCircuit.of(spec));
        return constructions().stream().map(prepared::transferMatrix).toList();
    }

    /** @return the transfer-matrix constructions the solver under test has: both, for the project's own solvers */
    List<TransferMatrix.Construction> constructions() {
        return List.of(TransferMatrix.Construction.PER_OUTPUT, TransferMatrix.Construction.PER_INPUT);
    }
}
