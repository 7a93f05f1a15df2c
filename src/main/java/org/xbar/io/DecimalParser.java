package org.xbar.io;

/**
 * Decimal numbers parsed straight from a line of text, without a substring per value: the common
 * forms ({@code -1.25}, {@code 6.5e-05}, {@code 3}) by Clinger's fast path, everything else by
 * {@link Double#parseDouble}, so that every text gives exactly the double {@code parseDouble} gives.
 *
 * <p>The fast path is exact: a decimal significand of at most 15 digits is an exact double, a power
 * of ten up to 10^22 is an exact double, and one correctly rounded product or quotient of two exact
 * doubles is the correctly rounded value of the decimal number. Anything else (more digits, larger
 * exponents, hexadecimal, {@code Infinity}, {@code NaN}, a type suffix) takes the slow path.
 */
final class DecimalParser {
    private static final double[] POWERS = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14,
        1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    private static final int MAX_DIGITS = 15;

    private DecimalParser() {
    }

    /**
     * @param text  the text
     * @param start first character of the number (no surrounding spaces)
     * @param end   one past its last character, greater than start
     * @return the value {@code Double.parseDouble(text.substring(start, end))} gives
     * @throws NumberFormatException as {@code parseDouble} does
     */
    static double parse(CharSequence text, int start, int end) {
        int k = start;
        boolean negative = false;
        char c = text.charAt(k);
        if (c == '-' || c == '+') {
            negative = c == '-';
            k++;
        }
        long significand = 0;
        int digits = 0;
        int scale = 0;
        boolean anyDigit = false;
        boolean point = false;
        for (; k < end; k++) {
            c = text.charAt(k);
            if (c >= '0' && c <= '9') {
                anyDigit = true;
                if (significand == 0 && c == '0') {
                    if (point) {
                        scale--;
                    }
                    continue;
                }
                if (++digits > MAX_DIGITS) {
                    return slow(text, start, end);
                }
                significand = significand * 10 + (c - '0');
                if (point) {
                    scale--;
                }
            } else if (c == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (!anyDigit) {
            return slow(text, start, end);
        }
        if (k < end) {
            if (c != 'e' && c != 'E' || ++k == end) {
                return slow(text, start, end);
            }
            boolean negativeExponent = false;
            c = text.charAt(k);
            if (c == '-' || c == '+') {
                negativeExponent = c == '-';
                if (++k == end) {
                    return slow(text, start, end);
                }
            }
            int exponent = 0;
            for (; k < end; k++) {
                c = text.charAt(k);
                if (c < '0' || c > '9' || exponent > 10_000) {
                    return slow(text, start, end);
                }
                exponent = exponent * 10 + (c - '0');
            }
            scale += negativeExponent ? -exponent : exponent;
        }
        double value;
        if (significand == 0) {
            value = 0;
        } else if (scale >= 0 && scale < POWERS.length) {
            value = significand * POWERS[scale];
        } else if (scale < 0 && -scale < POWERS.length) {
            value = significand / POWERS[-scale];
        } else {
            return slow(text, start, end);
        }
        return negative ? -value : value;
    }

    private static double slow(CharSequence text, int start, int end) {
        return Double.parseDouble(text.subSequence(start, end).toString());
    }
}
