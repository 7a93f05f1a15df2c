package org.xbar.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbar.error.InputFormatException;
import org.xbar.io.CsvMatrix;

/**
 * An operating point as CSV: the header {@code node,value}, then one row per value named
 * {@code v(<node>)} or {@code i(<source>)}, lower case as ngspice writes them. Values are written
 * so that they parse back to the same double.
 */
public final class OperatingPointCsv {
    /** The header line. */
    public static final String HEADER = "node,value";

    private OperatingPointCsv() {
    }

    /**
     * @param values values by name, in the order to write
     * @return the CSV text
     */
    public static String format(Map<String, Double> values) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Map.Entry<String, Double> e : values.entrySet()) {
            sb.append(e.getKey()).append(',').append(Double.toString(e.getValue())).append('\n');
        }
        return sb.toString();
    }

    /**
     * @param file   target file (written atomically)
     * @param values values by name
     */
    public static void write(Path file, Map<String, Double> values) {
        String text = format(values);
        CsvMatrix.writeAtomically(file, out -> out.write(text));
    }

    /**
     * @param file a file written by {@link #write(Path, Map)}
     * @return its values by name, in file order
     */
    public static Map<String, Double> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputFormatException(file.toString(), 0, 0, "file not found");
        } catch (IOException e) {
            throw new InputFormatException(file.toString(), 0, 0, "cannot read: " + e.getMessage());
        }
        if (lines.isEmpty() || !lines.get(0).strip().equals(HEADER)) {
            throw new InputFormatException(file.toString(), 1, 0, "expected the header " + HEADER);
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty()) {
                continue;
            }
            int comma = line.lastIndexOf(',');
            if (comma <= 0) {
                throw new InputFormatException(file.toString(), n + 1, 0, "\"" + org.xbar.error.Excerpt.of(line) + "\" is not name,value");
            }
            try {
                values.put(line.substring(0, comma), Double.parseDouble(line.substring(comma + 1)));
            } catch (NumberFormatException e) {
                throw new InputFormatException(file.toString(), n + 1, 2, "\"" + line.substring(comma + 1) + "\" is not a number");
            }
        }
        return values;
    }
}
