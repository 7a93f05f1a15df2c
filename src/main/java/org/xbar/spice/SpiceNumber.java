package org.xbar.spice;

import java.util.Locale;

/**
 * Numbers as SPICE writes them: a decimal number with an optional exponent, then an optional
 * scale factor, then any letters (a unit) that SPICE ignores. Scale factors, case-insensitive:
 * {@code t} 1e12, {@code g} 1e9, {@code meg} 1e6, {@code k} 1e3, {@code mil} 25.4e-6, {@code m}
 * 1e-3, {@code u} 1e-6, {@code n} 1e-9, {@code p} 1e-12, {@code f} 1e-15. So {@code 1.5k},
 * {@code 2Meg}, {@code 10uF}, {@code 1e3} and {@code 1kohm} all read as SPICE reads them; note that
 * {@code 1M} is one milli, and {@code 1F} one femto.
 */
public final class SpiceNumber {
    private SpiceNumber() {
    }

    /**
     * @param token the text of one number
     * @return its value
     * @throws NumberFormatException when the token does not start with a number
     */
    public static double parse(String token) {
        String t = token.toLowerCase(Locale.ROOT);
        int end = numberEnd(t);
        if (end == 0) {
            throw new NumberFormatException("not a number");
        }
        String number = t.substring(0, end);
        String rest = t.substring(end);
        int exponent = 0;
        double scale = 1.0;
        if (rest.startsWith("meg")) {
            exponent = 6;
        } else if (rest.startsWith("mil")) {
            scale = 25.4e-6;
        } else if (!rest.isEmpty()) {
            switch (rest.charAt(0)) {
                case 't' -> exponent = 12;
                case 'g' -> exponent = 9;
                case 'k' -> exponent = 3;
                case 'm' -> exponent = -3;
                case 'u' -> exponent = -6;
                case 'n' -> exponent = -9;
                case 'p' -> exponent = -12;
                case 'f' -> exponent = -15;
                default -> {
                    if (!Character.isLetter(rest.charAt(0))) {
                        throw new NumberFormatException("unexpected \"" + rest + "\" after the number");
                    }
                }
            }
        }
        for (int k = 0; k < rest.length(); k++) {
            if (!Character.isLetter(rest.charAt(k))) {
                throw new NumberFormatException("unexpected \"" + rest + "\" after the number");
            }
        }
        // A power-of-ten scale goes into the exponent, so "20u" is the double nearest 20e-6.
        int e = number.indexOf('e');
        String scaled = e < 0 ? number + "e" + exponent
                : number.substring(0, e) + "e" + (Integer.parseInt(number.substring(e + 1)) + exponent);
        double value = Double.parseDouble(scaled) * scale;
        if (!Double.isFinite(value)) {
            throw new NumberFormatException("not a finite number");
        }
        return value;
    }

    /** @return the length of the longest prefix that is a decimal number with optional exponent */
    private static int numberEnd(String t) {
        int k = 0;
        int n = t.length();
        if (k < n && (t.charAt(k) == '+' || t.charAt(k) == '-')) {
            k++;
        }
        int digits = 0;
        while (k < n && Character.isDigit(t.charAt(k))) {
            k++;
            digits++;
        }
        if (k < n && t.charAt(k) == '.') {
            k++;
            while (k < n && Character.isDigit(t.charAt(k))) {
                k++;
                digits++;
            }
        }
        if (digits == 0) {
            return 0;
        }
        if (k < n && t.charAt(k) == 'e') {
            int e = k + 1;
            if (e < n && (t.charAt(e) == '+' || t.charAt(e) == '-')) {
                e++;
            }
            int expDigits = 0;
            while (e < n && Character.isDigit(t.charAt(e))) {
                e++;
                expDigits++;
            }
            if (expDigits > 0) {
                k = e;
            }
        }
        return k;
    }

    /**
     * @param value a finite number
     * @return text that SPICE reads back as exactly the same double
     */
    public static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
