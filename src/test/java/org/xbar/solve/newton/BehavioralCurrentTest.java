package org.xbar.solve.newton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.xbar.TestCrossbars;
import org.xbar.circuit.Circuit;
import org.xbar.circuit.Expression;
import org.xbar.error.NoConvergenceException;
import org.xbar.results.CircuitSolution;
import org.xbar.spec.DeviceIv;

/**
 * Current-defined behavioral sources in the Newton solver, on circuits solved by hand: a sinh
 * device below a resistor (a scalar equation solved by bisection), a voltage-controlled current
 * source reading another node, Kirchhoff's law at every node, and an expression that leaves its
 * domain.
 */
class BehavioralCurrentTest {
    private static final NewtonSolver TIGHT = new NewtonSolver(NewtonOptions.DEFAULT.withTolerances(1e-12, 1e-15, 1e-18));

    /** The root of f on [low, high], f(low) < 0 < f(high), to the last bit. */
    private static double bisect(java.util.function.DoubleUnaryOperator f, double low, double high) {
        for (int k = 0; k < 200; k++) {
            double mid = (low + high) / 2;
            if (f.applyAsDouble(mid) < 0) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return (low + high) / 2;
    }

    @Test
    void sinhDeviceBelowAResistor() {
        double g = 2.5e-4;
        double k = 3;
        Circuit.Builder b = Circuit.builder();
        int in = b.node("in");
        int a = b.node("a");
        b.voltageSource("vin", in, Circuit.GROUND, 1.5);
        b.resistor("r1", in, a, 2000);
        b.behavioralCurrent("b1", a, Circuit.GROUND, new Expression.DeviceCurrent(DeviceIv.sinh(k), g, a, Circuit.GROUND));
        Circuit circuit = b.build();
        // (1.5 - v) / 2000 = g sinh(k v) / k
        double expected = bisect(v -> g * Math.sinh(k * v) / k - (1.5 - v) / 2000, 0, 1.5);
        CircuitSolution s = TIGHT.solve(circuit);
        TestCrossbars.assertClose("v(a)", s.voltage("a"), expected, 1e-12, 1e-15);
        // The source delivers the device's current: i(vin), positive into its plus terminal, is -(1.5 - v)/2000.
        TestCrossbars.assertClose("i(vin)", s.sourceCurrent("vin"), -g * Math.sinh(k * expected) / k, 1e-9, 1e-18);
        // ngspice's defaults land within their tolerance of it
        CircuitSolution loose = new NewtonSolver().solve(circuit);
        TestCrossbars.assertClose("v(a), default tolerances", loose.voltage("a"), expected, 1e-3, 1e-6);
    }

    @Test
    void aCurrentSourceControlledByAnotherNode() {
        // 1 mA/V * v(a) flows from ground through the source into b, then through 1k back to ground: v(b) = 2 V.
        Circuit.Builder b = Circuit.builder();
        int a = b.node("a");
        int out = b.node("b");
        b.voltageSource("va", a, Circuit.GROUND, 2);
        b.resistor("ra", a, Circuit.GROUND, 1000);
        b.resistor("rb", out, Circuit.GROUND, 1000);
        b.behavioralCurrent("b1", Circuit.GROUND, out,
                new Expression.Binary('*', new Expression.Constant(1e-3), new Expression.Voltage(a)));
        CircuitSolution s = TIGHT.solve(b.build());
        TestCrossbars.assertClose("v(b)", s.voltage("b"), 2.0, 1e-12, 0);
        TestCrossbars.assertClose("i(va)", s.sourceCurrent("va"), -2e-3, 1e-12, 0);
    }

    @Test
    void kirchhoffsLawHoldsAtEveryNodeOfANonlinearLadder() {
        Circuit.Builder b = Circuit.builder();
        int in = b.node("in");
        b.voltageSource("vin", in, Circuit.GROUND, 0.9);
        int previous = in;
        int stages = 6;
        int[] node = new int[stages];
        DeviceIv law = DeviceIv.sinh(4);
        for (int s = 0; s < stages; s++) {
            node[s] = b.node("n" + s);
            b.behavioralCurrent("bs" + s, previous, node[s], new Expression.DeviceCurrent(law, 1e-3, previous, node[s]));
            b.resistor("r" + s, node[s], Circuit.GROUND, 2000 + 500 * s);
            previous = node[s];
        }
        CircuitSolution sol = TIGHT.solve(b.build());
        double[] v = sol.nodeVoltages();
        for (int s = 0; s < stages; s++) {
            int from = s == 0 ? in : node[s - 1];
            double into = law.current(1e-3, v[from] - v[node[s]]);
            double out = v[node[s]] / (2000 + 500 * s) + (s + 1 < stages ? law.current(1e-3, v[node[s]] - v[node[s + 1]]) : 0);
            TestCrossbars.assertClose("KCL at n" + s, out, into, 1e-10, 1e-16);
        }
    }

    @Test
    void anExpressionOutsideItsDomainNamesTheSource() {
        Circuit.Builder b = Circuit.builder();
        int in = b.node("in");
        int a = b.node("a");
        b.voltageSource("vin", in, Circuit.GROUND, -1);
        b.resistor("r1", in, a, 1000);
        b.behavioralCurrent("blog", a, Circuit.GROUND, new Expression.Binary('*', new Expression.Constant(1e-3),
                new Expression.Function("sqrt", new Expression.Voltage(a))));
        NoConvergenceException e = assertThrows(NoConvergenceException.class, () -> new NewtonSolver().solve(b.build()));
        assertEquals("blog", e.nonFiniteSource().orElseThrow(), e.getMessage());
    }
}
