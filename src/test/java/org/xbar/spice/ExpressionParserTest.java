package org.xbar.spice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbar.circuit.Expression;

/**
 * The functions and the power operator of behavioral expressions as ngspice's grammar reads them:
 * {@code ^} and {@code **} bind tighter than a sign and associate to the right, and what
 * {@link Expression#toSpice} writes reads back to the same value.
 */
class ExpressionParserTest {
    private final Map<String, Integer> nodes = new HashMap<>(Map.of("0", 0));

    private Expression parse(String text) {
        return ExpressionParser.parse(text, name -> nodes.computeIfAbsent(name.toLowerCase(java.util.Locale.ROOT),
                k -> nodes.size()));
    }

    private double at(String text, double a, double b) {
        Expression e = parse(text);
        double[] volts = new double[4];
        volts[nodes.getOrDefault("a", 3)] = a;
        volts[nodes.getOrDefault("b", 3)] = b;
        volts[0] = 0;
        return e.value(volts);
    }

    @Test
    void powersBindTighterThanSignsAndAssociateToTheRight() {
        assertEquals(-4.0, at("-2^2", 0, 0), "-(2^2)");
        assertEquals(512.0, at("2^3^2", 0, 0), "2^(3^2)");
        assertEquals(0.25, at("2^-2", 0, 0));
        assertEquals(8.0, at("2**3", 0, 0));
        assertEquals(24.0, at("3*2^3", 0, 0));
        assertEquals(Math.pow(0.5, 1.5), at("pow(v(a), 1.5)", 0.5, 0), 1e-16);
        assertEquals(Math.pow(0.3, 2), at("v(a,b)^2", 0.5, 0.2), 1e-16);
    }

    @Test
    void everyFunctionReadsAndReadsBackFromWhatItWrites() {
        String[] texts = {"sinh(2*v(a))", "cosh(v(a,b))", "log(1+v(a)*v(a))", "ln(2+v(b))", "sqrt(abs(v(a)-3))",
            "1m*pow(v(a),3) + 0.1m*v(b)**2", "tanh(exp(-v(a)))", "100u/3*sinh(3*v(a,b))"};
        for (String t : texts) {
            double a = 0.37;
            double b = -0.52;
            double value = at(t, a, b);
            String written = parse(t).toSpice(n -> n == nodes.get("a") ? "a" : n == nodes.get("b") ? "b" : "0");
            assertEquals(value, at(written, a, b), Math.abs(value) * 1e-15, t + " written as " + written);
        }
        assertEquals(Math.log(2.0 - 0.52), at("ln(2+v(b))", 0, -0.52), 1e-15, "ln is the natural logarithm, as log");
    }

    @Test
    void unknownFunctionsAndMissingArgumentsAreRefusedWithTheirPosition() {
        assertEquals(0, assertThrows(ExpressionParser.SyntaxException.class, () -> parse("sin(v(a))")).position());
        assertThrows(ExpressionParser.SyntaxException.class, () -> parse("pow(v(a))"));
        assertThrows(ExpressionParser.SyntaxException.class, () -> parse("v(a)^"));
        assertThrows(ExpressionParser.SyntaxException.class, () -> parse("2^^3"));
    }
}
