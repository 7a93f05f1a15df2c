package org.xbar.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xbar.TestCrossbars.assertClose;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbar.TestCrossbars;
import org.xbar.circuit.CrossbarCircuit;
import org.xbar.error.InvalidParameterException;
import org.xbar.results.CrossbarSolution;
import org.xbar.results.PowerBreakdown;
import org.xbar.spec.ConductanceMatrix;
import org.xbar.spec.CrossbarSpec;
import org.xbar.spec.Drive;
import org.xbar.spec.InputBatch;
import org.xbar.spec.Sensing;
import org.xbar.spec.WeightMapping;

/**
 * Where the power goes (DESIGN section 10): hand-solved crossbars term by term, energy conservation
 * (what the elements dissipate equals what the drivers deliver) on every configuration with both
 * solvers, the quadratic scaling of every term, and the power form against full solves.
 */
class PowerBreakdownTest {
    private static final double MS = 1e-3;
    /** Milliwatt: volts times milliamperes. */
    private static final double MW = 1e-3;

    private static PowerBreakdown power(SolverKind solver, CrossbarSpec spec, double... volts) {
        CrossbarCircuit circuit = CrossbarCircuit.of(spec);
        return PowerBreakdown.of(circuit, volts, solver.create().prepare(circuit).solve(volts));
    }

    private static void assertTerms(PowerBreakdown p, double devices, double rowWires, double columnWires, double sources,
            double neurons, double drawn) {
        assertClose("devices", p.devices(), devices, 1e-12, 1e-20);
        assertClose("row wires", p.rowWires(), rowWires, 1e-12, 1e-20);
        assertClose("column wires", p.columnWires(), columnWires, 1e-12, 1e-20);
        assertClose("sources", p.sources(), sources, 1e-12, 1e-20);
        assertClose("neurons", p.neurons(), neurons, 1e-12, 1e-20);
        assertClose("dissipated", p.dissipated(), devices + rowWires + columnWires + sources + neurons, 1e-12, 1e-20);
        assertClose("drawn", p.drawn(), drawn, 1e-12, 1e-20);
    }

    /**
     * 1x1: 1 V through R_S = 1 kohm, a 1 mS device and R_N = 500 ohm in series: 2.5 kohm, 0.4 mA.
     * R_S and the device take 0.4^2 * 1 = 0.16 mW each, R_N 0.4^2 * 0.5 = 0.08 mW; the driver
     * delivers 1 V * 0.4 mA = 0.4 mW.
     */
    @ParameterizedTest
    @EnumSource(SolverKind.class)
    void handSolvedOneByOne(SolverKind solver) {
        CrossbarSpec spec = CrossbarSpec.single(ConductanceMatrix.of(new double[][] {{1 * MS}})).sourceOhms(1000).neuronOhms(500)
                .build();
        assertTerms(power(solver, spec, 1), 0.16 * MW, 0, 0, 0.16 * MW, 0.08 * MW, 0.4 * MW);
    }

    /**
     * 2x1 with a column wire: devices 1 mS each, R_S = 1 kohm per row, one 1 kohm column segment
     * between c0_0 and c1_0, R_N = 1 kohm, V = (1, 0.5) V. Nodes a = r0_0, b = r1_0, c = c0_0,
     * d = c1_0 (mS, mA): 2a - c = 1, 2b - d = 0.5, a - 2c + d = 0, b + c - 3d = 0, so
     * a = 17/22, b = 9/22, c = 12/22, d = 7/22 V. Currents: row 0 5/22 mA (R_S, device, wire),
     * row 1 2/22 mA (R_S, device), R_N 7/22 mA. In 1/484 mW: sources 25 + 4, devices 25 + 4,
     * column wire 25, neuron 49: 132/484 = 3/11 mW; drawn 1 * 5/22 + 0.5 * 2/22 = 3/11 mW.
     */
    @ParameterizedTest
    @EnumSource(SolverKind.class)
    void handSolvedTwoByOneWithAColumnWire(SolverKind solver) {
        CrossbarSpec spec = CrossbarSpec.single(ConductanceMatrix.of(new double[][] {{1 * MS}, {1 * MS}})).sourceOhms(1000)
                .neuronOhms(1000).wireOhms(0, 1000).build();
        double unit = MW / 484;
        assertTerms(power(solver, spec, 1, 0.5), 29 * unit, 0, 25 * unit, 29 * unit, 49 * unit, 3.0 / 11 * MW);
    }

    /**
     * 1x2 driven from both ends with a row wire: devices 1 and 3 mS, R_S = 1 kohm at each end, one
     * 1 kohm row segment, R_N = 0 (columns at the virtual ground), V = 1 V. Row nodes x, y:
     * 3x - y = 1, -x + 5y = 1, so x = 3/7, y = 2/7 V. The near driver delivers 4/7 mA, the far
     * one 5/7 mA; the devices carry 3/7 and 6/7 mA, the segment 1/7 mA. In 1/49 mW: sources
     * 16 + 25, devices 9 + 12, row wire 1: 63/49 = 9/7 mW = 1 V * (4/7 + 5/7) mA.
     */
    @ParameterizedTest
    @EnumSource(SolverKind.class)
    void handSolvedOneByTwoDrivenFromBothEnds(SolverKind solver) {
        CrossbarSpec spec = CrossbarSpec.single(ConductanceMatrix.of(new double[][] {{1 * MS, 3 * MS}})).sourceOhms(1000)
                .neuronOhms(0).wireOhms(1000, 0).drive(Drive.BOTH_ENDS).build();
        double unit = MW / 49;
        assertTerms(power(solver, spec, 1), 21 * unit, 1 * unit, 0, 41 * unit, 0, 9.0 / 7 * MW);
    }

    /**
     * An ideal driver (R_S = 0) on a row with a wire: devices 1 and 3 mS, one 1 kohm segment,
     * R_N = 0, V = 1 V. r0_0 is held at 1 V; r0_1: 1 - y = 3y, y = 1/4 V. The driver delivers the
     * first device's 1 mA and the segment's 3/4 mA: 7/4 mW = 1 (device 0) + 3/16 (device 1) + 9/16
     * (wire) mW, nothing in the source.
     */
    @ParameterizedTest
    @EnumSource(SolverKind.class)
    void handSolvedIdealDriverWithARowWire(SolverKind solver) {
        CrossbarSpec spec = CrossbarSpec.single(ConductanceMatrix.of(new double[][] {{1 * MS, 3 * MS}})).sourceOhms(0)
                .neuronOhms(0).wireOhms(1000, 0).build();
        assertTerms(power(solver, spec, 1), (1 + 3.0 / 16) * MW, 9.0 / 16 * MW, 0, 0, 0, 7.0 / 4 * MW);
    }

    /**
     * Voltage sensing, 2x1 (the solver contract's floating column): devices 1 and 3 mS,
     * R_S = 1 kohm, V = (1, 0) V; rows at 0.7 and 0.3 V, the column at 0.4 V. 0.3 mA flows from
     * driver 0 through both devices into driver 1 (at 0 V): sources 0.09 + 0.09 mW, devices
     * 0.09 + 0.03 mW, no neuron power (no current into the sense); drawn 1 V * 0.3 mA.
     */
    @ParameterizedTest
    @EnumSource(SolverKind.class)
    void handSolvedFloatingColumn(SolverKind solver) {
        CrossbarSpec spec = CrossbarSpec.single(ConductanceMatrix.of(new double[][] {{1 * MS}, {3 * MS}})).sourceOhms(1000)
                .sensing(Sensing.VOLTAGE).build();
        assertTerms(power(solver, spec, 1, 0), 0.12 * MW, 0, 0, 0.18 * MW, 0, 0.3 * MW);
    }

    /** Every mapping, drive and sensing, with and without wires on either line, with and without ideal drivers and senses. */
    static Stream<Arguments> crossbars() {
        List<Arguments> cases = new ArrayList<>();
        long seed = 300;
        double[][] wires = {{0, 0}, {2.5, 2.5}, {3, 0}, {0, 3}};
        double[][] terminations = {{-1, -1}, {0, 150}, {500, 0}, {0, 0}};
        for (WeightMapping mapping : WeightMapping.values()) {
            for (Drive drive : Drive.values()) {
                for (Sensing sensing : Sensing.values()) {
                    for (double[] wire : wires) {
                        for (double[] ends : terminations) {
                            CrossbarSpec spec = TestCrossbars.random(7, 5, mapping, 1, drive, seed++).withWires(wire[0], wire[1]);
                            while (sensing == Sensing.VOLTAGE && !everyColumnHasADevice(spec)) {
                                // a floating column without a device is refused as singular: draw another
                                spec = TestCrossbars.random(7, 5, mapping, 1, drive, seed++).withWires(wire[0], wire[1]);
                            }
                            if (ends[0] >= 0) {
                                spec = spec.withTerminations(ends[0], ends[1]);
                            }
                            cases.add(Arguments.of(spec.withSensing(sensing)));
                        }
                    }
                }
            }
        }
        cases.add(Arguments.of(TestCrossbars.random(1, 6, WeightMapping.SINGLE, 2, Drive.BOTH_ENDS, 1)));
        cases.add(Arguments.of(TestCrossbars.random(6, 1, WeightMapping.ROW_PAIR, 2, Drive.BOTH_ENDS, 2).withTerminations(0, 50)));
        cases.add(Arguments.of(TestCrossbars.random(24, 20, WeightMapping.ROW_PAIR, 2.5, Drive.ONE_END, 3)));
        return cases.stream();
    }

    /** @return every third of {@link #crossbars()}, for the checks that need no more to fail */
    static Stream<Arguments> someCrossbars() {
        List<Arguments> all = crossbars().toList();
        return java.util.stream.IntStream.range(0, all.size()).filter(k -> k % 3 == 0).mapToObj(all::get);
    }

    private static boolean everyColumnHasADevice(CrossbarSpec spec) {
        CrossbarCircuit circuit = CrossbarCircuit.of(spec);
        for (int q = 0; q < circuit.physicalColumns(); q++) {
            boolean any = false;
            for (int p = 0; p < circuit.physicalRows(); p++) {
                any |= circuit.conductance(p, q) > 0;
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    /**
     * Energy conservation: the elements dissipate what the drivers deliver, to 1e-9 relative, with
     * the iterative and the direct solver alike; and the two solvers' breakdowns agree term by term.
     */
    @ParameterizedTest
    @MethodSource("crossbars")
    void dissipatedEqualsDrawnWithBothSolvers(CrossbarSpec spec) {
        double[] volts = InputBatch.random(1, spec.inputs(), 1.0, 7).vector(0);
        PowerBreakdown iterative = power(SolverKind.ITERATIVE, spec, volts);
        PowerBreakdown direct = power(SolverKind.DIRECT, spec, volts);
        for (PowerBreakdown p : List.of(iterative, direct)) {
            assertTrue(p.drawn() > 0, spec + ": the drivers deliver power");
            assertClose(spec + " dissipated vs drawn", p.dissipated(), p.drawn(), 1e-9, 0);
            assertTrue(p.imbalance() <= 1e-9, spec + " imbalance " + p.imbalance());
            assertTrue(p.devices() > 0 && p.rowWires() >= 0 && p.columnWires() >= 0 && p.sources() >= 0 && p.neurons() >= 0,
                    spec + ": every element dissipates, none delivers: " + p);
        }
        double scale = direct.drawn() * 1e-9;
        assertClose("devices", iterative.devices(), direct.devices(), 1e-9, scale);
        assertClose("row wires", iterative.rowWires(), direct.rowWires(), 1e-9, scale);
        assertClose("column wires", iterative.columnWires(), direct.columnWires(), 1e-9, scale);
        assertClose("sources", iterative.sources(), direct.sources(), 1e-9, scale);
        assertClose("neurons", iterative.neurons(), direct.neurons(), 1e-9, scale);
        boolean zeroRs = spec.sourceOhms(0) == 0;
        boolean zeroRn = spec.sensing() == Sensing.VOLTAGE || spec.neuronOhms(0) == 0;
        assertEquals(zeroRs, direct.sources() == 0, "an ideal driver, and only an ideal one, dissipates nothing");
        assertEquals(zeroRn, direct.neurons() == 0, "no neuron power exactly when R_N = 0 or the columns float");
        assertEquals(spec.rowWireOhms() == 0 || CrossbarCircuit.of(spec).physicalColumns() == 1, direct.rowWires() == 0);
    }

    /**
     * Energy conservation with sinh devices, solved by Newton (the direct solver): the breakdown
     * takes each device's current from its own law. Newton stops on ngspice's tests (reltol 1e-3 of
     * each change, vntol 1 uV), so Kirchhoff's law holds to about 1e-7 of the device currents and
     * the balance to 1e-6; the same law taken as linear misses it by far more (the test can fail).
     */
    @ParameterizedTest
    @MethodSource("someCrossbars")
    void dissipatedEqualsDrawnWithNonlinearDevices(CrossbarSpec linear) {
        CrossbarSpec spec = linear.withDevice(org.xbar.spec.DeviceIv.sinh(4));
        CrossbarCircuit circuit = CrossbarCircuit.of(spec);
        double[] volts = InputBatch.random(1, spec.inputs(), 1.0, 7).vector(0);
        CrossbarSolution s = SolverKind.DIRECT.create().prepare(circuit).solve(volts);
        PowerBreakdown p = PowerBreakdown.of(circuit, volts, s);
        assertTrue(p.drawn() > 0, spec + ": the drivers deliver power");
        assertClose(spec + " dissipated vs drawn", p.dissipated(), p.drawn(), 1e-6, 0);
        PowerBreakdown asIfLinear = PowerBreakdown.of(circuit, volts, s, PowerBreakdown.DeviceLaw.linear(circuit));
        assertTrue(asIfLinear.devices() < p.devices(), spec + ": sinh devices pass more current than g V at the same voltage");
    }

    /** The circuit is linear: doubling every input quadruples every term. */
    @ParameterizedTest
    @MethodSource("someCrossbars")
    void everyTermScalesAsTheSquareOfTheInputs(CrossbarSpec spec) {
        double[] volts = InputBatch.random(1, spec.inputs(), 1.0, 11).vector(0);
        double[] doubled = volts.clone();
        for (int k = 0; k < doubled.length; k++) {
            doubled[k] *= 2;
        }
        CrossbarCircuit circuit = CrossbarCircuit.of(spec);
        CrossbarSolver.Prepared prepared = SolverKind.DIRECT.create().prepare(circuit);
        PowerBreakdown one = PowerBreakdown.of(circuit, volts, prepared.solve(volts));
        PowerBreakdown two = PowerBreakdown.of(circuit, doubled, prepared.solve(doubled));
        double abs = 1e-12 * one.drawn();
        assertClose("devices", two.devices(), 4 * one.devices(), 1e-9, abs);
        assertClose("row wires", two.rowWires(), 4 * one.rowWires(), 1e-9, abs);
        assertClose("column wires", two.columnWires(), 4 * one.columnWires(), 1e-9, abs);
        assertClose("sources", two.sources(), 4 * one.sources(), 1e-9, abs);
        assertClose("neurons", two.neurons(), 4 * one.neurons(), 1e-9, abs);
        assertClose("drawn", two.drawn(), 4 * one.drawn(), 1e-9, abs);
    }

    /**
     * The quadratic form from the unit solves gives the power of a full solve for any input vector,
     * and the unit solves are reciprocal (the form is symmetric before it is symmetrized).
     */
    @ParameterizedTest
    @MethodSource("someCrossbars")
    void powerFormEqualsFullSolves(CrossbarSpec spec) {
        CrossbarCircuit circuit = CrossbarCircuit.of(spec);
        CrossbarSolver.Prepared prepared = SolverKind.ITERATIVE.create().prepare(circuit);
        UnitResponses responses = prepared.unitResponses();
        assertTrue(responses.power().asymmetry() < 1e-9, spec + ": asymmetry " + responses.power().asymmetry());
        double[] t = prepared.transferMatrix().siemens();
        org.junit.jupiter.api.Assertions.assertArrayEquals(t, responses.transfer().siemens(), 0.0,
                "the same unit solves give the same transfer matrix");
        InputBatch inputs = InputBatch.random(3, spec.inputs(), 1.0, 5);
        for (int k = 0; k < inputs.size(); k++) {
            double[] v = inputs.vector(k);
            PowerBreakdown full = PowerBreakdown.of(circuit, v, SolverKind.DIRECT.create().prepare(circuit).solve(v));
            assertClose(spec + " vector " + k, responses.power().watts(v), full.drawn(), 1e-9, 0);
        }
    }

    /** The device law is the one place a breakdown asks what a device carries: a law of twice the current doubles the device term. */
    @Test
    void theDeviceLawIsTheOnlySourceOfDeviceCurrent() {
        CrossbarSpec spec = TestCrossbars.random(6, 4, WeightMapping.ROW_PAIR, 2, Drive.ONE_END, 8);
        CrossbarCircuit circuit = CrossbarCircuit.of(spec);
        double[] v = InputBatch.random(1, 6, 1.0, 2).vector(0);
        CrossbarSolution s = SolverKind.DIRECT.create().prepare(circuit).solve(v);
        PowerBreakdown linear = PowerBreakdown.of(circuit, v, s);
        PowerBreakdown.DeviceLaw twice = (row, col, volts) -> 2 * circuit.conductance(row, col) * volts;
        PowerBreakdown doubled = PowerBreakdown.of(circuit, v, s, twice);
        assertClose("devices", doubled.devices(), 2 * linear.devices(), 1e-15, 0);
        assertEquals(linear.sources(), doubled.sources(), 0.0);
        assertEquals(linear.drawn(), doubled.drawn(), 0.0, "with R_S > 0 the drivers' currents come from their source resistances");
    }

    @Test
    void energyPerReadAndSummaries() {
        PowerBreakdown a = new PowerBreakdown(1, 2, 3, 4, 5, 15, 15);
        PowerBreakdown b = new PowerBreakdown(3, 0, 1, 8, 1, 13, 13);
        assertClose("joules per read", a.joulesPerRead(1e-9), 15e-9, 1e-15, 0);
        assertEquals(new PowerBreakdown(2, 1, 2, 6, 3, 14, 14), PowerBreakdown.mean(List.of(a, b)));
        assertEquals(new PowerBreakdown(3, 2, 3, 8, 5, 15, 15), PowerBreakdown.max(List.of(a, b)));
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> a.joulesPerRead(0));
        assertEquals("readSeconds", e.parameter());
        assertEquals("reads", assertThrows(InvalidParameterException.class, () -> PowerBreakdown.mean(List.of())).parameter());
    }

    @Test
    void aMisfitInputOrSolutionIsRefusedByName() {
        CrossbarSpec spec = TestCrossbars.random(3, 2, WeightMapping.SINGLE, 0, Drive.ONE_END, 4);
        CrossbarCircuit circuit = CrossbarCircuit.of(spec);
        CrossbarSolution s = SolverKind.DIRECT.create().prepare(circuit).solve(new double[] {1, 1, 1});
        assertEquals("inputVolts", assertThrows(InvalidParameterException.class,
                () -> PowerBreakdown.of(circuit, new double[] {1, 1}, s)).parameter());
        CrossbarCircuit other = CrossbarCircuit.of(TestCrossbars.random(3, 3, WeightMapping.SINGLE, 0, Drive.ONE_END, 4));
        assertEquals("solution", assertThrows(InvalidParameterException.class,
                () -> PowerBreakdown.of(other, new double[] {1, 1, 1}, s)).parameter());
    }
}
