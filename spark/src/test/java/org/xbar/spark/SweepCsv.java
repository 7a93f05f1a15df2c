package org.xbar.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A sweep.csv or accuracy.csv without its timing columns, which are the only ones that may differ between engines. */
final class SweepCsv {
    private SweepCsv() {
    }

    /**
     * @param csv a sweep's results
     * @return its lines, in order, without the columns whose name ends in {@code _per_vector}
     */
    static List<String> withoutTimings(Path csv) throws IOException {
        return withoutColumns(csv, name -> name.endsWith("_per_vector"));
    }

    /**
     * @param csv     a table with a header line and no quoted cells
     * @param dropped the names of the columns to leave out
     * @return its lines, in order, without those columns
     */
    static List<String> withoutColumns(Path csv, Predicate<String> dropped) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        String[] header = lines.get(0).split(",", -1);
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String[] cells = line.split(",", -1);
            if (cells.length != header.length) {
                throw new IllegalStateException(csv + ": a line with " + cells.length + " cells, the header has " + header.length);
            }
            StringBuilder kept = new StringBuilder();
            for (int c = 0; c < cells.length; c++) {
                if (!dropped.test(header[c])) {
                    kept.append(cells[c]).append(',');
                }
            }
            out.add(kept.toString());
        }
        return out;
    }
}
