package org.xbar.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table with aligned columns, for terminal summaries: numbers right-aligned, text
 * left-aligned, a rule under the header.
 */
public final class TextTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    /**
     * @param header column titles
     */
    public TextTable(String... header) {
        this.header = List.of(header);
    }

    /**
     * @param cells one cell per column
     * @return this table
     */
    public TextTable row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, header has " + header.size());
        }
        List<String> row = new ArrayList<>(cells.length);
        for (Object c : cells) {
            row.add(String.valueOf(c));
        }
        rows.add(row);
        return this;
    }

    @Override
    public String toString() {
        int[] width = new int[header.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = header.get(c).length();
            for (List<String> row : rows) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        appendRow(sb, header, width, false);
        for (int c = 0; c < width.length; c++) {
            sb.append(c == 0 ? "" : "  ").append("-".repeat(width[c]));
        }
        sb.append('\n');
        for (List<String> row : rows) {
            appendRow(sb, row, width, true);
        }
        return sb.toString();
    }

    private static void appendRow(StringBuilder sb, List<String> cells, int[] width, boolean alignNumbers) {
        for (int c = 0; c < width.length; c++) {
            String cell = cells.get(c);
            boolean right = alignNumbers && looksNumeric(cell);
            String pad = " ".repeat(width[c] - cell.length());
            sb.append(c == 0 ? "" : "  ").append(right ? pad + cell : cell + (c == width.length - 1 ? "" : pad));
        }
        sb.append('\n');
    }

    private static boolean looksNumeric(String s) {
        return !s.isEmpty() && (Character.isDigit(s.charAt(0)) || s.charAt(0) == '-' || s.charAt(0) == '.');
    }
}
