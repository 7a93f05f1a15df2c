package org.xbar.solve.sparse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xbar.circuit.Circuit;
import org.xbar.error.SingularCircuitException;
import org.xbar.solve.CircuitSolver;

/**
 * A nodal matrix that is positive definite only in exact arithmetic breaks the factorization, and
 * the error names the nodes where it broke, as ngspice does. No crossbar inside the accepted
 * dynamic range reaches this (the factorizations measured break down from a ratio of about 1e17,
 * the range stops at 1e12, and floating nodes are refused by name before any arithmetic), so the
 * circuit here is a generic one, as a netlist would give.
 *
 * <p>A 1 V source drives node a through 1 ohm, a reaches b through 1e-20 ohm and b goes to ground
 * through 1 ohm: in double precision {@code 1 + 1e20 = 1e20}, so the second pivot is
 * {@code 1e20 - 1e20 = 0}.
 */
class SingularFactorizationTest {

    private static Circuit nearlyShorted() {
        Circuit.Builder b = Circuit.builder();
        int in = b.node("in");
        int a = b.node("a");
        int c = b.node("b");
        b.voltageSource("v1", in, Circuit.GROUND, 1);
        b.resistor("rs", in, a, 1);
        b.resistor("rx", a, c, 1e-20);
        b.resistor("rl", c, Circuit.GROUND, 1);
        return b.build();
    }

    @Test
    void choleskyBreakdownNamesTheNodes() {
        NodalSystem system = NodalSystem.of(nearlyShorted());
        SingularCircuitException e = assertThrows(SingularCircuitException.class,
                () -> new CholeskySolver().factor(system.matrix(), system::unknownName));
        assertEquals(Set.of("a", "b"), Set.copyOf(e.nodes()));
    }

    @Test
    void luBreakdownNamesTheNodes() {
        NodalSystem system = NodalSystem.of(nearlyShorted());
        SingularCircuitException e = assertThrows(SingularCircuitException.class,
                () -> new SparseLuSolver().factor(system.matrix(), system::unknownName));
        assertEquals(Set.of("a", "b"), Set.copyOf(e.nodes()));
    }

    @Test
    void theCircuitSolverReportsItByName() {
        SingularCircuitException e = assertThrows(SingularCircuitException.class,
                () -> new CircuitSolver().solve(nearlyShorted()));
        assertEquals(Set.of("a", "b"), Set.copyOf(e.nodes()));
    }
}
