package org.xbar.circuit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The n-ary chains of expressions: a {@link Expression.Sum} or {@link Expression.Product} gives
 * bit for bit the value of the nested {@link Expression.Binary} operations it stands for, and their
 * gradient to rounding (the product's adjoints multiply in another order), and a chain of 100,000
 * operands evaluates without one level of recursion per operand.
 */
class ExpressionTest {

    private static Expression operand(SplittableRandom random, int k) {
        Expression v = new Expression.Voltage(1 + random.nextInt(3));
        return switch (k % 3) {
            case 0 -> v;
            case 1 -> new Expression.Constant(0.5 + random.nextDouble());
            default -> new Expression.Function("tanh", new Expression.Binary('*', new Expression.Constant(2), v));
        };
    }

    @Test
    void chainsMatchNestedBinaryOperationsExactly() {
        SplittableRandom random = new SplittableRandom(7);
        double[] volts = {0, 0.3, -0.7, 1.1};
        for (int trial = 0; trial < 200; trial++) {
            boolean sum = trial % 2 == 0;
            int n = 3 + random.nextInt(12);
            List<Expression> operands = new ArrayList<>();
            StringBuilder operators = new StringBuilder();
            Expression nested = null;
            for (int k = 0; k < n; k++) {
                Expression e = operand(random, k);
                operands.add(e);
                if (k == 0) {
                    nested = e;
                    continue;
                }
                char op = sum ? (random.nextBoolean() ? '+' : '-') : (random.nextBoolean() ? '*' : '/');
                operators.append(op);
                nested = new Expression.Binary(op, nested, e);
            }
            Expression chain = sum ? new Expression.Sum(operands, operators.toString())
                    : new Expression.Product(operands, operators.toString());
            assertEquals(nested.value(volts), chain.value(volts), "value of " + chain.toSpice(k -> "n" + k));
            double[] expected = new double[volts.length];
            double[] actual = new double[volts.length];
            nested.addGradient(volts, 1.5, expected);
            chain.addGradient(volts, 1.5, actual);
            for (int k = 0; k < volts.length; k++) {
                assertEquals(expected[k], actual[k], 1e-13 * Math.max(Math.abs(expected[k]), 1), "gradient " + k + " of "
                        + chain.toSpice(j -> "n" + j));
            }
            assertEquals(nested.nodes(), chain.nodes());
        }
    }

    @Test
    void longChainsEvaluateWithoutDeepRecursion() {
        List<Expression> terms = new ArrayList<>();
        for (int k = 0; k < 100_000; k++) {
            terms.add(new Expression.Voltage(1));
        }
        String plus = "+".repeat(terms.size() - 1);
        Expression sum = new Expression.Sum(terms, plus);
        double[] volts = {0, 0.5};
        assertEquals(50_000.0, sum.value(volts));
        double[] gradient = new double[2];
        sum.addGradient(volts, 1, gradient);
        assertArrayEquals(new double[] {0, 100_000}, gradient);
        Expression product = new Expression.Product(terms.subList(0, 1_000), "*".repeat(999));
        gradient = new double[2];
        product.addGradient(new double[] {0, 1}, 1, gradient);
        assertEquals(1_000.0, gradient[1], "d(v^1000)/dv at v = 1");
        assertEquals("(v(n1)+v(n1)+v(n1))", new Expression.Sum(terms.subList(0, 3), "++").toSpice(k -> "n" + k));
    }

    @Test
    void malformedChainsAreRefused() {
        Expression v = new Expression.Voltage(1);
        assertThrows(IllegalArgumentException.class, () -> new Expression.Sum(List.of(v), ""));
        assertThrows(IllegalArgumentException.class, () -> new Expression.Sum(List.of(v, v), "+-"));
        assertThrows(IllegalArgumentException.class, () -> new Expression.Product(List.of(v, v), "+"));
    }
}
