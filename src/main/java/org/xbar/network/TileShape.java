package org.xbar.network;

import java.io.Serializable;
import java.util.Locale;
import org.xbar.error.InvalidParameterException;

/**
 * The largest crossbar a layer is split into (seed 004 Fig. 2b), in rows of the augmented matrix
 * {@code [W; b]} by outputs. The rows split in order into groups of {@code rows} (the bias row falls
 * in the last group), the outputs into groups of {@code cols}; each tile is its own crossbar with
 * its own drivers, senses and wires, and the partial outputs of the row groups are summed
 * digitally. {@link #FULL} keeps each layer on one crossbar.
 *
 * @param rows rows per tile, {@code >= 1}
 * @param cols outputs per tile, {@code >= 1}
 */
public record TileShape(int rows, int cols) implements Serializable {
    /** One crossbar per layer, whatever its size. */
    public static final TileShape FULL = new TileShape(Integer.MAX_VALUE, Integer.MAX_VALUE);

    /** Validates the sizes. */
    public TileShape {
        if (rows < 1 || cols < 1) {
            throw new InvalidParameterException("tile", rows + "x" + cols, "rows and columns must be at least 1");
        }
    }

    /**
     * @param text {@code full}, {@code RxC} (such as {@code 64x64}) or {@code N} for N x N
     * @return the tile shape
     * @throws InvalidParameterException naming the text when it is not one of these
     */
    public static TileShape parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("full")) {
            return FULL;
        }
        String[] parts = t.split("x", -1);
        if (parts.length > 2) {
            throw new InvalidParameterException("tile", text, "must be full, RxC or N (such as 64x64)");
        }
        try {
            int rows = Integer.parseInt(parts[0].strip());
            int cols = parts.length == 2 ? Integer.parseInt(parts[1].strip()) : rows;
            if (rows < 1 || cols < 1) {
                throw new InvalidParameterException("tile", text, "rows and columns must be at least 1");
            }
            return new TileShape(rows, cols);
        } catch (NumberFormatException e) {
            throw new InvalidParameterException("tile", text, "must be full, RxC or N with whole numbers (such as 64x64)");
        }
    }

    /** @return true for one crossbar per layer */
    public boolean full() {
        return rows == Integer.MAX_VALUE && cols == Integer.MAX_VALUE;
    }

    /** @return {@code full} or {@code RxC} */
    public String label() {
        return full() ? "full" : rows + "x" + cols;
    }

    @Override
    public String toString() {
        return label();
    }
}
