package org.xbar.solve.sparse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xbar.TestCrossbars.assertClose;

import org.junit.jupiter.api.Test;
import org.xbar.circuit.Circuit;
import org.xbar.error.InvalidParameterException;
import org.xbar.error.SingularCircuitException;
import org.xbar.results.CircuitSolution;
import org.xbar.solve.CircuitSolver;

/** The generic nodal path on hand-solved circuits and on circuits that have no solution. */
class NodalSystemTest {

    /** 10 V over 1 kohm and 3 kohm: the middle node sits at 7.5 V, the source delivers 2.5 mA. */
    @Test
    void voltageDivider() {
        Circuit.Builder b = Circuit.builder();
        int top = b.node("top");
        int mid = b.node("mid");
        b.voltageSource("v1", top, Circuit.GROUND, 10);
        b.resistor("r1", top, mid, 1000);
        b.resistor("r2", mid, Circuit.GROUND, 3000);
        CircuitSolution s = new CircuitSolver().solve(b.build());
        assertClose("v(mid)", s.voltage("mid"), 7.5, 1e-14, 0);
        assertClose("v(top)", s.voltage("TOP"), 10, 0, 0);
        // SPICE sign: current into the plus terminal; the source delivers current, so it is negative.
        assertClose("i(v1)", s.sourceCurrent("v1"), -2.5e-3, 1e-14, 0);
    }

    /**
     * A source with its plus terminal on ground, a current source and a 0-ohm short: v1 of 2 V
     * from 0 (+) to n1 (-) gives v(n1) = -2 V; 1 mA is injected into n2, which is shorted to n3;
     * r1 = 1 kohm from n1 to n2, r2 = 1 kohm from n3 to ground. KCL at n2 and n3 together:
     * (v2 + 2)/1k + v2/1k = 1 mA, so v2 = v3 = -0.5 V.
     */
    @Test
    void shortsCurrentSourcesAndReversedSource() {
        Circuit.Builder b = Circuit.builder();
        int n1 = b.node("n1");
        int n2 = b.node("n2");
        int n3 = b.node("n3");
        b.voltageSource("v1", Circuit.GROUND, n1, 2);
        b.resistor("r1", n1, n2, 1000);
        b.resistor("short", n2, n3, 0);
        b.resistor("r2", n3, Circuit.GROUND, 1000);
        b.currentSource("i1", Circuit.GROUND, n2, 1e-3);
        CircuitSolution s = new CircuitSolver().solve(b.build());
        assertClose("v(n1)", s.voltage("n1"), -2, 0, 0);
        assertClose("v(n2)", s.voltage("n2"), -0.5, 1e-14, 0);
        assertClose("v(n3)", s.voltage("n3"), -0.5, 1e-14, 0);
        // Current through r1 from n2 to n1 is 1.5 mA; it enters v1 at its minus terminal and leaves
        // at plus into ground, so the current into the plus terminal is -1.5 mA.
        assertClose("i(v1)", s.sourceCurrent("v1"), -1.5e-3, 1e-14, 0);
    }

    @Test
    void floatingNodesAreReportedByName() {
        Circuit.Builder b = Circuit.builder();
        int a = b.node("a");
        int island1 = b.node("island1");
        int island2 = b.node("island2");
        b.voltageSource("v1", a, Circuit.GROUND, 1);
        b.resistor("r1", a, Circuit.GROUND, 100);
        b.resistor("r2", island1, island2, 100);
        SingularCircuitException e = assertThrows(SingularCircuitException.class, () -> NodalSystem.of(b.build()));
        assertEquals(java.util.List.of("island1", "island2"), e.nodes(), e.getMessage());
    }

    @Test
    void nodeFedOnlyByACurrentSourceFloats() {
        Circuit.Builder b = Circuit.builder();
        int a = b.node("a");
        b.currentSource("i1", Circuit.GROUND, a, 1e-3);
        SingularCircuitException e = assertThrows(SingularCircuitException.class, () -> NodalSystem.of(b.build()));
        assertEquals(java.util.List.of("a"), e.nodes());
    }

    @Test
    void parallelVoltageSourcesAreALoop() {
        Circuit.Builder b = Circuit.builder();
        int a = b.node("a");
        b.voltageSource("v1", a, Circuit.GROUND, 1);
        b.voltageSource("v2", a, Circuit.GROUND, 1);
        b.resistor("r", a, Circuit.GROUND, 1);
        SingularCircuitException e = assertThrows(SingularCircuitException.class, () -> NodalSystem.of(b.build()));
        assertEquals(java.util.List.of("a", "0"), e.nodes(), "the terminals of the source that closes the loop");
        assertEquals(java.util.List.of("v2", "v1"), e.elements(), "the source that closes the loop, then the loop");
        assertTrue(e.getMessage().contains("voltage source v2 closes a loop with voltage source v1"), e.getMessage());
    }

    @Test
    void aSourceShortedThroughZeroOhmElementsNamesThemAll() {
        Circuit.Builder b = Circuit.builder();
        int a = b.node("a");
        int m = b.node("m");
        b.resistor("rshort1", a, m, 0);
        b.resistor("rshort2", m, Circuit.GROUND, 0);
        b.resistor("rload", a, Circuit.GROUND, 10);
        b.voltageSource("vs", a, Circuit.GROUND, 1);
        SingularCircuitException e = assertThrows(SingularCircuitException.class, () -> NodalSystem.of(b.build()));
        assertEquals("vs", e.elements().get(0));
        assertEquals(java.util.Set.of("rshort1", "rshort2"), java.util.Set.copyOf(e.elements().subList(1, e.elements().size())));
    }

    @Test
    void shortedSourceIsRefused() {
        Circuit.Builder b = Circuit.builder();
        int a = b.node("a");
        b.voltageSource("v1", a, Circuit.GROUND, 1);
        b.resistor("r", a, Circuit.GROUND, 0);
        assertThrows(SingularCircuitException.class, () -> NodalSystem.of(b.build()));
    }

    /**
     * A source between two nodes away from ground: vx = 1 V from a (+) to c (-), 1 ohm from each to
     * ground. KCL over the supernode: (v_c + 1) + v_c = 0, so v_c = -0.5 V, v_a = 0.5 V, and the
     * 0.5 A leaving a through its resistor comes out of the plus terminal: i(vx) = -0.5 A.
     */
    @Test
    void floatingVoltageSource() {
        Circuit.Builder b = Circuit.builder();
        int a = b.node("a");
        int c = b.node("c");
        b.voltageSource("vx", a, c, 1);
        b.resistor("r1", a, Circuit.GROUND, 1);
        b.resistor("r2", c, Circuit.GROUND, 1);
        CircuitSolution s = new CircuitSolver().solve(b.build());
        assertClose("v(a)", s.voltage("a"), 0.5, 1e-15, 0);
        assertClose("v(c)", s.voltage("c"), -0.5, 1e-15, 0);
        assertClose("i(vx)", s.sourceCurrent("vx"), -0.5, 1e-15, 0);
    }

    /**
     * A chain of floating sources and a short: 0 -(v1 = 2 V)- n1 -(0 ohm)- n2 -(v2 = 3 V, n3 plus)- n3,
     * n3 to ground through 5 ohm, n1 to ground through 2 ohm. v(n3) = 5 V, so 1 A flows down the
     * 5 ohm resistor from n3; v2 carries it from n2 to n3 (into its minus terminal: i(v2) = -1 A);
     * v1 supplies that 1 A plus the 1 A of the 2 ohm resistor: i(v1) = -2 A.
     */
    @Test
    void chainOfFloatingSources() {
        Circuit.Builder b = Circuit.builder();
        int n1 = b.node("n1");
        int n2 = b.node("n2");
        int n3 = b.node("n3");
        b.voltageSource("v1", n1, Circuit.GROUND, 2);
        b.resistor("short", n1, n2, 0);
        b.voltageSource("v2", n3, n2, 3);
        b.resistor("r3", n3, Circuit.GROUND, 5);
        b.resistor("r1", n1, Circuit.GROUND, 2);
        CircuitSolution s = new CircuitSolver().solve(b.build());
        assertClose("v(n3)", s.voltage("n3"), 5, 1e-15, 0);
        assertClose("v(n2)", s.voltage("n2"), 2, 1e-15, 0);
        assertClose("i(v2)", s.sourceCurrent("v2"), -1, 1e-15, 0);
        assertClose("i(v1)", s.sourceCurrent("v1"), -2, 1e-15, 0);
    }

    @Test
    void negativeResistanceIsRefused() {
        Circuit.Builder b = Circuit.builder();
        int a = b.node("a");
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> b.resistor("r9", a, Circuit.GROUND, -5));
        assertEquals("r9", e.parameter(), e.getMessage());
        assertEquals(java.util.Optional.of("-5.0"), e.value(), e.getMessage());
    }
}
