package org.xbar.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.xbar.TestCrossbars;
import org.xbar.spec.DeviceIv;

/**
 * The functions of behavioral-source expressions: values as {@link Math} has them, exact
 * derivatives checked against central differences, the power as ngspice computes it
 * ({@code |x|^y}), NaN outside a domain, and the device current of a crossbar cross point.
 */
class ExpressionFunctionsTest {
    private static final Expression.Voltage X = new Expression.Voltage(1);
    private static final Expression.Voltage Y = new Expression.Voltage(2);

    /** d/dv(node) by a central difference of step h. */
    private static double difference(Expression e, double[] volts, int node, double h) {
        double[] up = volts.clone();
        double[] down = volts.clone();
        up[node] += h;
        down[node] -= h;
        return (e.value(up) - e.value(down)) / (2 * h);
    }

    private static void assertExactGradient(Expression e, double[] volts) {
        double[] gradient = new double[volts.length];
        e.addGradient(volts, 1.0, gradient);
        for (int n = 1; n < volts.length; n++) {
            double numeric = difference(e, volts, n, 1e-6);
            TestCrossbars.assertClose(e.toSpice(k -> "n" + k) + " d/dv" + n + " at " + java.util.Arrays.toString(volts),
                    gradient[n], numeric, 1e-7, 1e-9);
        }
    }

    @Test
    void functionsHaveTheirValuesAndExactDerivatives() {
        double[][] points = {{0, 0.37, -1.2}, {0, -0.81, 2.5}, {0, 1.9, 0.3}};
        for (String f : new String[] {"tanh", "exp", "sinh", "cosh", "abs"}) {
            Expression e = new Expression.Function(f, new Expression.Binary('-', new Expression.Binary('*',
                    new Expression.Constant(1.5), X), Y));
            for (double[] v : points) {
                double x = 1.5 * v[1] - v[2];
                double expected = switch (f) {
                    case "tanh" -> Math.tanh(x);
                    case "exp" -> Math.exp(x);
                    case "sinh" -> Math.sinh(x);
                    case "cosh" -> Math.cosh(x);
                    default -> Math.abs(x);
                };
                assertEquals(expected, e.value(v), f);
                assertExactGradient(e, v);
            }
        }
        for (String f : new String[] {"log", "sqrt"}) {
            // a positive argument: 1 + x^2 + y^2
            Expression argument = new Expression.Sum(java.util.List.of(new Expression.Constant(1),
                    new Expression.Binary('*', X, X), new Expression.Binary('*', Y, Y)), "++");
            Expression e = new Expression.Function(f, argument);
            for (double[] v : points) {
                double a = 1 + v[1] * v[1] + v[2] * v[2];
                assertEquals(f.equals("log") ? Math.log(a) : Math.sqrt(a), e.value(v), f);
                assertExactGradient(e, v);
            }
        }
    }

    @Test
    void powerIsTheMagnitudeRaisedLikeNgspice() {
        Expression cube = new Expression.Power(X, new Expression.Constant(3));
        assertEquals(0.343, cube.value(new double[] {0, -0.7, 0}), 1e-15, "|-0.7|^3, as ngspice's pow");
        Expression general = new Expression.Power(new Expression.Binary('+', X, new Expression.Constant(0.1)), Y);
        for (double[] v : new double[][] {{0, 1.3, 2.5}, {0, -0.8, 1.7}, {0, 0.4, -0.6}, {0, 2.0, 0.0}}) {
            assertEquals(Math.pow(Math.abs(v[1] + 0.1), v[2]), general.value(v));
            assertExactGradient(general, v);
        }
        assertExactGradient(cube, new double[] {0, -0.7, 0});
        assertExactGradient(cube, new double[] {0, 1.1, 0});
        assertEquals("pow(v(n1),3.0)", cube.toSpice(k -> "n" + k));
    }

    @Test
    void outsideTheDomainTheValueIsNaN() {
        double[] negative = {0, -2, 0};
        assertTrue(Double.isNaN(new Expression.Function("log", X).value(negative)));
        assertTrue(Double.isNaN(new Expression.Function("sqrt", X).value(negative)));
        double[] gradient = new double[3];
        new Expression.Function("sqrt", X).addGradient(negative, 1, gradient);
        assertTrue(Double.isNaN(gradient[1]));
        assertEquals(Double.NEGATIVE_INFINITY, new Expression.Function("log", X).value(new double[] {0, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> new Expression.Function("sin", X));
    }

    @Test
    void deviceCurrentFollowsItsLawWithTheExactSlope() {
        DeviceIv law = DeviceIv.sinh(4);
        Expression device = new Expression.DeviceCurrent(law, 1e-4, 1, 2);
        double[] volts = {0, 0.45, 0.1};
        assertEquals(1e-4 * Math.sinh(4 * 0.35) / 4, device.value(volts), 1e-20);
        assertExactGradient(device, volts);
        double[] gradient = new double[3];
        device.addGradient(volts, 1, gradient);
        assertEquals(1e-4 * Math.cosh(4 * 0.35), gradient[1], 1e-18);
        assertEquals(-gradient[1], gradient[2]);
        assertEquals("1.0E-4/4.0*sinh(4.0*v(a,b))", device.toSpice(k -> k == 1 ? "a" : "b"));
        assertEquals(java.util.List.of(1, 2), device.nodes());
        Expression toGround = new Expression.DeviceCurrent(law, 1e-4, 1, Circuit.GROUND);
        assertEquals(java.util.List.of(1), toGround.nodes(), "ground is not a node read");
    }
}
