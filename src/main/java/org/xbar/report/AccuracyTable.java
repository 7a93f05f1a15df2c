package org.xbar.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xbar.error.InputFormatException;
import org.xbar.io.CsvMatrix;
import org.xbar.io.JsonTree;
import org.xbar.study.AccuracyRow;

/**
 * The network study's {@code accuracy.csv}: {@link AccuracyRow#HEADER}, then one line per row.
 * Written atomically; read back (for redrawing the plots) with every problem named by file and line.
 */
public final class AccuracyTable {
    private AccuracyTable() {
    }

    /**
     * @param file the CSV file
     * @param rows the rows
     */
    public static void write(Path file, List<AccuracyRow> rows) {
        CsvMatrix.writeAtomically(file, w -> {
            w.write(AccuracyRow.HEADER + "\n");
            for (AccuracyRow r : rows) {
                w.write(String.join(",", r.dataset(), r.network(), r.training(), r.technology(), JsonTree.plain(r.sourceOhms()),
                        JsonTree.plain(r.neuronOhms()), JsonTree.plain(r.wireOhms()), r.tile(), JsonTree.plain(r.sigmaN()),
                        r.evaluator(), Double.toString(r.accuracy()), r.study(), quote(r.trainedFor()),
                        JsonTree.plain(r.chipSigma()), Integer.toString(r.testImages()),
                        String.format(Locale.ROOT, "%.3f", r.seconds()), r.fullScale(),
                        String.format(Locale.ROOT, "%.4f", r.meanLevel()))
                        + "\n");
            }
        });
    }

    private static String quote(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    /**
     * @param file a CSV written by {@link #write}
     * @return its rows
     * @throws InputFormatException naming the file and line of the first problem
     */
    public static List<AccuracyRow> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputFormatException(file.toString(), 0, 0, "file not found");
        } catch (IOException e) {
            throw new InputFormatException(file.toString(), 0, 0, "cannot read: " + e.getMessage());
        }
        if (lines.isEmpty() || !lines.get(0).strip().equals(AccuracyRow.HEADER)) {
            throw new InputFormatException(file.toString(), 1, 0, "is not an accuracy table: its first line must be "
                    + AccuracyRow.HEADER);
        }
        List<AccuracyRow> rows = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty()) {
                continue;
            }
            List<String> f = split(line);
            if (f.size() != 18) {
                throw new InputFormatException(file.toString(), n + 1, 0, "has " + f.size() + " fields, expected 18");
            }
            try {
                rows.add(new AccuracyRow(f.get(0), f.get(1), f.get(2), f.get(3), Double.parseDouble(f.get(4)),
                        Double.parseDouble(f.get(5)), Double.parseDouble(f.get(6)), f.get(7), Double.parseDouble(f.get(8)),
                        f.get(9), Double.parseDouble(f.get(10)), f.get(11), f.get(12), Double.parseDouble(f.get(13)),
                        Integer.parseInt(f.get(14)), Double.parseDouble(f.get(15)), f.get(16), Double.parseDouble(f.get(17))));
            } catch (NumberFormatException e) {
                throw new InputFormatException(file.toString(), n + 1, 0, "a number does not parse: " + e.getMessage());
            }
        }
        return rows;
    }

    private static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int k = 0; k < line.length(); k++) {
            char c = line.charAt(k);
            if (quoted) {
                if (c == '"' && k + 1 < line.length() && line.charAt(k + 1) == '"') {
                    current.append('"');
                    k++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    current.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        fields.add(current.toString());
        return fields;
    }
}
