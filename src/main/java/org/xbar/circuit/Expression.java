package org.xbar.circuit;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntFunction;
import org.xbar.spec.DeviceIv;

/**
 * An expression of node voltages, for behavioral sources: numbers, {@code v(node)}, the four
 * arithmetic operations, negation, the functions {@code tanh exp sinh cosh log sqrt abs}, powers
 * ({@code pow(x, y)}, {@code x^y}) and the current of a crossbar device ({@link DeviceCurrent}). It
 * evaluates its value and its exact derivative with respect to every node it reads (forward-mode
 * differentiation), which is what a Newton iteration needs, and writes itself in ngspice's B-source
 * syntax.
 *
 * <p><b>Domains.</b> Outside a function's domain the value is NaN, never an exception: {@code log}
 * of a negative number (of 0: minus infinity), {@code sqrt} of a negative one. A power follows
 * ngspice 39 (not in a compatibility mode): {@code pow(x, y) = |x|^y}, defined for every base, with
 * the derivatives {@code y |x|^(y-1) sign(x)} and {@code |x|^y ln|x|}. The Newton solver checks
 * every value and derivative it loads and treats one that is not finite as a failed iteration
 * (then continuation, then a {@link org.xbar.error.NoConvergenceException} naming the source);
 * a result is never NaN.
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
     * @param function one of {@link #FUNCTIONS}: {@code neg} (negation), {@code tanh}, {@code exp},
     *                 {@code sinh}, {@code cosh}, {@code log} (natural), {@code sqrt}, {@code abs}
     * @param argument its argument
     */
    record Function(String function, Expression argument) implements Expression {
        /** The function names, {@code neg} being negation. */
        public static final Set<String> FUNCTIONS = Set.of("neg", "tanh", "exp", "sinh", "cosh", "log", "sqrt", "abs");

        /** Checks the function name. */
        public Function {
            function = function.toLowerCase(Locale.ROOT);
            if (!FUNCTIONS.contains(function)) {
                throw new IllegalArgumentException("function " + function);
            }
        }

        @Override
        public double value(double[] volts) {
            return apply(function, argument.value(volts));
        }

        /**
         * @param function a name of {@link #FUNCTIONS}
         * @param x        the argument
         * @return the function's value; NaN outside its domain
         */
        static double apply(String function, double x) {
            return switch (function) {
                case "neg" -> -x;
                case "tanh" -> Math.tanh(x);
                case "exp" -> Math.exp(x);
                case "sinh" -> Math.sinh(x);
                case "cosh" -> Math.cosh(x);
                case "log" -> x < 0 ? Double.NaN : Math.log(x);
                case "sqrt" -> x < 0 ? Double.NaN : Math.sqrt(x);
                default -> Math.abs(x);
            };
        }

        /**
         * @param function a name of {@link #FUNCTIONS}
         * @param x        the argument
         * @return the function's derivative; NaN outside its domain (and for {@code sqrt} at 0,
         *         where it is infinite)
         */
        static double derivative(String function, double x) {
            return switch (function) {
                case "neg" -> -1.0;
                case "tanh" -> {
                    double t = Math.tanh(x);
                    yield 1 - t * t;
                }
                case "exp" -> Math.exp(x);
                case "sinh" -> Math.cosh(x);
                case "cosh" -> Math.sinh(x);
                case "log" -> x < 0 ? Double.NaN : 1 / x;
                case "sqrt" -> x < 0 ? Double.NaN : 0.5 / Math.sqrt(x);
                default -> Math.signum(x);
            };
        }

        @Override
        public void addGradient(double[] volts, double scale, double[] gradient) {
            double x = argument.value(volts);
            argument.addGradient(volts, scale * derivative(function, x), gradient);
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
     * A power, {@code pow(base, exponent)} or {@code base^exponent}, as ngspice 39 computes it:
     * {@code |base|^exponent} (so a negative base never makes it NaN). Derivatives:
     * {@code exponent |base|^(exponent - 1) sign(base)} with respect to the base and
     * {@code |base|^exponent ln|base|} with respect to the exponent (only taken when the exponent
     * reads a node, so a constant exponent never asks for the logarithm of 0).
     *
     * @param base     the base
     * @param exponent the exponent
     */
    record Power(Expression base, Expression exponent) implements Expression {
        @Override
        public double value(double[] volts) {
            return Math.pow(Math.abs(base.value(volts)), exponent.value(volts));
        }

        @Override
        public void addGradient(double[] volts, double scale, double[] gradient) {
            double x = base.value(volts);
            double y = exponent.value(volts);
            double magnitude = Math.abs(x);
            if (!(base instanceof Constant)) {
                double d = y == 0 ? 0.0 : y == 1 ? Math.signum(x) : y * Math.pow(magnitude, y - 1) * Math.signum(x);
                base.addGradient(volts, scale * d, gradient);
            }
            if (!(exponent instanceof Constant)) {
                exponent.addGradient(volts, scale * Math.pow(magnitude, y) * Math.log(magnitude), gradient);
            }
        }

        @Override
        public String toSpice(IntFunction<String> nodeName) {
            return "pow(" + base.toSpice(nodeName) + "," + exponent.toSpice(nodeName) + ")";
        }

        @Override
        public void collectNodes(Set<Integer> into) {
            base.collectNodes(into);
            exponent.collectNodes(into);
        }
    }

    /**
     * The current of one crossbar device from node {@code plus} to node {@code minus},
     * {@code law.current(conductance, v(plus) - v(minus))}, with its exact derivative
     * {@code law.slope(...)}: evaluated directly, without a tree to walk, since a crossbar holds
     * one per cross point. It writes itself as ngspice reads it: a sinh device as
     * {@code G/K*sinh(K*v(plus,minus))}, a tabulated one as its piecewise cubic
     * ({@link DeviceIv.Table#toSpice}).
     *
     * @param law         the device's I-V law
     * @param conductance its low-voltage (programmed) conductance, siemens
     * @param plus        the node the current leaves (row node)
     * @param minus       the node the current enters (column node)
     */
    record DeviceCurrent(DeviceIv law, double conductance, int plus, int minus) implements Expression {
        @Override
        public double value(double[] volts) {
            return law.current(conductance, volts[plus] - volts[minus]);
        }

        @Override
        public void addGradient(double[] volts, double scale, double[] gradient) {
            double slope = scale * law.slope(conductance, volts[plus] - volts[minus]);
            gradient[plus] += slope;
            gradient[minus] -= slope;
        }

        @Override
        public String toSpice(IntFunction<String> nodeName) {
            String v = "v(" + nodeName.apply(plus) + "," + nodeName.apply(minus) + ")";
            return law.toSpice(conductance, v);
        }

        @Override
        public void collectNodes(Set<Integer> into) {
            if (plus != Circuit.GROUND) {
                into.add(plus);
            }
            if (minus != Circuit.GROUND) {
                into.add(minus);
            }
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
