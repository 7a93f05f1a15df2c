package org.xbar.spice;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;
import org.xbar.circuit.Expression;
import org.xbar.error.Excerpt;

/**
 * Parses the expressions of behavioral sources: numbers (with SPICE suffixes), {@code v(node)},
 * {@code v(a, b)} (= {@code v(a) - v(b)}), {@code + - * /}, unary signs, parentheses, the
 * functions {@code tanh exp sinh cosh log sqrt abs} ({@code ln} is {@code log}, the natural
 * logarithm, as in ngspice), {@code pow(x, y)} and the power operator {@code x^y} (also written
 * {@code x**y}). The power binds tighter than a sign and associates to the right, as in ngspice's
 * grammar: {@code -x^2} is {@code -(x^2)}, {@code a^b^c} is {@code a^(b^c)}, and an exponent may
 * carry a sign ({@code x^-2}). Anything else is refused with the position and the text around it.
 *
 * <p>No input can make it, or the evaluation of what it builds, overflow the stack. A chain of one
 * precedence ({@code a + b + c ...}, {@code a * b / c ...}) is read in a loop into one
 * {@link Expression.Sum} or {@link Expression.Product} (two operands make an
 * {@link Expression.Binary}), and a run of signs into one negation at most, so a 20,000-term sum
 * is one level deep. Two depths are bounded by {@value #MAX_NESTING}: the parentheses and function
 * calls open at any point of the text (this parser recurses once per level), and the operations
 * nested inside one another in the result (evaluation recurses once per level: a chain, a
 * negation, {@code tanh}, {@code exp} and {@code v(a, b)} are one level each). Past either the
 * expression is refused with its position. The two agree on what {@link Expression#toSpice}
 * writes (one parenthesis or call per operation), so an expression read here reads back from the
 * netlist xbar writes for ngspice.
 */
final class ExpressionParser {
    /** The deepest nesting read: of parentheses and function calls in the text, and of operations in the result. */
    static final int MAX_NESTING = 200;

    private final String text;
    private final ToIntFunction<String> node;
    private int pos;
    private int nesting;

    /** An expression xbar cannot read: what is wrong, and the 0-based position in the expression. */
    static final class SyntaxException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final int position;

        SyntaxException(String message, int position) {
            super(message);
            this.position = position;
        }

        /** @return the 0-based position in the expression of the offending character */
        int position() {
            return position;
        }
    }

    private ExpressionParser(String text, ToIntFunction<String> node) {
        this.text = text;
        this.node = node;
    }

    /**
     * @param text the expression
     * @param node maps a node name to its index (creating it); an {@link IllegalArgumentException}
     *             it throws becomes a {@link SyntaxException} at the name
     * @return the expression
     * @throws SyntaxException describing the first problem and where it is
     */
    static Expression parse(String text, ToIntFunction<String> node) {
        ExpressionParser p = new ExpressionParser(text, node);
        Parsed e = p.sum();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error("unexpected \"" + Excerpt.of(text.substring(p.pos)) + "\"");
        }
        return e.expression();
    }

    private SyntaxException error(String what) {
        return new SyntaxException(what + " at character " + (pos + 1) + " (near \"" + Excerpt.around(text, pos) + "\")", pos);
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean take(char c) {
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    /** An expression with the depth of its tree: 0 for a number or v(node), 1 + its deepest operand otherwise. */
    private record Parsed(Expression expression, int depth) {
    }

    private void enter() {
        if (++nesting > MAX_NESTING) {
            throw error("the expression nests more than " + MAX_NESTING + " parentheses and function calls");
        }
    }

    private void leave() {
        nesting--;
    }

    private Parsed operation(Expression e, int depth) {
        if (depth > MAX_NESTING) {
            throw error("the expression nests more than " + MAX_NESTING + " operations inside one another");
        }
        return new Parsed(e, depth);
    }

    private Parsed sum() {
        List<Parsed> terms = new ArrayList<>();
        StringBuilder operators = new StringBuilder();
        terms.add(product());
        while (true) {
            if (take('+')) {
                operators.append('+');
            } else if (take('-')) {
                operators.append('-');
            } else {
                return chain(terms, operators.toString(), true);
            }
            terms.add(product());
        }
    }

    private Parsed product() {
        List<Parsed> factors = new ArrayList<>();
        StringBuilder operators = new StringBuilder();
        factors.add(unary());
        while (true) {
            skipSpace();
            if (take('*')) {
                operators.append('*');
            } else if (take('/')) {
                operators.append('/');
            } else {
                return chain(factors, operators.toString(), false);
            }
            factors.add(unary());
        }
    }

    private Parsed chain(List<Parsed> operands, String operators, boolean sum) {
        if (operands.size() == 1) {
            return operands.get(0);
        }
        int depth = 0;
        List<Expression> expressions = new ArrayList<>(operands.size());
        for (Parsed p : operands) {
            depth = Math.max(depth, p.depth());
            expressions.add(p.expression());
        }
        if (operands.size() == 2) {
            return operation(new Expression.Binary(operators.charAt(0), expressions.get(0), expressions.get(1)), depth + 1);
        }
        return operation(sum ? new Expression.Sum(expressions, operators) : new Expression.Product(expressions, operators),
                depth + 1);
    }

    /** A run of signs is read in a loop and is one negation at most (negation is exact, so -(-x) is x). */
    private Parsed unary() {
        boolean minus = false;
        while (true) {
            if (take('-')) {
                minus = !minus;
            } else if (!take('+')) {
                break;
            }
        }
        Parsed operand = power();
        return minus ? operation(new Expression.Function("neg", operand.expression()), operand.depth() + 1) : operand;
    }

    /** A primary, raised to a power when {@code ^} or {@code **} follows: right-associative, the exponent may be signed. */
    private Parsed power() {
        Parsed base = primary();
        skipSpace();
        boolean caret = pos < text.length() && text.charAt(pos) == '^';
        boolean stars = pos + 1 < text.length() && text.charAt(pos) == '*' && text.charAt(pos + 1) == '*';
        if (!caret && !stars) {
            return base;
        }
        pos += caret ? 1 : 2;
        enter();
        Parsed exponent = unary();
        leave();
        return operation(new Expression.Power(base.expression(), exponent.expression()),
                Math.max(base.depth(), exponent.depth()) + 1);
    }

    private Parsed primary() {
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == '(') {
            enter();
            pos++;
            Parsed e = sum();
            if (!take(')')) {
                throw error("missing )");
            }
            leave();
            return e;
        }
        if (pos >= text.length()) {
            throw error("the expression ends too early");
        }
        char c = text.charAt(pos);
        if (Character.isDigit(c) || c == '.') {
            return new Parsed(number(), 0);
        }
        if (Character.isLetter(c)) {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            String name = text.substring(start, pos).toLowerCase(Locale.ROOT);
            if (!take('(')) {
                pos = start;
                throw error("\"" + Excerpt.of(name) + "\" is not a number, v(node) or a function call");
            }
            if (name.equals("v")) {
                String a = nodeName();
                Expression e = new Expression.Voltage(nodeIndex(a));
                int depth = 0;
                if (take(',')) {
                    e = new Expression.Binary('-', e, new Expression.Voltage(nodeIndex(nodeName())));
                    depth = 1;
                }
                if (!take(')')) {
                    throw error("missing ) after v(" + Excerpt.of(a));
                }
                return new Parsed(e, depth);
            }
            String function = name.equals("ln") ? "log" : name;
            if (!function.equals("neg") && Expression.Function.FUNCTIONS.contains(function)) {
                enter();
                Parsed argument = sum();
                if (!take(')')) {
                    throw error("missing ) after " + name + "(");
                }
                leave();
                return operation(new Expression.Function(function, argument.expression()), argument.depth() + 1);
            }
            if (name.equals("pow")) {
                enter();
                Parsed base = sum();
                if (!take(',')) {
                    throw error("pow needs two arguments: pow(x, y)");
                }
                Parsed exponent = sum();
                if (!take(')')) {
                    throw error("missing ) after pow(");
                }
                leave();
                return operation(new Expression.Power(base.expression(), exponent.expression()),
                        Math.max(base.depth(), exponent.depth()) + 1);
            }
            pos = start;
            throw error("the function " + Excerpt.of(name) + " is not supported (only tanh, exp, sinh, cosh, log, ln,"
                    + " sqrt, abs and pow)");
        }
        throw error("unexpected \"" + Excerpt.escape(String.valueOf(c)) + "\"");
    }

    private Expression number() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.'
                || ((text.charAt(pos) == '+' || text.charAt(pos) == '-') && pos >= start + 2
                        && Character.toLowerCase(text.charAt(pos - 1)) == 'e' && Character.isDigit(text.charAt(pos - 2))))) {
            pos++;
        }
        String number = text.substring(start, pos);
        try {
            return new Expression.Constant(SpiceNumber.parse(number));
        } catch (NumberFormatException e) {
            pos = start;
            throw error("\"" + Excerpt.of(number) + "\" is not a number");
        }
    }

    private int nodeIndex(String name) {
        try {
            return node.applyAsInt(name);
        } catch (IllegalArgumentException e) {
            pos -= name.length();
            throw error(e.getMessage());
        }
    }

    private String nodeName() {
        skipSpace();
        int start = pos;
        while (pos < text.length() && !Character.isWhitespace(text.charAt(pos)) && text.charAt(pos) != ','
                && text.charAt(pos) != ')') {
            pos++;
        }
        if (start == pos) {
            throw error("a node name is missing");
        }
        return text.substring(start, pos);
    }
}
