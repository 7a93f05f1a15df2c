package org.xbar.circuit;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntFunction;

/**
 * An expression of node voltages, for behavioral sources: numbers, {@code v(node)}, the four
 * arithmetic operations, negation, {@code tanh} and {@code exp}. It evaluates its value and its
 * derivative with respect to every node it reads (forward-mode differentiation), which is what a
 * Newton iteration needs, and writes itself in ngspice's B-source syntax.
 */
public sealed interface Expression {

    /**
     * @param volts every node's voltage, by node index
     * @return the value
     */
    double value(double[] volts);

    /**
     * Adds {@code scale * d(this)/d(v_n)} to {@code gradient[n]} for every node n read.
     *
     * @param volts    every node's voltage
     * @param scale    factor applied to the derivative
     * @param gradient accumulates the derivatives, by node index
     */
    void addGradient(double[] volts, double scale, double[] gradient);

    /**
     * @param nodeName names a node index as it is written
     * @return the expression in ngspice syntax
     */
    String toSpice(IntFunction<String> nodeName);

    /** @param into receives every node index read */
    void collectNodes(Set<Integer> into);

    /** @return the node indices read, ascending */
    default List<Integer> nodes() {
        Set<Integer> set = new TreeSet<>();
        collectNodes(set);
        return List.copyOf(set);
    }

    /** @param value a constant */
    record Constant(double value) implements Expression {
        @Override
        public double value(double[] volts) {
            return value;
        }

        @Override
        public void addGradient(double[] volts, double scale, double[] gradient) {
            // a constant has no derivative
        }

        @Override
        public String toSpice(IntFunction<String> nodeName) {
            String text = Double.toString(value);
            return value < 0 ? "(" + text + ")" : text;
        }

        @Override
        public void collectNodes(Set<Integer> into) {
            // reads no node
        }
    }

    /** @param node a node index; its voltage */
    record Voltage(int node) implements Expression {
        @Override
        public double value(double[] volts) {
            return volts[node];
        }

        @Override
        public void addGradient(double[] volts, double scale, double[] gradient) {
            gradient[node] += scale;
        }

        @Override
        public String toSpice(IntFunction<String> nodeName) {
            return node == Circuit.GROUND ? "0" : "v(" + nodeName.apply(node) + ")";
        }

        @Override
        public void collectNodes(Set<Integer> into) {
            if (node != Circuit.GROUND) {
                into.add(node);
            }
        }
    }

    /**
     * A binary operation.
     *
     * @param op    one of {@code + - * /}
     * @param left  left operand
     * @param right right operand
     */
    record Binary(char op, Expression left, Expression right) implements Expression {
        /** Checks the operator. */
        public Binary {
            if ("+-*/".indexOf(op) < 0) {
                throw new IllegalArgumentException("operator " + op);
            }
        }

        @Override
        public double value(double[] volts) {
            double a = left.value(volts);
            double b = right.value(volts);
            return switch (op) {
                case '+' -> a + b;
                case '-' -> a - b;
                case '*' -> a * b;
                default -> a / b;
            };
        }

        @Override
        public void addGradient(double[] volts, double scale, double[] gradient) {
            switch (op) {
                case '+' -> {
                    left.addGradient(volts, scale, gradient);
                    right.addGradient(volts, scale, gradient);
                }
                case '-' -> {
                    left.addGradient(volts, scale, gradient);
                    right.addGradient(volts, -scale, gradient);
                }
                case '*' -> {
                    left.addGradient(volts, scale * right.value(volts), gradient);
                    right.addGradient(volts, scale * left.value(volts), gradient);
                }
                default -> {
                    double b = right.value(volts);
                    left.addGradient(volts, scale / b, gradient);
                    right.addGradient(volts, -scale * left.value(volts) / (b * b), gradient);
                }
            }
        }

        @Override
        public String toSpice(IntFunction<String> nodeName) {
            return "(" + left.toSpice(nodeName) + op + right.toSpice(nodeName) + ")";
        }

        @Override
        public void collectNodes(Set<Integer> into) {
            left.collectNodes(into);
            right.collectNodes(into);
        }
    }

    /**
     * A function of one argument.
     *
     * @param function {@code neg}, {@code tanh} or {@code exp}
     * @param argument its argument
     */
    record Function(String function, Expression argument) implements Expression {
        /** Checks the function name. */
        public Function {
            function = function.toLowerCase(Locale.ROOT);
            if (!Set.of("neg", "tanh", "exp").contains(function)) {
                throw new IllegalArgumentException("function " + function);
            }
        }

        @Override
        public double value(double[] volts) {
            double x = argument.value(volts);
            return switch (function) {
                case "neg" -> -x;
                case "tanh" -> Math.tanh(x);
                default -> Math.exp(x);
            };
        }

        @Override
        public void addGradient(double[] volts, double scale, double[] gradient) {
            double x = argument.value(volts);
            double d = switch (function) {
                case "neg" -> -1.0;
                case "tanh" -> {
                    double t = Math.tanh(x);
                    yield 1 - t * t;
                }
                default -> Math.exp(x);
            };
            argument.addGradient(volts, scale * d, gradient);
        }

        @Override
        public String toSpice(IntFunction<String> nodeName) {
            return function.equals("neg") ? "(-" + argument.toSpice(nodeName) + ")"
                    : function + "(" + argument.toSpice(nodeName) + ")";
        }

        @Override
        public void collectNodes(Set<Integer> into) {
            argument.collectNodes(into);
        }
    }

    /**
     * PHAX's fitted inverter transfer curve, {@code c1 + c2 tanh(c4 (v(in) - c3))}.
     *
     * @param input the input node
     * @param c     the four coefficients c1..c4
     * @return the expression
     */
    static Expression tanhCurve(int input, double[] c) {
        return new Binary('+', new Constant(c[0]), new Binary('*', new Constant(c[1]), new Function("tanh",
                new Binary('*', new Constant(c[3]), new Binary('-', new Voltage(input), new Constant(c[2]))))));
    }
}
