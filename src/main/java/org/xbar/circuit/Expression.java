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
 *
 * <p>Evaluation recurses once per level of the tree, so the tree must stay shallow: a chain of
 * operators of one precedence ({@code a + b - c + ...}, {@code a * b / c * ...}) is one
 * {@link Sum} or {@link Product} node however long it is, evaluated left to right exactly as the
 * nested {@link Binary} operations it stands for, and the netlist reader refuses expressions
 * nested deeper than its stated limit (parentheses, function calls and signs), so no input can
 * make evaluation overflow the stack.
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
     * A chain of additions and subtractions, {@code terms[0] op[0] terms[1] op[1] terms[2] ...},
     * evaluated left to right (so exactly as the nested {@link Binary} operations it stands for)
     * without one level of recursion per term.
     *
     * @param terms     two or more terms
     * @param operators one {@code +} or {@code -} between each two terms ({@code terms.size() - 1})
     */
    record Sum(List<Expression> terms, String operators) implements Expression {
        /** Checks and copies the terms and operators. */
        public Sum {
            terms = List.copyOf(terms);
            checkChain(terms, operators, "+-");
        }

        @Override
        public double value(double[] volts) {
            double sum = terms.get(0).value(volts);
            for (int k = 1; k < terms.size(); k++) {
                double t = terms.get(k).value(volts);
                sum = operators.charAt(k - 1) == '+' ? sum + t : sum - t;
            }
            return sum;
        }

        @Override
        public void addGradient(double[] volts, double scale, double[] gradient) {
            terms.get(0).addGradient(volts, scale, gradient);
            for (int k = 1; k < terms.size(); k++) {
                terms.get(k).addGradient(volts, operators.charAt(k - 1) == '+' ? scale : -scale, gradient);
            }
        }

        @Override
        public String toSpice(IntFunction<String> nodeName) {
            return chainToSpice(terms, operators, nodeName);
        }

        @Override
        public void collectNodes(Set<Integer> into) {
            for (Expression t : terms) {
                t.collectNodes(into);
            }
        }
    }

    /**
     * A chain of multiplications and divisions, {@code factors[0] op[0] factors[1] ...}, evaluated
     * left to right (so exactly as the nested {@link Binary} operations it stands for) without one
     * level of recursion per factor. Its gradient is accumulated backwards through the chain (the
     * adjoint of each partial product), which takes two arrays the length of the chain.
     *
     * @param factors   two or more factors
     * @param operators one {@code *} or {@code /} between each two factors ({@code factors.size() - 1})
     */
    record Product(List<Expression> factors, String operators) implements Expression {
        /** Checks and copies the factors and operators. */
        public Product {
            factors = List.copyOf(factors);
            checkChain(factors, operators, "*/");
        }

        @Override
        public double value(double[] volts) {
            double product = factors.get(0).value(volts);
            for (int k = 1; k < factors.size(); k++) {
                double f = factors.get(k).value(volts);
                product = operators.charAt(k - 1) == '*' ? product * f : product / f;
            }
            return product;
        }

        @Override
        public void addGradient(double[] volts, double scale, double[] gradient) {
            int n = factors.size();
            double[] value = new double[n];
            double[] partial = new double[n];
            value[0] = factors.get(0).value(volts);
            partial[0] = value[0];
            for (int k = 1; k < n; k++) {
                value[k] = factors.get(k).value(volts);
                partial[k] = operators.charAt(k - 1) == '*' ? partial[k - 1] * value[k] : partial[k - 1] / value[k];
            }
            // adjoint = d(product)/d(partial[k]) * scale, from the end of the chain backwards
            double adjoint = scale;
            for (int k = n - 1; k >= 1; k--) {
                if (operators.charAt(k - 1) == '*') {
                    factors.get(k).addGradient(volts, adjoint * partial[k - 1], gradient);
                    adjoint *= value[k];
                } else {
                    factors.get(k).addGradient(volts, -adjoint * partial[k - 1] / (value[k] * value[k]), gradient);
                    adjoint /= value[k];
                }
            }
            factors.get(0).addGradient(volts, adjoint, gradient);
        }

        @Override
        public String toSpice(IntFunction<String> nodeName) {
            return chainToSpice(factors, operators, nodeName);
        }

        @Override
        public void collectNodes(Set<Integer> into) {
            for (Expression f : factors) {
                f.collectNodes(into);
            }
        }
    }

    private static void checkChain(List<Expression> operands, String operators, String allowed) {
        if (operands.size() < 2 || operators.length() != operands.size() - 1) {
            throw new IllegalArgumentException(operands.size() + " operands and " + operators.length() + " operators");
        }
        for (int k = 0; k < operators.length(); k++) {
            if (allowed.indexOf(operators.charAt(k)) < 0) {
                throw new IllegalArgumentException("operator " + operators.charAt(k));
            }
        }
    }

    private static String chainToSpice(List<Expression> operands, String operators, IntFunction<String> nodeName) {
        StringBuilder sb = new StringBuilder("(").append(operands.get(0).toSpice(nodeName));
        for (int k = 1; k < operands.size(); k++) {
            sb.append(operators.charAt(k - 1)).append(operands.get(k).toSpice(nodeName));
        }
        return sb.append(')').toString();
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
