package org.xbar.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A sweep.csv without its timing columns, which are the only ones that may differ between engines. */
final class SweepCsv {
    private SweepCsv() {
    }

    /**
     * @param csv a sweep's results
     * @return its lines, in order, without the columns whose name ends in {@code _per_vector}
     */
    static List<String> withoutTimings(Path csv) throws IOException {
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
                if (!header[c].endsWith("_per_vector")) {
                    kept.append(cells[c]).append(',');
                }
            }
            out.add(kept.toString());
        }
        return out;
    }
}
