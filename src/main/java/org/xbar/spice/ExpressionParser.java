package org.xbar.spice;

import java.util.Locale;
import java.util.function.ToIntFunction;
import org.xbar.circuit.Expression;

/**
 * Parses the expressions of behavioral sources: numbers (with SPICE suffixes), {@code v(node)},
 * {@code v(a, b)} (= {@code v(a) - v(b)}), {@code + - * /}, unary minus, parentheses,
 * {@code tanh(...)} and {@code exp(...)}. Anything else is refused with the position and text.
 */
final class ExpressionParser {
    private final String text;
    private final ToIntFunction<String> node;
    private int pos;

    private ExpressionParser(String text, ToIntFunction<String> node) {
        this.text = text;
        this.node = node;
    }

    /**
     * @param text the expression
     * @param node maps a node name to its index (creating it)
     * @return the expression
     * @throws IllegalArgumentException describing the first problem
     */
    static Expression parse(String text, ToIntFunction<String> node) {
        ExpressionParser p = new ExpressionParser(text, node);
        Expression e = p.sum();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error("unexpected \"" + text.substring(p.pos) + "\"");
        }
        return e;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at character " + (pos + 1) + " of \"" + text + "\"");
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

    private Expression sum() {
        Expression e = product();
        while (true) {
            if (take('+')) {
                e = new Expression.Binary('+', e, product());
            } else if (take('-')) {
                e = new Expression.Binary('-', e, product());
            } else {
                return e;
            }
        }
    }

    private Expression product() {
        Expression e = unary();
        while (true) {
            skipSpace();
            if (pos + 1 < text.length() && text.charAt(pos) == '*' && text.charAt(pos + 1) == '*') {
                throw error("the power operator is not supported");
            }
            if (take('*')) {
                e = new Expression.Binary('*', e, unary());
            } else if (take('/')) {
                e = new Expression.Binary('/', e, unary());
            } else {
                return e;
            }
        }
    }

    private Expression unary() {
        if (take('-')) {
            return new Expression.Function("neg", unary());
        }
        if (take('+')) {
            return unary();
        }
        return primary();
    }

    private Expression primary() {
        skipSpace();
        if (take('(')) {
            Expression e = sum();
            if (!take(')')) {
                throw error("missing )");
            }
            return e;
        }
        if (pos >= text.length()) {
            throw error("the expression ends too early");
        }
        char c = text.charAt(pos);
        if (Character.isDigit(c) || c == '.') {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.'
                    || ((text.charAt(pos) == '+' || text.charAt(pos) == '-')
                            && Character.toLowerCase(text.charAt(pos - 1)) == 'e' && Character.isDigit(text.charAt(pos - 2))))) {
                pos++;
            }
            String number = text.substring(start, pos);
            try {
                return new Expression.Constant(SpiceNumber.parse(number));
            } catch (NumberFormatException e) {
                pos = start;
                throw error("\"" + number + "\" is not a number");
            }
        }
        if (Character.isLetter(c)) {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            String name = text.substring(start, pos).toLowerCase(Locale.ROOT);
            if (!take('(')) {
                pos = start;
                throw error("\"" + name + "\" is not a number, v(node) or a function call");
            }
            if (name.equals("v")) {
                String a = nodeName();
                Expression e = new Expression.Voltage(node.applyAsInt(a));
                if (take(',')) {
                    e = new Expression.Binary('-', e, new Expression.Voltage(node.applyAsInt(nodeName())));
                }
                if (!take(')')) {
                    throw error("missing ) after v(" + a);
                }
                return e;
            }
            if (name.equals("tanh") || name.equals("exp")) {
                Expression argument = sum();
                if (!take(')')) {
                    throw error("missing ) after " + name + "(");
                }
                return new Expression.Function(name, argument);
            }
            pos = start;
            throw error("the function " + name + " is not supported (only tanh and exp)");
        }
        throw error("unexpected \"" + c + "\"");
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
