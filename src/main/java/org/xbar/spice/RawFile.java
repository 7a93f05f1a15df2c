package org.xbar.spice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xbar.error.InputFormatException;

/**
 * ngspice's ASCII rawfile: one or more plots, each a header ({@code Title:}, {@code Plotname:},
 * {@code Flags:}, {@code No. Variables:}, {@code No. Points:}, {@code Variables:}) and its values,
 * one point after another. Real plots are read; complex plots (an AC analysis) are skipped, and
 * binary files are refused.
 */
public final class RawFile {
    private RawFile() {
    }

    /**
     * One plot: variable names ({@code v(node)}, {@code i(source)}, lower case as ngspice writes
     * them) and their values at every point.
     *
     * @param name      the plot name, such as "Operating Point"
     * @param variables variable names in file order
     * @param values    {@code values[point][variable]}
     */
    public record Plot(String name, List<String> variables, double[][] values) {
        /**
         * @param point a point index
         * @return every variable's value at that point, by name, in file order
         */
        public Map<String, Double> at(int point) {
            Map<String, Double> map = new LinkedHashMap<>();
            for (int v = 0; v < variables.size(); v++) {
                map.put(variables.get(v), values[point][v]);
            }
            return map;
        }
    }

    /**
     * @param file  file name for messages
     * @param lines the rawfile's lines
     * @return its plots, in file order
     * @throws InputFormatException naming the line of the first problem
     */
    public static List<Plot> parse(String file, List<String> lines) {
        List<Plot> plots = new ArrayList<>();
        int n = 0;
        while (n < lines.size()) {
            if (lines.get(n).isBlank()) {
                n++;
                continue;
            }
            String plotName = null;
            boolean complex = false;
            int variables = -1;
            int points = -1;
            while (n < lines.size() && !lines.get(n).startsWith("Variables:")) {
                String line = lines.get(n);
                if (line.startsWith("Binary:")) {
                    throw new InputFormatException(file, n + 1, 0, "is a binary rawfile; run ngspice with SPICE_ASCIIRAWFILE=1");
                }
                if (line.startsWith("Plotname:")) {
                    plotName = line.substring(9).strip();
                } else if (line.startsWith("Flags:") && line.toLowerCase(Locale.ROOT).contains("complex")) {
                    complex = true;
                } else if (line.startsWith("No. Variables:")) {
                    variables = integer(file, n, line.substring(14));
                } else if (line.startsWith("No. Points:")) {
                    points = integer(file, n, line.substring(11));
                }
                n++;
            }
            if (n >= lines.size() || variables < 0 || points < 0) {
                throw new InputFormatException(file, Math.min(n, lines.size()), 0,
                        "rawfile header incomplete (no Variables:, No. Variables: or No. Points:)");
            }
            n++;
            List<String> names = new ArrayList<>();
            for (int v = 0; v < variables; v++, n++) {
                String[] f = lines.get(n).strip().split("\\s+");
                if (f.length < 3) {
                    throw new InputFormatException(file, n + 1, 0, "\"" + lines.get(n).strip() + "\" is not a variable line");
                }
                names.add(f[1].toLowerCase(Locale.ROOT));
            }
            if (n >= lines.size() || !lines.get(n).startsWith("Values:")) {
                throw new InputFormatException(file, n + 1, 0, "expected Values:");
            }
            n++;
            if (complex) {
                n += points * variables;
                continue;
            }
            double[][] values = new double[points][variables];
            for (int p = 0; p < points; p++) {
                for (int v = 0; v < variables; v++, n++) {
                    if (n >= lines.size()) {
                        throw new InputFormatException(file, n, 0, "ends inside the values of point " + p);
                    }
                    String[] f = lines.get(n).strip().split("\\s+");
                    String text = f[f.length - 1];
                    try {
                        values[p][v] = Double.parseDouble(text);
                    } catch (NumberFormatException e) {
                        throw new InputFormatException(file, n + 1, 0, "\"" + org.xbar.error.Excerpt.of(text) + "\" is not a number");
                    }
                }
            }
            plots.add(new Plot(plotName, List.copyOf(names), values));
        }
        return plots;
    }

    private static int integer(String file, int line, String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new InputFormatException(file, line + 1, 0, "\"" + text.strip() + "\" is not a count");
        }
    }
}
